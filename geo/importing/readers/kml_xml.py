"""What GDAL's LIBKML driver does not give from a KML, read from its XML:

- each placemark's time as written: LIBKML turns a TimeStamp of '2009' into nothing and
  '2009-02' into the day 2009-02-01, losing what the file says of the date's precision;
- the time of a gx:Track (a path with a <when> for each point), which GDAL reads as a line
  without any time: the span from its first <when> to its last;
- the time a folder gives the placemarks in it: Google Earth lets a placemark without its
  own TimeStamp or TimeSpan inherit its nearest enclosing folder's (or document's), so a
  file can date a whole folder of events once;
- the address of a network link, the whole content of a My Maps export made with "Keep
  data up to date with network link KML";
- each placemark's <address>: My Maps writes it, and no point, for the rows of a layer
  made from a spreadsheet (Google placed them by that address).

LIBKML reads each folder as a layer named after it, its placemarks in file order, so the
times are given per folder name. A name used by two folders is left out: which of them a
layer is cannot be told. Expat (2.4 and later) refuses entity expansion bombs, so the
upload is parsed with the standard library.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree
import zipfile
from typing import NamedTuple

from geo.importing.readers.unpacking import member_bytes

CONTAINERS = ("Document", "Folder")
Time = tuple[str, str, str]  # (TimeStamp's when, TimeSpan's begin, its end); '' if not given
NO_TIME: Time = ("", "", "")
UNNAMED = ""  # a Document without a name; GDAL names its layer after the file


class WrittenTime(NamedTuple):
    time: Time
    inherited: bool  # the placemark has none of its own: its folder's


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


local_name = _local


def _child_text(element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _own_time(feature) -> Time | None:
    for child in feature:
        kind = _local(child.tag)
        if kind == "TimeStamp" and _child_text(child, "when"):
            return _child_text(child, "when"), "", ""
        if kind == "TimeSpan" and (_child_text(child, "begin") or _child_text(child, "end")):
            return "", _child_text(child, "begin"), _child_text(child, "end")
    return None


def _track_time(placemark) -> Time | None:
    """A gx:Track's (or a gx:MultiTrack's) time as a span from its first <when> to its last:
    GDAL reads the track as a line and keeps none of its times."""
    whens = [(element.text or "").strip() for track in placemark.iter()
             if _local(track.tag) == "Track" for element in track
             if _local(element.tag) == "when"]
    whens = [when for when in whens if when]
    return ("", whens[0], whens[-1]) if whens else None


def _kml_text(data: bytes, zipped: bool) -> bytes:
    if not zipped:
        return data
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = [m for m in archive.namelist() if m.lower().endswith(".kml")]
    preferred = [m for m in members if m.lower() == "doc.kml"] or members
    return member_bytes(archive, preferred[0], "the KMZ archive") if preferred else b""


def _root(data: bytes, zipped: bool):
    """The KML's root element, or None when its XML cannot be read."""
    try:
        return ElementTree.fromstring(_kml_text(data, zipped))
    # LookupError: an XML declaration naming an encoding that does not exist ('UuF-8')
    except (ElementTree.ParseError, zipfile.BadZipFile, KeyError, LookupError):
        return None


def kml_root(data: bytes, *, zipped: bool):
    """The KML's root element (of a KMZ's doc.kml), or None when its XML cannot be read."""
    return _root(data, zipped)


def depth(data: bytes, *, zipped: bool) -> int:
    """How many elements deep the KML nests (<kml> is 1); 0 when its XML cannot be read."""
    root = _root(data, zipped)
    deepest, level = 0, [(root, 1)] if root is not None else []
    while level:   # not recursive: a hostile file nests thousands of folders
        element, at = level.pop()
        deepest = max(deepest, at)
        level.extend((child, at + 1) for child in element)
    return deepest


def network_link(data: bytes, *, zipped: bool) -> str:
    """The address of the file's first network link; '' when it has none."""
    root = _root(data, zipped)
    for element in root.iter() if root is not None else ():
        if _local(element.tag) == "NetworkLink":
            for part in element.iter():
                if _local(part.tag) == "href" and (part.text or "").strip():
                    return part.text.strip()
    return ""


def _written(placemark, folder_time: Time) -> WrittenTime:
    own = _own_time(placemark) or _track_time(placemark)
    return WrittenTime(own or folder_time, own is None and folder_time != NO_TIME)


class WrittenPlacemarks(NamedTuple):
    times: dict[str, list[WrittenTime]]  # folder (layer) name -> its placemarks' times
    count: int | None  # placemarks in the file; None when its XML cannot be read
    addresses: dict[str, list[str]]  # folder name -> its placemarks' <address> ('' if none)


class FolderPlacemarks(NamedTuple):
    """The placemarks of each folder (layer) in file order, with the time their folder gives
    them; only folders whose name no other folder uses. And every placemark's number."""

    placemarks: dict[str, list[tuple[object, Time]]]
    numbers: dict[int, int]  # id(placemark) -> its number in the file, 1 = the first


def folder_placemarks(root) -> FolderPlacemarks:
    """The placemarks directly in each Document or Folder, by its name; a Document without
    a name and placemarks right under <kml> are under UNNAMED."""
    found: dict[str, list[tuple[object, Time]]] = {}
    names: dict[str, int] = {}

    def walk(element, inherited: Time) -> None:
        for child in element:
            kind = _local(child.tag)
            if kind not in CONTAINERS:
                continue
            time = _own_time(child) or inherited
            name = _child_text(child, "name")
            names[name] = names.get(name, 0) + 1
            found.setdefault(name, []).extend(
                (placemark, time) for placemark in child
                if _local(placemark.tag) == "Placemark")
            walk(child, time)

    at_root = [(p, NO_TIME) for p in root if _local(p.tag) == "Placemark"]
    if at_root:
        names[UNNAMED] = 1
        found[UNNAMED] = at_root
    walk(root, NO_TIME)
    numbers = {id(element): number for number, element in enumerate(
        (e for e in root.iter() if _local(e.tag) == "Placemark"), start=1)}
    return FolderPlacemarks({name: placemarks for name, placemarks in found.items()
                             if names[name] == 1}, numbers)


def placemark_times(root) -> WrittenPlacemarks:
    """Folder (layer) name -> the time of each placemark directly in it, in file order: its
    own TimeStamp or TimeSpan as written, else its nearest enclosing folder's; {} when the
    XML could not be read (`root` None: GDAL has read it; its times then stay). And how many
    placemarks the file holds, wherever they are, and each one's <address>."""
    if root is None:
        return WrittenPlacemarks({}, None, {})
    folders = folder_placemarks(root)
    return WrittenPlacemarks(
        {name: [_written(placemark, time) for placemark, time in placemarks]
         for name, placemarks in folders.placemarks.items()},
        len(folders.numbers),
        {name: [_child_text(placemark, "address") for placemark, _ in placemarks]
         for name, placemarks in folders.placemarks.items()})
