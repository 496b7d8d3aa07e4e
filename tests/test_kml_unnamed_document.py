"""A KML whose Document has no name (or whose placemarks stand right under <kml>): GDAL
names its layer after the file, so the times read from the XML (a TimeStamp of '2009', a
span) found no layer and were lost: a year became no date at all, and a date GDAL cannot
read ('99999-01-01') was said to be empty instead of named."""

from __future__ import annotations

import pytest

from geo.commands._cli import main
from geo.importing.readers.dispatch import read_file

PLACEMARK = ("<Placemark><name>{name}</name><TimeStamp><when>{when}</when></TimeStamp>"
             "<Point><coordinates>30.7,46.5</coordinates></Point></Placemark>")


def kml(body: str) -> bytes:
    return ('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2">' + body +
            "</kml>").encode()


def placemarks(*whens: str) -> str:
    return "".join(PLACEMARK.format(name=f"p{i}", when=when) for i, when in enumerate(whens))


@pytest.mark.parametrize("body", [
    "<Document>{}</Document>", "<Document><name></name>{}</Document>",
    "<Document><Folder><name>F</name>" + PLACEMARK.format(name="f", when="2025-08-01") +
    "</Folder>{}</Document>",
])
def test_the_times_of_an_unnamed_document_are_read_as_written(body):
    table = read_file(kml(body.format(placemarks("2009", "2025-08", "2025-08-08"))), "a.kml")
    frame = table.frame.set_index("Name")
    assert frame.loc[["p0", "p1", "p2"], "when"].tolist() == ["2009", "2025-08", "2025-08-08"]


def test_the_time_of_a_lone_placemark_under_kml_is_read_as_written():
    table = read_file(kml(PLACEMARK.format(name="p", when="2009")), "lone.kml")
    assert table.frame["when"].tolist() == ["2009"]


def test_a_date_gdal_cannot_read_is_named_not_said_to_be_empty(tmp_path, capsys):
    path = tmp_path / "years.kml"
    path.write_bytes(kml("<Document>" + placemarks("99999-01-01", "2025-08-08") +
                         "</Document>"))
    code = main(["import", str(path), "--dry-run", "--db", str(tmp_path / "s.sqlite")])
    out = capsys.readouterr().out
    assert code == 0 and "date '99999-01-01' is not a date" in out, out
    assert "date is empty" not in out


def test_placemarks_a_reader_leaves_out_refuse_the_file():
    """Three placemarks right under <kml>: GDAL read the last one only, the other two were
    lost unsaid."""
    from geo.errors import InputFileError

    with pytest.raises(InputFileError, match=r"'bare\.kml' holds 3 placemarks but only 1 could "
                                             r"be read"):
        read_file(kml(placemarks("2025-08-01", "2025-08-02", "2025-08-03")), "bare.kml")
