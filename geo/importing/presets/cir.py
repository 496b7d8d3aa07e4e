"""The Russia-Ukraine monitor map of the Centre for Information Resilience (CIR) and
Bellingcat, as its CSV export writes it: `entry, date, event_group, title, brief description,
lat, lon, country, province, district, town/city, arms/munition, violence level, link,
geolocation`.

`entry` ('UW0067') is CIR's id of the event: rows are matched on it, so a re-import adds
nothing and two entries at one point on one day stay two events. The event group
('Bombing or Explosion Feb - June', 'Russian Military Presence March 2022') gives the
category and, without its period, the subtype; it, the violence level (1-5 or 'GRAPHIC')
and the geolocation link are kept in the description. The export states no precision for
its points: they are kept as given, precision unknown. Rows the export leaves undated start
their title with the date, day first ('01/03/2022 Destroyed ...'): that date is read.

The same organisation's Eyes on Russia map (`events.geojson`: id, verifiedDate, url, status,
credit, description, country, province, district, city, categories) is read alike: its `id`
is the event's id, its categories (a list) the event group, its status and credit are kept
in the description.
"""

from __future__ import annotations

import pandas as pd

from geo.importing.presets.base import Preset, joined, prefixed, slug
from geo.importing.presets.json_cells import each_cell, parsed

# the group's words without the period CIR adds to it; strikes and arrests are this map's
# own categories, troop movements, losses and the rest are 'other'
CATEGORIES = {"bombing_or_explosion": "strike", "civilian_infrastructure_damage": "strike",
              "military_infrastructure_damage": "strike", "detentions_or_arrests": "security"}
PERIOD = (r"\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
          r"(?:\s+\d{4})?(?:\s*-\s*(?:now|[a-z]+(?:\s+\d{4})?))?|\d{4})$")
TITLE_DATE = r"^\s*(\d{1,2}/\d{1,2}/\d{4})\b"


def _reused(frame: pd.DataFrame, entry: pd.Series) -> pd.Series:
    """Rows whose entry an earlier row of another event holds (the export reuses a few:
    'UW0132' is a convoy on 6 February and another on 9 February, far apart). Without the
    id such a row is matched like a row of any table, by date, place and kind."""
    event = frame[["date_start", "latitude", "longitude", "description"]]
    first = ~pd.concat([entry, event], axis=1).duplicated()
    return (entry != "") & entry.duplicated() & first


def _groups(text: str) -> list[str]:
    """The event groups of one cell: a JSON list (Eyes on Russia's categories) or text."""
    value = parsed(text)
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = text.strip()
    return [text] if text else []


def _kinds(groups: list[list[str]]) -> list[tuple[str, str]]:
    """(subtype, category) of each event's groups: its first group, the first category one
    of them gives; each distinct group read once."""
    distinct = pd.Series(sorted({g for row in groups for g in row}), dtype=object)
    kind = dict(zip(distinct, slug(distinct.str.replace(PERIOD, "", regex=True, case=False)),
                    strict=True))
    out = []
    for row in groups:
        kinds = [kind[g] for g in row]
        category = next((CATEGORIES[k] for k in kinds if k in CATEGORIES), "other")
        out.append((kinds[0], category) if kinds else ("", ""))
    return out


def _cir(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    groups = each_cell(_groups, out["event_group"], "event group")
    kinds = _kinds(groups)
    group = pd.Series(["; ".join(g) for g in groups], index=out.index, dtype=object)
    out["subtype"] = pd.Series([k for k, _ in kinds], index=out.index, dtype=object)
    out["category"] = pd.Series([c for _, c in kinds], index=out.index, dtype=object)
    titled = out["title"].str.extract(TITLE_DATE)[0].fillna("")
    undated = (out["date_start"] == "") & (titled != "")
    out["date_start"] = out["date_start"].where(~undated, titled)
    out["date_text"] = ("CIR date empty; from the title: " + titled).where(undated,
                                                                           out["date_text"])
    level = out["violence_level"].str.strip()
    title = out["title"].str.strip()
    # the title is the brief description after a date, mostly: kept only when it says more
    says_more = pd.Series([bool(t) and not t.endswith(d) for t, d in zip(
        title, out["description"], strict=True)], index=out.index, dtype=bool)
    out["description"] = joined(
        out["description"],
        ("Title: " + title).where(says_more, ""),
        ("CIR event group: " + group).where(group != "", ""),
        ("CIR violence level " + level).where(level != "", ""),
        ("Geolocation: " + out["geolocation"]).where(out["geolocation"] != "", ""),
        ("CIR status: " + out["cir_status"]).where(out["cir_status"] != "", ""),
        ("Credit: " + out["credit"]).where(out["credit"] != "", ""),
        separator="\n")
    entry = out["incident_id"].str.strip()
    reused = _reused(out, entry)
    out["description"] = joined(out["description"], ("CIR entry " + entry + " (the export "
                                "gives this id to another event too)").where(reused, ""),
                                separator="\n")
    out["incident_id"] = prefixed("cir-", entry.where(~reused, ""))
    out["geo_method"] = "coordinates from the CIR export (it states no precision)"
    out["source_name"] = "Centre for Information Resilience"
    return out


CIR = Preset(
    name="cir", label="CIR / Bellingcat Russia-Ukraine monitor map",
    help="The monitor map's export (entry, date, event_group, title, brief description, "
         "lat, lon, ..., violence level, link, geolocation) and Eyes on Russia's events "
         "(id, verifiedDate, categories, ...): entries are matched on their "
         "id, so a re-import adds nothing and a newer export updates them; the event group "
         "gives the category (bombing, damage: strike; arrests: security; others: other); "
         "coordinates kept as given, precision unknown (the map states none).",
    mapping={"incident_id": ("entry", "id"), "date_start": ("date", "verified_date"),
             "title": ("title",), "event_group": ("event_group", "categories"),
             "description": ("brief_description", "description"),
             "latitude": ("lat", "latitude"), "longitude": ("lon", "longitude"),
             "country": ("country",), "admin1": ("province",), "admin2": ("district",),
             "place": ("town_city", "city"), "munitions": ("arms_munition",),
             "violence_level": ("violence_level",), "source_url": ("link", "url"),
             "geolocation": ("geolocation",), "cir_status": ("status",),
             "credit": ("credit",)},
    signature=(frozenset({"entry", "event_group", "violence_level"}),
               frozenset({"entry", "brief_description", "geolocation"}),
               frozenset({"verified_date", "credit", "categories"})),
    extra_fields={"title": "Title", "event_group": "CIR event group (categories)",
                  "violence_level": "CIR violence level", "geolocation": "Geolocation link",
                  "cir_status": "CIR status", "credit": "Credit"},
    transform=_cir, identity=True, id_prefix="cir-", lists_missing=True,
    fixed={"claim_status": "reported"}, day_first=True,
)
