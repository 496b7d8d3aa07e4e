"""KML and KMZ (Google Earth, My Maps) -> text cells and points, read by GDAL's LIBKML
driver: each placemark's name, description (as plain text), time stamp or span (as 'when'
and 'end') and extended data, one layer per folder; fields a description lists one
'name: value' a line (NASA FIRMS's KML) as columns (geo.importing.readers.
description_fields). Display-only KML fields (altitude mode, extrude, icon, ...) are left
out.
"""

from __future__ import annotations

from geo.errors import InputFileError
from geo.importing.columns import FIELDS
from geo.importing.presets.base import normalise_header
from geo.importing.readers.description_fields import with_description_fields
from geo.importing.readers.description_links import with_source_links
from geo.importing.readers.features import on_disk, read_layers, table_from_layers
from geo.importing.readers.html_text import plain_text_column
from geo.importing.readers.kml_coordinates import refuse_bad_coordinates
from geo.importing.readers.kml_fragment import wrapped
from geo.importing.readers.kml_old_schema import rewritten
from geo.importing.readers.kml_xml import (
    UNNAMED,
    depth,
    kml_root,
    network_link,
    placemark_times,
)
from geo.importing.readers.table import RawTable
from geo.importing.readers.xml_doctype import refuse_doctype

TIME_COLUMNS = ("timestamp", "begin", "end")
LIBKML_DEPTH = 100  # elements, <kml> the first: GDAL's LIBKML driver reads no deeper
DISPLAY_FIELDS = ("altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon",
                  "snippet")


def read_kml(data: bytes, name: str, *, zipped: bool) -> RawTable:
    label = "KMZ" if zipped else "KML"
    refuse_doctype(data, name, zipped=zipped)
    for rewrite in (wrapped, rewritten):
        modern = rewrite(data, zipped=zipped)
        if modern is not None:
            data, zipped = modern, False
    with on_disk(data, ".kmz" if zipped else ".kml") as path:
        try:
            layers = read_layers(path, name, label)
        except InputFileError as error:
            raise _only_linked(name, label, data, zipped) or \
                _too_deep(name, label, data, zipped) or error from None
    layers = [(layer, frame.drop(columns=[c for c in frame.columns if c == "id"
                                          and frame[c].isna().all()]))
              for layer, frame in layers]
    layers, overlays = _without_overlays(layers)
    if not layers:
        raise InputFileError(f"'{name}' holds {overlays:,} image overlay(s) (pictures laid on "
                             f"the map) and no placemark: there is no incident in it to "
                             f"import ({label})")
    root = kml_root(data, zipped=zipped)
    written = placemark_times(root)
    _check_every_placemark_read(name, label, written.count, sum(len(f) for _, f in layers))
    inherited = _with_written_times(layers, written.times, unnamed=path.stem)
    _with_addresses(layers, written.addresses, unnamed=path.stem)
    layers, footprints = _without_footprints(layers)
    table = table_from_layers(layers, name, file_format=label, unit="placemark",
                              drop=DISPLAY_FIELDS)
    if overlays:
        table.notes.append(f"{overlays:,} image overlay(s) (GroundOverlay: a picture laid on "
                           "the map, not a placemark) were left out")
    if footprints:
        table.notes.append(
            f"{footprints:,} placemark(s) in folders of fire detection footprints (the "
            "pixel's outline, as NASA FIRMS's KML gives each detection twice) were left out: "
            "each detection is read once, from the folders of its centroids")
    refuse_bad_coordinates(table, layers, root, unnamed=path.stem)
    if inherited:
        table.notes.append(f"{inherited:,} placemark(s) without a time of their own took "
                           "their folder's TimeStamp or TimeSpan, as Google Earth shows them")
    table = with_description_fields(_with_when(table))
    return with_source_links(_with_plain_descriptions(table), FIELDS["source_url"][1])


def _without_overlays(layers):
    """The layers without their image overlays: GDAL reads a GroundOverlay as a feature
    (its picture in 'icon', its box as an area), which was then refused as an incident
    without a date ('Row 2: date is empty; fill it in')."""
    kept, overlays = [], 0
    for layer, frame in layers:
        if "icon" in frame.columns:
            picture = frame["icon"].notna() & frame["icon"].astype(str).str.strip().ne("")
            overlays += int(picture.sum())
            frame = frame.loc[~picture.to_numpy()]
        if len(frame):
            kept.append((layer, frame))
    return kept, overlays


