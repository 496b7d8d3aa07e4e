"""Objects nested in a record's values -> columns of their own, named by their path.

Web maps' GeoJSON and JSON exports nest what an event is ('meta': {'source': {'url': ...}}):
kept as one cell of JSON text, such a column matched no field and its parts were lost to
the import. Each key of a nested object becomes a column 'meta.source.url' (matched by its
last word, geo.importing.column_suffixes), at any depth. Lists stay JSON text: presets read
them whole (TimeMap's sources and filters).
"""

from __future__ import annotations

SEPARATOR = "."


def spread_objects(columns: dict[str, list]) -> dict[str, list]:
    """The columns with every object-valued one replaced by a column per key; a cell of
    another value in such a column (a string, a number) keeps the column itself."""
    out: dict[str, list] = {}
    for name, values in columns.items():
        if dict not in set(map(type, values)):   # one pass in C: the usual column
            out[name] = values
            continue
        plain = [None if isinstance(v, dict) else v for v in values]
        if any(v is not None for v in plain):
            out[name] = plain
        keys = dict.fromkeys(k for v in values if isinstance(v, dict) for k in v)
        parts = {f"{name}{SEPARATOR}{key}": [v.get(key) if isinstance(v, dict) else None
                                             for v in values] for key in keys}
        out.update(spread_objects(parts))
    return out
