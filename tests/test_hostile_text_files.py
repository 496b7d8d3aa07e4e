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
