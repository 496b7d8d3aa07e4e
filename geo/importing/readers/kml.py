"""KML and KMZ (Google Earth, My Maps) -> text cells and points, read by GDAL's LIBKML
driver: each placemark's name, description (as plain text), time stamp or span (as 'when'
and 'end') and extended data, one layer per folder. Display-only KML fields (altitude mode, extrude,
icon, ...) are left out.
"""

from __future__ import annotations

from geo.importing.readers.features import on_disk, read_layers, table_from_layers
from geo.importing.readers.html_text import plain_text_column
from geo.importing.readers.table import RawTable

DISPLAY_FIELDS = ("altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon",
                  "snippet")


def read_kml(data: bytes, name: str, *, zipped: bool) -> RawTable:
    label = "KMZ" if zipped else "KML"
    with on_disk(data, ".kmz" if zipped else ".kml") as path:
        layers = read_layers(path, name, label)
    layers = [(layer, frame.drop(columns=[c for c in frame.columns if c == "id"
                                          and frame[c].isna().all()]))
              for layer, frame in layers]
    table = table_from_layers(layers, name, file_format=label, unit="placemark",
                              drop=DISPLAY_FIELDS)
    return _with_plain_descriptions(_with_when(table))


def _with_plain_descriptions(table: RawTable) -> RawTable:
    """KML descriptions are HTML (My Maps writes <br>, links, images): stored as the text a
    reader of the balloon saw (geo.importing.readers.html_text)."""
    if "description" not in table.frame:
        return table
    text, changed = plain_text_column(table.frame["description"].to_numpy())
    if changed:
        table.frame["description"] = text
        table.notes.append(f"{changed:,} description(s) were HTML: stored as plain text (line "
                           "breaks kept, http/https links written out, images left out)")
    return table


def _with_when(table: RawTable) -> RawTable:
    """A placemark's time as one column, 'when': its TimeStamp, else its TimeSpan's begin
    (the span's end stays 'end'). LIBKML writes a date-only time as midnight: cut that."""
    frame = table.frame
    for column in ("timestamp", "begin", "end"):
        if column in frame:
            frame[column] = frame[column].str.replace(r"T00:00:00$", "", regex=True)
    if "timestamp" in frame or "begin" in frame:
        stamp = frame["timestamp"] if "timestamp" in frame else frame["begin"]
        begin = frame.get("begin", stamp)
        frame["when"] = stamp.where(stamp != "", begin)
    return table
