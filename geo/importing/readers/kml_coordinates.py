"""Placemarks whose <coordinates> hold something other than numbers of degrees, as the file
writes them. GDAL reads 'inf,nan' as no point, '1e999,0' as a latitude without a longitude
and 'abc,46' as longitude 0: the row would be placed by its name, refused for a missing
half, or drawn at a wrong point. Each such placemark's row is refused instead, by the
placemark's number and name, with the value as written and what to do; the others import.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from geo.errors import InputFileError
from geo.importing.readers.features import POINT_COLUMNS
from geo.importing.readers.kml_xml import UNNAMED, folder_placemarks, local_name
from geo.importing.readers.table import RawTable

SHOWN_CHARS = 80  # of a coordinates text, a value or a name in a message


class BadCoordinates(NamedTuple):
    number: int      # of the placemark in the file, 1 = the first
    name: str
    written: str     # the <coordinates> text
    why: str         # which part is no number of degrees


def _cut(text: str) -> str:
    """A value as a message quotes it: a 5 MB number of degrees made a 5 MB message."""
    return text if len(text) <= SHOWN_CHARS else \
        f"{text[:SHOWN_CHARS]}… ({len(text):,} characters)"


def _not_degrees(text: str) -> str | None:
    """What in a <coordinates> text is no number of degrees: a value that is no finite
    number ('inf', 'nan', '1e999', 'abc'), or a tuple without its latitude; None when
    every longitude and latitude is a number (an altitude is not read)."""
    for point in text.split():
        parts = point.split(",")
        if len(parts) < 2:
            return f"'{_cut(point)}' is not a longitude,latitude pair"
        for part in parts[:2]:
            try:
                finite = math.isfinite(float(part))
            except ValueError:
                finite = False
            if not finite:
                return f"'{_cut(part)}' is not a finite number of degrees"
    return None


def _bad(placemark, number: int) -> BadCoordinates | None:
    for element in placemark.iter():
        if local_name(element.tag) != "coordinates":
            continue
        written = " ".join((element.text or "").split())
        why = _not_degrees(written)
        if why is not None:
            name = next((" ".join((child.text or "").split()) for child in placemark
                         if local_name(child.tag) == "name"), "")
            return BadCoordinates(number, name, written, why)
    return None


def _problem(bad: BadCoordinates) -> str:
    name = f" '{_cut(bad.name)}'" if bad.name else ""
    return (f"placemark {bad.number:,}{name} has coordinates '{_cut(bad.written)}': "
            f"{bad.why}. Write "
            "them as longitude,latitude in decimal degrees (30.61,46.70) in the map tool or "
            "the file and import it again, or remove them to place the row by its place name")


def refuse_bad_coordinates(table: RawTable, layers, root, *, unnamed: str) -> None:
    """Refuses the row of each placemark whose coordinates are not numbers of degrees,
    found one for one in its layer (folder; `unnamed`: the layer GDAL named after the
    file), else by its name."""
    if root is None:
        return
    folders = folder_placemarks(root)
    bad_of = {id(element): bad for element in root.iter()
              if local_name(element.tag) == "Placemark"
              for bad in [_bad(element, folders.numbers[id(element)])] if bad is not None}
    first_row = 1
    for layer, frame in layers:
        placemarks = folders.placemarks.get(
            layer, folders.placemarks.get(UNNAMED) if layer == unnamed else None)
        if bad_of and placemarks is not None and len(placemarks) == len(frame):
            for row, (placemark, _) in enumerate(placemarks, start=first_row):
                bad = bad_of.pop(id(placemark), None)
                if bad is not None:
                    _refuse(table, row, bad)
        first_row += len(frame)
    for bad in bad_of.values():     # in a folder whose name another folder shares
        _refuse_by_name(table, bad)


def _refuse(table: RawTable, row: int, bad: BadCoordinates) -> None:
    """The row is refused for its coordinates alone: the half of them GDAL made of the
    text ('1e999,0' as latitude 0) is no point of the file's."""
    table.row_problems[row] = [f"Row {row}: {_problem(bad)}"]
    for column in POINT_COLUMNS:
        if column in table.frame:
            table.frame.loc[row, column] = ""


def _refuse_by_name(table: RawTable, bad: BadCoordinates) -> None:
    """A placemark of a folder whose name another folder shares: its row is the one row of
    its name, or the file is refused (its row cannot be told apart from the others)."""
    column = next((c for c in table.frame.columns if c.lower() == "name"), None)
    rows = [] if column is None or not bad.name else \
        table.frame.index[table.frame[column] == bad.name].tolist()
    if len(rows) == 1:
        _refuse(table, int(rows[0]), bad)
        return
    raise InputFileError(f"'{table.file_name}': {_problem(bad)}. Its row cannot be told "
                         "apart from the others (two folders of one name hold placemarks "
                         "of its name): correct it, or rename one of the folders")