def _without_footprints(layers):
    """A FIRMS KML's detections without their footprints, when it has both folders ('Fire
    Detection Centroids (Last 0 to 6hrs)', '... Footprints ...'): read twice, each
    detection became two (the footprint's inner point a few metres from the centroid)."""
    def kind(layer: str, word: str) -> bool:
        return word in layer.lower()

    if not any(kind(layer, "centroid") for layer, _ in layers):
        return layers, 0
    kept = [(layer, frame) for layer, frame in layers if not kind(layer, "footprint")]
    return kept, sum(len(frame) for layer, frame in layers if kind(layer, "footprint"))


def _only_linked(name: str, label: str, data: bytes, zipped: bool) -> InputFileError | None:
    """A file that only links to its data (My Maps's "network link" export) says so."""
    link = network_link(data, zipped=zipped)
    if not link:
        return None
    return InputFileError(
        f"'{name}' is a {label} file with no placemarks, only a network link to {link}: the "
        "data stays online. In Google My Maps export the map again with \"Keep data up to "
        "date with network link KML\" unticked, or download the linked KML and import that")


def _too_deep(name: str, label: str, data: bytes, zipped: bool) -> InputFileError | None:
    """A file nesting deeper than GDAL's KML reader reads says so: it was refused as having
    an 'Invalid root element', which it had not."""
    deep = depth(data, zipped=zipped)
    if deep <= LIBKML_DEPTH:
        return None
    return InputFileError(
        f"'{name}' nests its {label} elements {deep:,} levels deep (folders within folders); "
        f"the KML reader reads at most {LIBKML_DEPTH}: move its placemarks into fewer levels "
        "of folders and export it again")


def _check_every_placemark_read(name: str, label: str, count: int | None, read: int) -> None:
    """GDAL keeps only the last of several placemarks right under <kml> (KML allows one
    there): the others would be lost unsaid."""
    if count is not None and read < count:
        raise InputFileError(
            f"'{name}' holds {count:,} placemarks but only {read:,} could be read: KML "
            "allows one placemark directly under <kml>, and a reader keeps only the last. "
            "Put the placemarks inside a <Document> (or export the file again) and import it "
            f"again ({label})")


def _with_written_times(layers, times: dict, *, unnamed: str) -> int:
    """Each placemark's time as the file writes it (geo.importing.readers.kml_xml), for the
    layers whose placemarks it found one for one (`unnamed`: the layer GDAL named after
    the file, a Document without a name); how many took their folder's."""
    inherited = 0
    for layer, frame in layers:
        written = times.get(layer, times.get(UNNAMED) if layer == unnamed else None)
        if written is None or len(written) != len(frame):
            continue
        for column, values in zip(TIME_COLUMNS, zip(*(w.time for w in written), strict=True),
                                  strict=True):
            frame[column] = list(values)
        inherited += sum(w.inherited for w in written)
    return inherited


def _with_addresses(layers, addresses: dict, *, unnamed: str) -> None:
    """Each placemark's <address> as the column 'address', in the layers that have one
    (GDAL leaves it out): a My Maps layer made from a spreadsheet has it and no point."""
    for layer, frame in layers:
        written = addresses.get(layer, addresses.get(UNNAMED) if layer == unnamed else None)
        # a layer's ExtendedData may carry the spreadsheet's own Address column
        named = any(normalise_header(column) == "address" for column in frame.columns)
        if written is not None and len(written) == len(frame) and any(written) and not named:
            frame["address"] = written


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
    (the span's end stays 'end'). LIBKML writes a date-only time as midnight: cut that.
    A file without any time loses the empty columns, so the import asks for the date column
    by name, as for any table without one."""
    frame = table.frame
    times = [column for column in TIME_COLUMNS if column in frame]
    if times and not frame[times].ne("").to_numpy().any():
        table.frame = frame.drop(columns=times)
        return table
    for column in times:
        frame[column] = frame[column].str.replace(r"T00:00:00$", "", regex=True)
    if "timestamp" in frame or "begin" in frame:
        stamp = frame["timestamp"] if "timestamp" in frame else frame["begin"]
        begin = frame.get("begin", stamp)
        frame["when"] = stamp.where(stamp != "", begin)
        table.derived["when"] = tuple(c for c in ("timestamp", "begin") if c in frame)
    return table
