"""This project's own columns (the downloadable template, and this project's CSV export), and
the generic preset for any other table: columns matched by their names."""

from __future__ import annotations

import pandas as pd

from geo.importing.presets.base import Preset
from geo.schema import INCIDENT_COLUMNS

TEMPLATE_COLUMNS = tuple(c for c in INCIDENT_COLUMNS if c != "batch_id")
TEMPLATE = Preset(
    name="template", label="Incident map template",
    help="This project's own columns (download the template below, or a CSV exported by "
         "this map); values are used as written and checked against the vocabularies. "
         "incident_id is the identity: a changed row updates the stored one.",
    mapping={c: (c,) for c in TEMPLATE_COLUMNS},
    signature=(frozenset({"date_start", "date_end", "date_precision", "category",
                          "geo_precision", "claim_status"}),),
    identity=True,
)

GENERIC = Preset(
    name="auto", label="Other table (columns matched by name)",
    help="Columns are matched by their names (date, lat/lon, place, notes, url, ...); "
         "check the mapping below and fix any that are wrong. Coordinates without a "
         "precision column are kept as given, precision unknown.",
)

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
