"""UCDP Georeferenced Event Dataset (GED): the CSV download, the API's answers, and files
re-saved by Excel (cp1252 text, dates turned into '1/22/2014 12:00:00 AM' month-first).

Precision from UCDP's codes (GED codebook): where_prec 1 = the exact location named (the
point of that place, a town or village: 'town' here, not the site itself), 2 = within
about 25 km of a named place, 3 = a second-order administrative unit (raion), 4 = a
first-order unit (oblast), 5 = a line or area such as a front line, 6 = only the country
(no point is drawn; the file's point is named in geo_method), 7 = international waters or
airspace (precision unknown). date_prec 1 = the day, 2-3 = within a few days or a week,
4 = within a month, 5 = within a year: date_start..date_end hold the interval. Deaths are
UCDP's best estimate with its low and high ones; the source headline is the description.
"""

from __future__ import annotations

import pandas as pd

from geo.importing.presets.base import Preset, coded, joined, prefixed

WHERE_PRECISION = {"1": "town", "2": "town", "3": "admin1", "4": "admin1", "5": "admin1",
                   "6": "country", "7": "unknown"}
WHERE_METHOD = {
    "1": "the exact location named by UCDP (the point of that place)",
    "2": "within about 25 km of the place UCDP names (that place's point)",
    "3": "a second-order administrative unit (raion): its representative point",
    "4": "a first-order administrative unit (oblast): its representative point",
    "5": "a line or an area (e.g. along the front line): a point on it",
    "6": "only the country is known; UCDP's point, not drawn:",
    "7": "international waters or airspace: UCDP's point, precision unknown",
}
DATE_PRECISION = {"1": "day", "2": "approximate", "3": "week", "4": "month", "5": "approximate"}
# GED's 49 columns (versions 20.1 to 25.1 and the monthly candidate releases)
GED_LAYOUT = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
    "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
    "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low", "gwnoa", "gwnob",
)
VIOLENCE = {"1": "state_based_violence", "2": "non_state_violence", "3": "one_sided_violence"}


def _ucdp(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    where = coded(out["geo_precision"], {})
    method = where.map(WHERE_METHOD).fillna("UCDP where_prec '" + where + "'")
    country_only = where == "6"
    point = out["latitude"] + ", " + out["longitude"]
    out["geo_method"] = ("UCDP GED where_prec " + where + ": " + method
                         + (" " + point).where(country_only, ""))
    out["geo_precision"] = coded(out["geo_precision"], WHERE_PRECISION)
    out.loc[country_only, ["latitude", "longitude"]] = ""
    when = coded(out["date_precision"], {})
    out["date_precision"] = coded(out["date_precision"], DATE_PRECISION)
    out["date_text"] = ("UCDP date_prec " + when + ": " + out["date_start"] + " to "
                        + out["date_end"]).where(when.isin(["2", "3", "4", "5"]), "")
    out["incident_id"] = prefixed("ucdp-", out["incident_id"])
    out["subtype"] = coded(out["violence_type"], VIOLENCE)
    best, low, high = (out[name].str.strip() for name in ("deaths_best", "deaths_low",
                                                          "deaths_high"))
    bounds = joined(("low " + low).where(low != "", ""), ("high " + high).where(high != "", ""),
                    separator=", ")
    out["casualties"] = (best + " killed (UCDP best estimate" + ("; " + bounds).where(
        bounds != "", "") + ")").where(best != "", "")
    out["description"] = joined(out["dyad"], out["description"], out["where_description"],
                                separator=". ")
    out["source_name"] = "UCDP GED"
    return out


UCDP = Preset(
    name="ucdp", label="UCDP GED events",
    help="UCDP's georeferenced events: where_prec 1-7 and date_prec 1-5 mapped to "
         "precision, deaths as best (low-high) estimates, the source headline as the "
         "description and the original source as the claimant. Events are matched on "
         "UCDP's id: a newer version updates them.",
    mapping={"incident_id": ("id",), "date_start": ("date_start",),
             "date_end": ("date_end",), "date_precision": ("date_prec",),
             "place": ("where_coordinates",), "admin1": ("adm_1",), "country": ("country",),
             "latitude": ("latitude",), "longitude": ("longitude",),
             "geo_precision": ("where_prec",), "description": ("source_headline",),
             "claimant": ("source_original",), "violence_type": ("type_of_violence",),
             # best_est, low_est, high_est: GED's names up to version 2.0 (2015)
             "deaths_best": ("best", "best_est"), "deaths_low": ("low", "low_est"),
             "deaths_high": ("high", "high_est"),
             "dyad": ("dyad_name",), "where_description": ("where_description",)},
    signature=(frozenset({"where_prec", "date_prec", "best"}),
               frozenset({"where_prec", "date_prec", "best_est"}),
               frozenset({"where_coordinates", "type_of_violence", "date_start"})),
    extra_fields={"violence_type": "Type of violence (1-3)", "deaths_best": "Deaths (best)",
                  "deaths_low": "Deaths (low)", "deaths_high": "Deaths (high)",
                  "dyad": "Dyad (sides)", "where_description": "Where (description)"},
    transform=_ucdp, identity=True, id_prefix="ucdp-", lists_missing=True, day_first=False,
    fixed={"category": "other", "claim_status": "reported"}, layouts=(GED_LAYOUT,),
)
