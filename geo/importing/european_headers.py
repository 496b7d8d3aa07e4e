"""Header names of German and French spreadsheets, for each import field: analysts and
newsrooms keep their tables in their language ('Datum', 'Breitengrad', 'Ort'; 'Lieu',
'Pays', 'Remarques').

Names are as `normalise_header` writes them (lower case, 'ä' kept, 'ß' as 'ss', spaces as
'_'); each field's English and Cyrillic names are tried first (geo.importing.columns).
German 'Tag' (day) is left out: in English files a 'tag' is a label.
"""

from __future__ import annotations

GERMAN_NAMES: dict[str, tuple[str, ...]] = {
    "date_start": ("datum", "ereignisdatum", "datum_des_ereignisses", "startdatum",
                   "beginn", "von"),
    "date_end": ("enddatum", "ende", "bis"),
    "time": ("uhrzeit", "zeit"),
    "latitude": ("breitengrad", "breite", "geogr_breite", "nördliche_breite"),
    "longitude": ("längengrad", "laengengrad", "länge", "laenge", "geogr_länge",
                  "östliche_länge"),
    "place": ("ort", "ortschaft", "ortsname", "stadt", "gemeinde", "dorf", "standort",
              "anlage", "objekt"),
    "country": ("land", "staat"),
    "admin1": ("bundesland", "gebiet", "oblast"),
    "admin2": ("landkreis", "kreis", "bezirk", "rajon"),
    "category": ("kategorie", "art", "typ", "ereignistyp"),
    "subtype": ("unterkategorie", "untertyp"),
    "operator": ("betreiber", "eigentümer", "unternehmen", "firma"),
    "munitions": ("waffe", "waffen", "waffentyp", "munition"),
    "casualties": ("tote", "todesopfer", "opfer"),
    "description": ("beschreibung", "bemerkung", "bemerkungen", "notiz", "notizen",
                    "kommentar", "anmerkung", "anmerkungen"),
    "source_name": ("quelle", "quellen"),
    "source_url": ("quelllink", "link_zur_quelle", "quellen_url", "quelle_url"),
    "claim_status": ("verifizierung", "bestätigung"),
}

FRENCH_NAMES: dict[str, tuple[str, ...]] = {
    "date_start": ("date_de_l_événement", "date_de_l_evenement", "date_début", "date_debut",
                   "date_de_début", "date_de_debut"),
    "date_end": ("date_fin", "date_de_fin"),
    "time": ("heure",),
    "place": ("lieu", "localité", "localite", "ville", "commune", "emplacement",
              "nom_du_lieu"),
    "country": ("pays",),
    "admin1": ("région",),
    "admin2": ("raïon",),
    "category": ("catégorie", "categorie", "type_d_événement", "type_d_evenement"),
    "subtype": ("sous_type", "sous_catégorie", "sous_categorie"),
    "operator": ("exploitant", "opérateur", "operateur", "propriétaire", "entreprise"),
    "munitions": ("arme", "armes"),
    "casualties": ("morts", "victimes", "décès", "deces", "tués", "tues"),
    "description": ("remarques", "remarque", "commentaire", "commentaires"),
    "source_url": ("lien", "lien_source", "url_source"),
    "claim_status": ("statut",),
}
