"""Import presets: the project's template, ACLED exports and NASA FIRMS exports.

A preset names the columns it expects (`mapping`: field -> header), the headers that
identify it (`signature`) and a `transform` that turns its codes into the record's
vocabulary (ACLED precision codes 1/2/3, event types; FIRMS detections -> thermal layer).
Transforms take and return a frame of text in the import fields (geo.importing.columns).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from geo.schema import INCIDENT_COLUMNS, THERMAL_CATEGORY

Transform = Callable[[pd.DataFrame], pd.DataFrame]


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    help: str
    mapping: dict[str, str] = field(default_factory=dict)
    signature: frozenset[str] = frozenset()
    extra_fields: dict[str, str] = field(default_factory=dict)  # preset-only field -> label
    transform: Transform | None = None


def _slug(values: pd.Series) -> pd.Series:
    return values.str.strip().str.lower().str.replace(r"[^0-9a-z]+", "_", regex=True) \
        .str.strip("_")


# --- ACLED ---------------------------------------------------------------------------------
ACLED_GEO_PRECISION = {"1": "site", "2": "town", "3": "admin1"}
ACLED_TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
ACLED_CATEGORIES = {"explosions/remote violence": "strike"}
ACLED_SUB_CATEGORIES = {"agreement": "diplomatic", "arrests": "security"}


def _acled(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    geo_code = out["geo_precision"].str.strip()
    time_code = out["date_precision"].str.strip()
    out["geo_method"] = ("ACLED coordinates (ACLED geo_precision " + geo_code + ")") \
        .where(geo_code != "", "ACLED coordinates")
    out["geo_precision"] = geo_code.map(ACLED_GEO_PRECISION).fillna(geo_code)
    out["date_precision"] = time_code.map(ACLED_TIME_PRECISION).fillna(time_code)
    event, sub_event = out["category"].str.strip().str.lower(), out["subtype"].str.lower()
    category = sub_event.map(ACLED_SUB_CATEGORIES).fillna(event.map(ACLED_CATEGORIES))
    out["category"] = category.fillna("other").where(event != "", "")
    out["subtype"] = _slug(out["subtype"])
    out["date_text"] = ("ACLED event_date " + out["date_start"] + ", time_precision "
                        + time_code).where(time_code.isin(["2", "3"]), out["date_text"])
    out["incident_id"] = ("acled-" + out["incident_id"].str.strip()) \
        .where(out["incident_id"].str.strip() != "", "")
    out["source_name"] = "ACLED"
    out["claim_status"] = "reported"
    return out


ACLED = Preset(
    name="acled", label="ACLED export",
    help="ACLED's event_date, location, latitude/longitude with geo_precision 1-3 "
         "(site/town/region) and time_precision 1-3 (day/week/month); the sources ACLED "
         "cites become the claimant, status 'reported'.",
    mapping={"date_start": "event_date", "date_precision": "time_precision",
             "place": "location", "admin1": "admin1", "country": "country",
             "latitude": "latitude", "longitude": "longitude", "geo_precision": "geo_precision",
             "category": "event_type", "subtype": "sub_event_type", "description": "notes",
             "claimant": "source", "casualties": "fatalities", "incident_id": "event_id_cnty"},
    signature=frozenset({"event_date", "event_type", "time_precision"}),
    transform=_acled,
)


# --- NASA FIRMS ----------------------------------------------------------------------------
FIRMS_CONFIDENCE = {"l": "low", "n": "nominal", "h": "high"}


def _hhmm(values: pd.Series) -> pd.Series:
    digits = values.str.strip().str.replace(":", "", regex=False).str.zfill(4)
    valid = digits.str.fullmatch(r"\d{4}")
    return (digits.str[:2] + ":" + digits.str[2:]).where(valid, values.str.strip())


def _firms(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["acq_time"] = out["time"]  # as written, for geo.importing.thermal
    when = _hhmm(out["time"])
    confidence = out["confidence"].str.strip()
    confidence = confidence.str.lower().map(FIRMS_CONFIDENCE).fillna(confidence)
    instrument = out["instrument"].str.strip()
    out["description"] = ("Thermal detection: fire radiative power " + out["frp"].str.strip()
                          + " MW, confidence " + confidence + ", satellite "
                          + out["satellite"].str.strip() + " " + instrument
                          + ", acquired " + when + " UTC")
    out["date_text"] = out["date_start"].str.strip() + " " + when + " UTC"
    out["time"] = ""  # kept in date_text; the record's precision is the day
    out["category"] = THERMAL_CATEGORY
    out["subtype"] = _slug(instrument)
    out["geo_precision"] = "site"
    out["geo_method"] = ("NASA FIRMS detection: centre of the " + instrument.where(
        instrument != "", "satellite") + " pixel")
    out["source_name"] = "NASA FIRMS"
    out["source_url"] = out["source_url"].where(out["source_url"] != "",
                                                "https://firms.modaps.eosdis.nasa.gov/")
    out["claimant"] = "NASA FIRMS (satellite thermal sensor, not a claim of a strike)"
    out["claim_status"] = "reported"
    out["date_precision"] = "day"
    return out


FIRMS = Preset(
    name="firms", label="NASA FIRMS fire detections",
    help="Satellite thermal detections (acq_date, acq_time, frp, confidence, satellite): "
         "stored as the 'Thermal detection' category, never as strikes.",
    mapping={"date_start": "acq_date", "time": "acq_time", "latitude": "latitude",
             "longitude": "longitude", "confidence": "confidence", "frp": "frp",
             "satellite": "satellite", "instrument": "instrument", "daynight": "daynight"},
    signature=frozenset({"acq_date", "frp", "confidence"}),
    extra_fields={"confidence": "Confidence", "frp": "Fire radiative power (MW)",
                  "satellite": "Satellite", "instrument": "Instrument",
                  "daynight": "Day or night pass (D/N)"},
    transform=_firms,
)

TEMPLATE_COLUMNS = tuple(c for c in INCIDENT_COLUMNS if c != "batch_id")
TEMPLATE = Preset(
    name="template", label="Incident map template",
    help="This project's own columns (download the template below); values are used as "
         "written and checked against the vocabularies.",
    mapping={c: c for c in TEMPLATE_COLUMNS},
    signature=frozenset({"date_start", "date_end", "date_precision", "category",
                         "geo_precision", "claim_status"}),
)

GENERIC = Preset(
    name="auto", label="Other CSV (columns matched by name)",
    help="Columns are matched by their names (date, lat/lon, place, notes, url, ...); "
         "check the mapping below and fix any that are wrong.",
)

PRESETS = {p.name: p for p in (GENERIC, TEMPLATE, ACLED, FIRMS)}


def normalise_header(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(name).strip().lower()).strip("_")


def detect_preset(columns) -> Preset:
    headers = {normalise_header(c) for c in columns}
    for preset in (ACLED, FIRMS, TEMPLATE):
        if preset.signature <= headers:
            return preset
    return GENERIC


TEMPLATE_EXAMPLE = {
    "incident_id": "", "date_start": "2025-08-08", "date_end": "2025-08-08",
    "date_precision": "day", "date_text": "night of 7 to 8 August 2025", "category": "strike",
    "subtype": "drone", "place": "Orlivka gas distribution station", "site_id": "",
    "latitude": "45.31659", "longitude": "28.44046", "geo_precision": "town",
    "geo_method": "town point of Orlivka (GeoNames 698379)", "country": "UA",
    "admin1": "Odesa Oblast", "operator": "", "munitions": "drones (claimed)",
    "casualties": "", "description": "Example row: replace it with your own incidents.",
    "source_name": "Example outlet", "source_url": "https://example.org/article",
    "claimant": "Example: regional administration", "claim_status": "reported",
}


def template_csv() -> bytes:
    """The template: this project's columns and one example row (UTF-8 with BOM for Excel)."""
    row = pd.DataFrame([TEMPLATE_EXAMPLE], columns=list(TEMPLATE_COLUMNS))
    return row.to_csv(index=False).encode("utf-8-sig")
