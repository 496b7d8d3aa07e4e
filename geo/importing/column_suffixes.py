"""Columns named as kepler.gl names them, found when no column has a field's own name: a
point as a pair sharing a prefix (`gps_data.lat` and `gps_data.lng`, `point_lat` and
`point_lon`), a date as the one column ending in `_date`, `_datetime`, `_timestamp` or `_dt`
(`gps_data.utc_timestamp`). Two candidates for a date are no guess: the date then stays
unmapped and the import asks for it by name.

Other fields take the one column whose last word is the field's own (a map tool's export:
'brief description', 'event_notes', 'town/city', 'video_url'), when no column has one of
its names; two such columns are no guess either.
"""

from __future__ import annotations

from geo.importing.presets.base import normalise_header

LATITUDE_ENDS = ("lat", "latitude")
LONGITUDE_ENDS = ("lng", "lon", "long", "longitude")
DATE_ENDS = ("_date", "_datetime", "_timestamp", "_dt")  # 'event_dt', as GIS fields cut it
# field -> the last words of a header that mean it
LAST_WORDS = {
    "description": ("description", "notes", "summary", "details"),
    "place": ("town", "city", "village", "settlement", "locality", "location", "place"),
    "source_url": ("url", "link"),
    "munitions": ("munition", "munitions", "weapon", "weapons"),
}


def _split(header: str) -> tuple[str, str]:
    prefix, _, end = header.rpartition("_")
    return prefix, end


def point_pair(columns, used: set[str]) -> tuple[str, str] | None:
    """(latitude column, longitude column) of the first pair sharing a prefix."""
    by_prefix: dict[str, dict[str, str]] = {}
    for column in columns:
        if column in used:
            continue
        prefix, end = _split(normalise_header(column))
        if prefix and end in LATITUDE_ENDS + LONGITUDE_ENDS:
            kind = "lat" if end in LATITUDE_ENDS else "lon"
            by_prefix.setdefault(prefix, {}).setdefault(kind, column)
    return next(((pair["lat"], pair["lon"]) for pair in by_prefix.values()
                 if {"lat", "lon"} <= set(pair)), None)


def date_column(columns, used: set[str]) -> str | None:
    candidates = [c for c in columns if c not in used
                  and normalise_header(c).endswith(DATE_ENDS)]
    return candidates[0] if len(candidates) == 1 else None


def by_last_word(field: str, columns, used: set[str]) -> str | None:
    """The one unused column whose last word names `field` ('brief description')."""
    candidates = [c for c in columns if c not in used
                  and _split(normalise_header(c))[0]
                  and _split(normalise_header(c))[1] in LAST_WORDS.get(field, ())]
    return candidates[0] if len(candidates) == 1 else None
