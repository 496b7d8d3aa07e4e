"""Each GPX waypoint's <time> as the file writes it, read from its XML: GDAL's GPX driver
reads it as a date and time and leaves out any it cannot ('2025-08', '2025', '8 Aug
2025', a year past 9999), and makes a date-only time midnight. The import reads the text
as it reads any date column, saying what it cannot read.

The XML is read as a stream (waypoints, routes and tracks dropped as they end): a GPX of
200 MB holds millions of track points. Expat (2.4 and later) refuses entity expansion
bombs."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def waypoint_times(data: bytes) -> list[str] | None:
    """The text of each waypoint's <time> ('' for none), in file order; None when the XML
    cannot be read (GDAL has read it; its times then stay)."""
    times, depth = [], 0
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(data), ("start", "end")):
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if depth == 1:  # a child of <gpx>: a waypoint, a route, a track, metadata
                if _local(element.tag) == "wpt":
                    times.append(next(((child.text or "").strip() for child in element
                                       if _local(child.tag) == "time"), ""))
                element.clear()
    except ElementTree.ParseError:
        return None
    return times
