"""ZIP-based uploads (.xlsx, KMZ, a zipped shapefile, a ZIP of CSVs) whose directory
states smaller sizes than their members unpack to: the size check read the directory, but
GDAL unpacks what is there (a 780 KB workbook stating 5,000 bytes took 1.7 GB of memory
to read). Each member is refused by name before any reader unpacks it."""

from __future__ import annotations

import io
import re
import struct
import zipfile

import pytest

from geo.errors import InputFileError
from geo.importing.readers.dispatch import read_file
from tests.support.xlsx import workbook

STATED = 5_000


def stating_less(data: bytes, member: str, stated: int = STATED) -> bytes:
    """`data` (a ZIP) with `member`'s unpacked size written as `stated`, in its local
    header and in the central directory, as a hostile archive does."""
    patched = bytearray(data)
    found = patched.find(b"PK\x01\x02")
    while found != -1:
        name_length = struct.unpack_from("<H", patched, found + 28)[0]
        if patched[found + 46: found + 46 + name_length] == member.encode():
            struct.pack_into("<I", patched, found + 24, stated)
            local = struct.unpack_from("<I", patched, found + 42)[0]
            struct.pack_into("<I", patched, local + 22, stated)
        found = patched.find(b"PK\x01\x02", found + 4)
    return bytes(patched)


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def padded_workbook() -> bytes:
    rows = [["date", "latitude", "longitude", "place"]] + [
        ["2025-08-08", "46.5", "30.7", "Odesa " + "x" * 200] for _ in range(5_000)]
    return workbook({"Sheet1": rows})


KML = (b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
       + b"".join(b"<Placemark><name>strike %d</name><TimeStamp><when>2025-08-08</when>"
                  b"</TimeStamp><Point><coordinates>30.7,46.5</coordinates></Point>"
                  b"</Placemark>" % i for i in range(3_000)) + b"</Document></kml>")
CSV = b"date,latitude,longitude\n" + b"2025-08-08,46.5,30.7\n" * 20_000

CASES = {
    "workbook.xlsx": (padded_workbook, "xl/worksheets/sheet1.xml"),
    "places.kmz": (lambda: zipped({"doc.kml": KML}), "doc.kml"),
    "data.zip": (lambda: zipped({"a.csv": CSV}), "a.csv"),
}


@pytest.mark.parametrize("name", CASES)
def test_a_member_unpacking_to_more_than_its_archive_states_is_refused(name):
    make, member = CASES[name]
    data = make()
    read_file(data, name)  # as written, it reads
    with pytest.raises(InputFileError) as raised:
        read_file(stating_less(data, member), name)
    said = str(raised.value)
    assert f"'{name}'" in said and member in said and "states" in said, said
    assert "Traceback" not in said


@pytest.mark.parametrize("name, member", [("bomb.xlsx", "xl/worksheets/sheet1.xml"),
                                          ("bomb.kmz", "doc.kml"), ("bomb.zip", "a.csv"),
                                          ("bomb.shp.zip", "a.dbf")])
def test_a_member_packed_as_only_a_bomb_is_refused_before_it_is_unpacked(name, member):
    """A member stating its size honestly, but packed a thousand times over (spaces): no
    export of incidents packs so tightly; GDAL read a 780 KB workbook of 800 MB of spaces
    with 1.7 GB of memory."""
    spaces = b" " * 150_000_000
    if name.endswith(".xlsx"):
        buffer = io.BytesIO(workbook({"Sheet1": [["date"]]}))
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet2.xml", spaces)
        data, member = buffer.getvalue(), "xl/worksheets/sheet2.xml"
    else:
        data = zipped({member: spaces, "a.shp": b"\0" * 100} if name.endswith(".shp.zip")
                      else {member: spaces})
    with pytest.raises(InputFileError, match=f"'{re.escape(name)}': the file "
                                             f"'{re.escape(member)}' inside it unpacks to "
                                             r"143\.1 MB from "):
        read_file(data, name)


def test_an_archive_of_thousands_of_data_files_is_refused_by_their_count_before_reading():
    row = b"date,latitude,longitude,description\n2025-08-08,46.5,30.7,x\n"
    data = zipped({f"day{i}.csv": row for i in range(5_000)})
    with pytest.raises(InputFileError) as refused:
        read_file(data, "folder.zip")
    message = str(refused.value)
    assert "5,000 data files" in message and "folder.zip" in message and len(message) < 600


def test_an_archive_of_many_data_files_names_a_few_in_its_note():
    row = b"date,latitude,longitude,description\n2025-08-08,46.5,30.7,x\n"
    table = read_file(zipped({f"day{i}.csv": row for i in range(300)}), "year.zip")
    note = table.notes[0]
    assert "Read 300 files" in note and "day0.csv" in note and "and 290 more" in note
    assert "day299.csv" not in note and len(table.frame) == 300
