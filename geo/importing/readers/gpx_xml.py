"""Each GPX waypoint's <time>, latitude and longitude as the file writes them, read from
its XML. GDAL's GPX driver reads a time as a date and time and leaves out any it cannot
('2025-08', '2025', '8 Aug 2025', a year past 9999), and makes a date-only time midnight;
it reads lat="abc" as latitude 0 (a point in the sea, stored without a word), lat="NaN" as
no point (the row was then placed by its name) and lat="1e400" as none either. The import
reads the text as it reads any date or coordinate column, saying what it cannot read.

The XML is read as a stream (waypoints, routes and tracks dropped as they end): a GPX of
200 MB holds millions of track points. Expat (2.4 and later) refuses entity expansion
bombs."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree
from typing import NamedTuple


class Written(NamedTuple):
    """A waypoint's <time> text, lat and lon attributes ('' where it has none)."""

    time: str
    latitude: str
    longitude: str


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def written_waypoints(data: bytes) -> list[Written] | None:
    """Each waypoint as written, in file order; None when the XML cannot be read (GDAL has
    read it; its values then stay)."""
    found, depth = [], 0
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(data), ("start", "end")):
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if depth == 1:  # a child of <gpx>: a waypoint, a route, a track, metadata
                if _local(element.tag) == "wpt":
                    found.append(Written(
                        next(((child.text or "").strip() for child in element
                              if _local(child.tag) == "time"), ""),
                        element.get("lat", "").strip(), element.get("lon", "").strip()))
                element.clear()
    except ElementTree.ParseError:
        return None
    return found
