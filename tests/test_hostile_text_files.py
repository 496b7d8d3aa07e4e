"""Text files as careless tools write them: UTF-32 with its byte order mark (whose first
two bytes are UTF-16's mark, so it was read as UTF-16 and refused as 'binary'), and two
UTF-8 exports with a BOM joined one below the other (`cat a.csv b.csv`: the second
header, behind its BOM, was taken for an event and refused cell by cell)."""

from __future__ import annotations

from geo.importing.readers.dispatch import read_file

ROWS = ("date,latitude,longitude,place,category,description\n"
        "2025-08-01,46.5,30.7,Odesa,strike,Кременчук\n")


def test_utf32_with_its_byte_order_mark_is_read():
    for encoding in ("utf-32", "utf-32-be"):
        data = ROWS.encode(encoding)
        if encoding == "utf-32-be":
            data = b"\x00\x00\xfe\xff" + data
        table = read_file(data, "wide.csv")
        assert table.frame["description"].tolist() == ["Кременчук"], encoding


def test_a_header_repeated_behind_its_byte_order_mark_is_left_out_and_said():
    bom = "\ufeff".encode()
    data = bom + ROWS.encode() + bom + ROWS.replace("Кременчук", "second").encode()
    table = read_file(data, "joined.csv")
    assert table.frame["description"].tolist() == ["Кременчук", "second"]
    assert any("repeats the header row" in note for note in table.notes), table.notes


KML = ('<?xml version="1.0" encoding="UTF-16"?><kml xmlns="http://www.opengis.net/kml/2.2">'
       "<Document><Placemark><name>Кременчук</name><TimeStamp><when>2025-08-01</when>"
       "</TimeStamp><Point><coordinates>30.7,46.5</coordinates></Point></Placemark>"
       "</Document></kml>")
GPX = ('<?xml version="1.0" encoding="UTF-16"?><gpx version="1.1" creator="x" '
       'xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="46.5" lon="30.7">'
       "<time>2025-08-01T00:00:00Z</time><name>Кременчук</name></wpt></gpx>")
GEOJSON = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
           '{"type": "Point", "coordinates": [30.7, 46.5]}, "properties": '
           '{"date": "2025-08-01", "name": "Кременчук"}}]}')


def test_kml_gpx_and_geojson_saved_in_utf16_or_utf32_are_read_as_written():
    for text, name, column in ((KML, "w.kml", "Name"), (GPX, "w.gpx", "name"),
                               (GEOJSON, "w.geojson", "name")):
        for encoding in ("utf-16", "utf-16-le", "utf-32"):
            table = read_file(text.encode(encoding), name)
            assert table.frame[column].tolist() == ["Кременчук"], (name, encoding)


def test_a_nul_byte_anywhere_in_a_text_file_refuses_it_naming_its_line():
    """Only the first 64 KB were looked at: a NUL past them was stored, a CSV export then
    held a raw NUL, and PostgreSQL refuses one."""
    import pytest

    from geo.errors import InputFileError

    rows = [ROWS.splitlines()[0]] + [f"2025-08-01,46.5,30.7,P{i},strike,row {i} padding"
                                     for i in range(3_000)]
    rows.append("2025-08-02,46.5,30.7,Odesa,strike,nul\x00here")
    data = ("\n".join(rows) + "\n").encode()
    assert len(data) > 65_536
    with pytest.raises(InputFileError) as refused:
        read_file(data, "late.csv")
    assert "1 NUL byte, the first on line 3,002" in str(refused.value)
