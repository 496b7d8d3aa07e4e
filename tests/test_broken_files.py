"""Damaged files of every format GDAL or pyarrow reads (cut short, an XML entity bomb, a
workbook or GeoPackage that is only a shell) are refused with the project's message naming
the file and not the temporary copy's path, never a traceback (pyogrio's errors were
caught under a name pyogrio does not have: every damaged KML, KMZ, GeoPackage, workbook or
shapefile ended in an AttributeError)."""

from __future__ import annotations

import io
import zipfile

import pytest

from geo.errors import InputFileError
from geo.importing.readers.dispatch import read_file
from tests.support.cli import geo

KML_CUT = (b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
           b'<Placemark><name>Depot</name><Point><coordinates>30.5,50.4')
ENTITIES = '<!ENTITY a0 "aaaaaaaaaa">' + "".join(
    f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 9))
KML_BOMB = (f'<?xml version="1.0"?><!DOCTYPE kml [{ENTITIES}]><kml xmlns="http://www.opengis.'
            'net/kml/2.2"><Document><Placemark><name>&a8;</name><Point><coordinates>30.5,50.4'
            '</coordinates></Point></Placemark></Document></kml>').encode()


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return out.getvalue()


@pytest.mark.parametrize(("name", "data", "said"), [
    ("cut.kml", KML_CUT, "could not be read as KML"),
    # 10^9 a's if expanded: refused for its document type before any parser reads it
    ("laughs.kml", KML_BOMB, "declares an XML document type"),
    ("cut.kmz", zipped({"doc.kml": KML_CUT}), "could not be read as KMZ"),
    ("shell.gpkg", b"SQLite format 3\x00\x10\x00\x01\x01" + bytes(60) + b"GPKG" + bytes(500),
     "could not be read as GeoPackage"),
    ("shell.xlsx", zipped({"xl/workbook.xml": b"<workbook>", "[Content_Types].xml": b"<x"}),
     "could not be read as Excel workbook"),
    ("shell.parquet", b"PAR1" + bytes(100), "could not be read as Parquet"),
])
def test_a_damaged_file_is_refused_by_name(name, data, said):
    with pytest.raises(InputFileError) as refused:
        read_file(data, name)
    message = str(refused.value)
    assert message.startswith(f"'{name}' {said}")
    assert "export it again" in message or "export the file again" in message
    assert "incident-import-" not in message      # the temporary copy is not the user's file


def test_the_command_refuses_a_damaged_kml_without_a_traceback(tmp_path):
    path = tmp_path / "strikes.kml"
    path.write_bytes(KML_CUT)
    run = geo("import", path, "--db", tmp_path / "store.sqlite")
    assert run.returncode == 2
    assert "'strikes.kml' could not be read as KML" in run.stderr
    assert "Traceback" not in run.stderr


def test_geojson_with_bytes_that_are_not_utf8_is_read_as_a_single_byte_encoding_and_said():
    """(It was refused by name; a GeoJSON saved in Windows-1251 or -1252 is read as a CSV in
    them is, and the preview says so: tests/test_real_exports_round6.py.)"""
    feature = (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
               b'{"date": "2025-08-08", "where": "Odesa REGION"}, "geometry": {"type": "Point", '
               b'"coordinates": [30.7, 46.5]}}]}')
    for bad in (b"\xff\xfe", b"\xff"):
        table = read_file(feature.replace(b"REGION", bad), "events.geojson")
        assert table.notes[0].startswith("The file is not in UTF-8, as JSON is written: its "
                                         "text was read as Windows-125")
        assert "\ufffd" not in table.frame.loc[1, "where"]


def test_a_zip_whose_member_name_is_not_the_utf8_it_claims_is_refused_by_name():
    data = bytearray(zipped({"événements.csv": b"date,latitude,longitude\n"}))
    name = "événements".encode()
    data[data.rfind(name):data.rfind(name) + 2] = b"\xff\xfe"    # in the central directory
    with pytest.raises(InputFileError) as refused:
        read_file(bytes(data), "events.zip")
    assert str(refused.value).startswith("'events.zip' looks like a ZIP archive")
