"""TimeMap events (Forensic Architecture's TimeMap, Bellingcat's TimeMap instances): the JSON
or CSV an instance downloads, the events its datasheet-server serves, and the original
spreadsheet layout (desc, lat, long, source, filters, category).

Dates are month/day/year as TimeMap writes them (its DATE_FMT, MM/DD/YYYY); coordinates
come as strings; locations are free text kept as the place. TimeMap states no precision
for its points, so they are kept as given with precision unknown. Sources (objects with
a path and a description, source ids, or comma-separated links) and filters/associations
(key = value categories) are kept in the description; the first web link is the source
URL and a 'weapon' filter gives the munitions. Events are matched on their id. A sources
or filters cell of JSON giving a key twice in one object refuses the file by its row
(geo.importing.presets.json_cells).
"""

from __future__ import annotations

import pandas as pd

from geo.importing.presets.base import Preset, joined, prefixed
from geo.importing.presets.json_cells import each_cell, parsed


def _sources(text: str) -> tuple[str, str]:
    """(first web link, every source in words) of one event's sources cell."""
    value = parsed(text)
    items = value if isinstance(value, list) else [s for s in str(value).split(",") if s]
    links, words = [], []
    for item in items:
        if isinstance(item, dict):
            path = str(item.get("path") or (item.get("paths") or [""])[0] or "")
            about = str(item.get("description") or item.get("title") or "")
            words.append(f"{path} ({about})" if about and path else path or about)
        else:
            path = str(item).strip()
            words.append(path)
        if path.lower().startswith(("http://", "https://")):
            links.append(path)
    return (links[0] if links else ""), "; ".join(w for w in words if w)


def _filters(text: str) -> tuple[str, str]:
    """(munitions, every category in words) of one event's filters/associations cell."""
    value = parsed(text)
    items = value if isinstance(value, list) else [s for s in str(value).split(",") if s]
    pairs = []
    for item in items:
        if isinstance(item, dict):
            key = str(item.get("key") or item.get("title") or "")
            val = item.get("value", item.get("filter_paths", ""))
            val = " / ".join(map(str, val)) if isinstance(val, list) else str(val)
            pairs.append((key, val))
        elif "=" in str(item):
            key, _, val = str(item).partition("=")
            pairs.append((key.strip(), val.strip()))
        else:
            pairs.append(("", str(item).strip()))
    munitions = next((v for k, v in pairs if "weapon" in k.lower()), "")
    return munitions, "; ".join(f"{k} = {v}" if k else v for k, v in pairs if v)


def _timemap(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    links, sources = zip(*each_cell(_sources, out["sources"], "sources"),
                         strict=True) if len(out) else ((), ())
    munitions, filters = zip(*each_cell(_filters, joined(out["filters"], out["category"]),
                                         "filters"), strict=True) if len(out) else ((), ())
    index = out.index
    out["source_url"] = out["source_url"].where(out["source_url"] != "",
                                                pd.Series(links, index=index, dtype=object))
    out["munitions"] = out["munitions"].where(out["munitions"] != "",
                                              pd.Series(munitions, index=index, dtype=object))
    filters = pd.Series(filters, index=index, dtype=object)
    sources = pd.Series(sources, index=index, dtype=object)
    out["description"] = joined(out["description"],
                                ("Categories: " + filters).where(filters != "", ""),
                                ("Sources: " + sources).where(sources != "", ""),
                                separator="\n")
    out["category"] = ""  # TimeMap's categories are the instance's own: kept in the text
    out["incident_id"] = prefixed("timemap-", out["incident_id"].where(
        out["timemap_civ_id"] == "", out["timemap_civ_id"]))
    out["geo_method"] = "coordinates from the TimeMap export (it states no precision)"
    out["source_name"] = out["source_name"].where(out["source_name"] != "", "TimeMap events")
    return out


TIMEMAP = Preset(
    name="timemap", label="TimeMap events (Forensic Architecture, Bellingcat)",
    help="TimeMap events: mm/dd/yyyy dates with their time, coordinates as written "
         "(precision unknown: TimeMap states none), the location as the place, sources and "
         "filters kept in the description (a weapon filter as the munitions). Events are "
         "matched on their id: a newer export updates them.",
    mapping={"incident_id": ("id",), "timemap_civ_id": ("civid",),
             "date_start": ("date",), "time": ("time",), "place": ("location",),
             "latitude": ("latitude", "lat"), "longitude": ("longitude", "long", "lng"),
             "description": ("description", "desc"), "sources": ("sources", "source"),
             "filters": ("filters", "associations"), "category": ("category",)},
    signature=(frozenset({"date", "location", "filters"}),
               frozenset({"date", "location", "associations"}),
               frozenset({"date", "location", "desc", "long"})),
    extra_fields={"sources": "Sources", "filters": "Filters / associations",
                  "timemap_civ_id": "Public id (civId)"},
    transform=_timemap, identity=True, id_prefix="timemap-", lists_missing=True,
    fixed={"claim_status": "reported"},
    day_first=False,
)
