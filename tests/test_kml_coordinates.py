"""A placemark whose <coordinates> are no numbers of degrees ('inf,nan', '1e999,0', 'abc,46')
is refused on its row, by its number and name, with the value and what to do; the other
placemarks import. GDAL read 'inf,nan' as no point (the row was then looked up by its name
or refused as 'could not be looked up'), '1e999,0' as latitude 0 without a longitude and
'abc,46' as longitude 0: a wrong point. The files are constructed."""

from __future__ import annotations

import io
import zipfile

import pytest

from geo.errors import InputFileError
from geo.importing.readers.dispatch import read_file
from tests.support.imports import preview_bytes

PLACEMARK = """<Placemark><name>{name}</name><TimeStamp><when>2025-08-08</when></TimeStamp>
<Point><coordinates>{coordinates}</coordinates></Point></Placemark>"""


def kml(*folders: tuple[str, list[tuple[str, str]]]) -> bytes:
    body = "".join(f"<Folder><name>{folder}</name>" + "".join(
        PLACEMARK.format(name=name, coordinates=coordinates) for name, coordinates in marks)
        + "</Folder>" for folder, marks in folders)
    return (f'<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/'
            f'2.2"><Document><name>strikes</name>{body}</Document></kml>').encode()


@pytest.mark.parametrize("coordinates, why", [
    ("inf,nan", "'inf' is not a finite number of degrees"),
    ("1e999,0", "'1e999' is not a finite number of degrees"),
    ("30.6,nan,0", "'nan' is not a finite number of degrees"),
    ("abc,46", "'abc' is not a finite number of degrees"),
    ("30.6", "'30.6' is not a longitude,latitude pair"),
])
def test_a_placemark_with_coordinates_that_are_no_degrees_is_refused_by_name(store,
                                                                              coordinates,
                                                                              why):
    data = kml(("Odesa", [("Depot", "30.61204,46.70118,0"), ("Broken one", coordinates),
                          ("Port", "30.74,46.48")]))
    preview = preview_bytes(store, data, "strikes.kml")
    assert preview.counts()["new"] == 2 and preview.counts()["rejected"] == 1
    assert preview.grouped_problems() == [
        f"Row 2: placemark 2 'Broken one' has coordinates '{coordinates}': {why}. Write them "
        "as longitude,latitude in decimal degrees (30.61,46.70) in the map tool or the file "
        "and import it again, or remove them to place the row by its place name"]
    assert list(preview.incidents.loc[[1, 3], "place"]) == ["Depot", "Port"]


def test_the_row_and_the_placemark_number_follow_the_folders():
    data = kml(("Odesa", [("Depot", "30.61,46.70")]),
               ("Kharkiv", [("Substation", "36.2,50.0"), ("Broken", "36.2,inf")]))
    table = read_file(data, "strikes.kml")
    assert list(table.row_problems) == [3]
    [problem] = table.row_problems[3]
    assert problem.startswith("Row 3: placemark 3 'Broken' has coordinates '36.2,inf'")
    assert (table.frame.loc[3, "latitude"], table.frame.loc[3, "longitude"]) == ("", "")


def test_a_kmz_is_checked_alike():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("doc.kml", kml(("Odesa", [("Broken", "1e999,0")])))
    table = read_file(data.getvalue(), "strikes.kmz")
    assert table.row_problems[1][0].startswith("Row 1: placemark 1 'Broken' has coordinates "
                                               "'1e999,0'")


def test_folders_of_one_name_are_told_apart_by_the_placemark_s_name():
    data = kml(("Odesa", [("Depot", "30.61,46.70")]), ("Odesa", [("Broken", "inf,0")]))
    table = read_file(data, "strikes.kml")
    [(row, [problem])] = table.row_problems.items()
    assert table.frame.loc[row, "Name"] == "Broken" and "'inf,0'" in problem


def test_a_placemark_no_row_can_be_told_for_refuses_the_file_by_name():
    data = kml(("Odesa", [("Twin", "30.61,46.70")]), ("Odesa", [("Twin", "inf,0")]))
    with pytest.raises(InputFileError, match=r"placemark 2 'Twin' has coordinates 'inf,0'.*"
                                             r"rename one of the folders"):
        read_file(data, "strikes.kml")


def test_a_number_of_degrees_a_million_digits_long_is_quoted_cut_with_its_length():
    """The value and the placemark's name were quoted whole: a 5 MB message."""
    digits = "3" + "0" * 1_000_000
    data = kml(("Odesa", [("Depot " * 50_000, f"{digits},46.7"), ("Fine", "30.61,46.70")]))
    table = read_file(data, "strikes.kml")
    [problem] = table.row_problems[1]
    assert len(problem) < 1_000, len(problem)
    assert "(1,000,001 characters)' is not a finite number of degrees" in problem, problem
    assert "(299,999 characters)" in problem and "Depot Depot" in problem  # its last space folded
