"""ACLED exports: the Data Export Tool's CSV/Excel and the API's CSV/JSON, old and new
column sets (with or without time_precision, iso, event_id_no_cnty, timestamp, tags,
civilian_targeting, population_best, ...), dates as '08 August 2025', '2025-08-08' or
'08/08/2025 00:00:00' (a file re-saved by Excel).

Precision from ACLED's own codes (its codebook): geo_precision 1 = the coordinates of the
named town; 2 = the event was near that town, in its surroundings, placed at the town;
3 = only a larger region is known. time_precision 1/2/3 = day / week / month. A column
ACLED did not export stays unstated: coordinates without geo_precision are kept with an
unknown precision, a date without time_precision is read at the precision it is written.
Each event keeps its event_id_cnty ('acled-UKR12345'): a newer export updates it.
"""

from __future__ import annotations

import pandas as pd

from geo.importing.presets.base import Preset, coded, prefixed, slug

GEO_PRECISION = {"1": "town", "2": "town", "3": "admin1"}
GEO_METHOD = {
    "1": "ACLED geo_precision 1: the coordinates of the named town",
    "2": "ACLED geo_precision 2: near the named town, placed at the town's coordinates",
    "3": "ACLED geo_precision 3: only a larger region is known; its coordinates",
}
TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
# "Remote violence" is the same event type in exports before ACLED's 2019 renaming
CATEGORIES = {"explosions/remote violence": "strike", "remote violence": "strike"}
SUB_CATEGORIES = {"agreement": "diplomatic", "arrests": "security"}


def _acled(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    geo_code = coded(out["geo_precision"], {})
    time_code = coded(out["date_precision"], {})
    out["geo_method"] = geo_code.map(GEO_METHOD).fillna(
        ("ACLED coordinates, geo_precision '" + geo_code + "'").where(
            geo_code != "", "ACLED coordinates; the file states no geo_precision"))
    out["geo_precision"] = coded(out["geo_precision"], GEO_PRECISION)
    out["date_precision"] = coded(out["date_precision"], TIME_PRECISION)
    event, sub_event = out["category"].str.strip().str.lower(), out["subtype"].str.lower()
    category = sub_event.map(SUB_CATEGORIES).fillna(event.map(CATEGORIES))
    out["category"] = category.fillna("other").where(event != "", "")
    out["subtype"] = slug(out["subtype"])
    out["date_text"] = ("ACLED event_date " + out["date_start"] + ", time_precision "
                        + time_code).where(time_code.isin(["2", "3"]), out["date_text"])
    out["incident_id"] = prefixed("acled-", out["incident_id"].where(
        out["incident_id"] != "", out["acled_data_id"]))
    out["source_name"] = "ACLED"
    return out


ACLED = Preset(
    name="acled", label="ACLED export",
    help="ACLED's event_date, location, latitude/longitude with geo_precision 1-3 (town / "
         "near the town / region) and time_precision 1-3 (day / week / month); the sources "
         "ACLED cites become the claimant, status 'reported'. Events are matched on "
         "event_id_cnty: a newer export updates them and lists those it no longer holds.",
    mapping={"date_start": ("event_date",), "date_precision": ("time_precision",),
             "place": ("location",), "admin1": ("admin1",), "country": ("country",),
             "latitude": ("latitude",), "longitude": ("longitude",),
             "geo_precision": ("geo_precision",), "category": ("event_type",),
             "subtype": ("sub_event_type",), "description": ("notes",),
             "claimant": ("source",), "casualties": ("fatalities",),
             "incident_id": ("event_id_cnty", "event_id"), "acled_data_id": ("data_id",)},
    signature=(frozenset({"event_date", "event_type", "event_id_cnty"}),
               frozenset({"event_date", "event_type", "sub_event_type"}),
               frozenset({"event_date", "event_type", "time_precision"})),
    extra_fields={"acled_data_id": "ACLED data_id (when event_id_cnty is missing)"},
    transform=_acled, identity=True, id_prefix="acled-", lists_missing=True,
    fixed={"claim_status": "reported"},
    day_first=False,
)
