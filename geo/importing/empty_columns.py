"""A column proposed for a field but empty in every row gives way to the next column named
for that field that holds values.

OCHA's Ukraine hostilities layer (`UKR_Hostilities.geojson`, a shapefile's fields turned
into GeoJSON) has `Location__`, null in all 596 features, before `Name` (the settlement:
'Hirnyk', 'Klishchiivka'); the empty column was taken as the place, so no row had one.
"""

from __future__ import annotations

import pandas as pd

from geo.importing.columns import Mapping, auto_mapping


def with_filled_columns(mapping: Mapping, frame: pd.DataFrame, preset) -> Mapping:
    """`mapping` with each field read from a column empty in every row moved to the column
    the proposal takes without the empty ones, when that one is free."""
    chosen = {source for source in mapping.values() if source}
    empty = {c for c in chosen if c in frame.columns
             and not (frame[c].astype(str).str.strip() != "").any()}
    if not empty:
        return mapping
    empty |= {c for c in frame.columns if c not in chosen
              and not (frame[c].astype(str).str.strip() != "").any()}
    instead = auto_mapping([c for c in frame.columns if c not in empty], preset)
    result = dict(mapping)
    for field, source in mapping.items():
        other = instead.get(field)
        if source in empty and other and other not in result.values():
            result[field] = other
    return result
