"""Workbooks, KML and GPX declaring XML entities (`<!DOCTYPE x [<!ENTITY e SYSTEM
"file:///etc/hostname">]>`): no reader resolves an external entity, so a workbook's cell
holding one was read as empty without a word, and KML and GPX failed with the parser's
'parsing aborted on line 2'. Each is refused by name before a reader starts; nothing
leaves this computer."""

from __future__ import annotations

import io
import zipfile

import pytest

from geo.errors import InputFileError
from geo.importing.readers.dispatch import read_file
from tests.support.xlsx import workbook

DOCTYPE = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
KML = ('<?xml version="1.0"?>' + DOCTYPE.replace("x [", "kml [") +
       '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&e;</name>'
       "<TimeStamp><when>2025-08-01</when></TimeStamp><Point><coordinates>30.7,46.5"
       "</coordinates></Point></Placemark></Document></kml>")
GPX = ('<?xml version="1.0"?>' + DOCTYPE + '<gpx version="1.1" creator="x" '
       'xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="46.5" lon="30.7">'
       "<time>2025-08-01T00:00:00Z</time><name>&e;</name></wpt></gpx>")


def _with_entity(data: bytes) -> bytes:
    """The workbook with its sheet's description cell made the entity."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for member in source.namelist():
            content = source.read(member)
            if member.endswith("sheet1.xml"):
                content = content.decode().replace("?>", "?>" + DOCTYPE, 1).replace(
                    "ACCOUNT", "&e;").encode()
            target.writestr(member, content)
    return out.getvalue()


@pytest.mark.parametrize(("data", "name", "part"), [
    (_with_entity(workbook({"Sheet1": [["date", "latitude", "longitude", "description"],
                                       ["2025-08-08", "46.5", "30.7", "ACCOUNT"]]})),
     "book.xlsx", "xl/worksheets/sheet1.xml"),
    (KML.encode(), "places.kml", None),
    (GPX.encode(), "track.gpx", None),
])
def test_xml_declaring_entities_is_refused_by_name(data, name, part):
    with pytest.raises(InputFileError) as refused:
        read_file(data, name)
    message = str(refused.value)
    assert name in message and "<!DOCTYPE>" in message, message
    assert part is None or part in message


def nested_kml(folders: int) -> bytes:
    placemark = ("<Placemark><name>Kyiv</name><TimeStamp><when>2025-08-01</when></TimeStamp>"
                 "<Point><coordinates>30.52,50.45</coordinates></Point></Placemark>")
    return ('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
            + "<Folder>" * folders + placemark + "</Folder>" * folders
            + "</Document></kml>").encode()


def test_a_kml_nested_deeper_than_gdal_reads_is_named_so():
    """GDAL's KML reader stops at 100 levels of elements: such a file was refused for an
    'Invalid root element', which it had not; 95 folders (100 levels) are read."""

    assert len(read_file(nested_kml(95), "folders.kml").frame) == 1
    for folders, levels in ((96, "101"), (20_000, "20,005")):
        with pytest.raises(InputFileError, match=(
                f"'folders.kml' nests its KML elements {levels} levels deep \\(folders within "
                "folders\\); the KML reader reads at most 100")):
            read_file(nested_kml(folders), "folders.kml")
