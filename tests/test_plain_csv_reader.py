"""geo.importing.readers.plain_csv: pyarrow's reading of a plain file gives the frame the
line-by-line reader gives, cell for cell; anything it could read otherwise goes to that
reader."""

from __future__ import annotations

import codecs

import pandas as pd
import pytest

from geo.importing.readers import delimited, plain_csv
from geo.importing.readers.table import MAX_FILE_BYTES

HEADER = "date,latitude,longitude,notes\n"
PLAIN = {
    "quotes of every kind": HEADER
    + '2025-08-08,46.1,30.2,"a, b ""quoted"" c"\n'
    + '2025-08-09,46.2,30.3,"ab"cd\n'
    + '2025-08-10,46.3,30.4, "spaced"\n'
    + '2025-08-11,46.4,30.5,a"b""c\n'
    + '2025-08-12,46.5,30.6,"ab" \n',
    "empty cells and a row of delimiters": HEADER + "2025-08-08,,,\n,,,\n2025-08-09,1,2,x\n",
    "a first cell of spaces": HEADER + "  ,46.1,30.2,x\n   ,  , ,\n",
    "formulas and untrusted text": HEADER
    + '2025-08-08,46.1,30.2,=HYPERLINK("http://x")\n'
    + "2025-08-08,46.1,30.2,+1-2 @SUM(A1) \t<script>\u2028\x0c\n",
    "Cyrillic and no final line break": HEADER + "2025-08-08,46.1,30.2,Удар по ГРС",
    "CRLF line ends": HEADER.replace("\n", "\r\n") + "2025-08-08,46.1,30.2,x\r\n",
    "CR line ends": HEADER.replace("\n", "\r") + "2025-08-08,46.1,30.2,x\r",
    "semicolons": HEADER.replace(",", ";") + "2025-08-08;46,1;30,2;a, b\n",
    "blank lines": HEADER + "2025-08-08,46.1,30.2,x\n\n2025-08-09,1,2,y\n\n",
    "a duplicated header name": "date,date,latitude,longitude\n2025-08-08,x,1,2\n",
}
CAREFUL = {
    "a quoted line break": HEADER + '2025-08-08,46.1,30.2,"one\ntwo"\n2025-08-09,1,2,x\n',
    "blank lines above the header": "\n \n" + HEADER + "2025-08-08,46.1,30.2,x\n",
    "a line of spaces": HEADER + "2025-08-08,46.1,30.2,x\n  \n2025-08-09,1,2,y\n",
    "a ragged row": HEADER + "2025-08-08,46.1,30.2,x,extra\n2025-08-09,1,2\n",
    "a quote never closed": HEADER + '2025-08-08,46.1,30.2,"x\n2025-08-09,1,2,y\n'
    + "2025-08-10,1,2,z\n",
    "a value over pyarrow's block (3 MB)": HEADER + "2025-08-08,1,2," + "x" * 3_000_000
    + "\n",
    "a CR inside a value": HEADER + "2025-08-08,46.1,30.2,x\ry\n",
}


def _both(monkeypatch, data: bytes, encoding: str | None = None):
    """(table read as the import does, table read with the line-by-line reader alone,
    whether pyarrow's cells were used)."""
    used = []

    def spy(*args):
        cells = plain_csv.plain_cells(*args)
        used.append(cells is not None)
        return cells

    monkeypatch.setattr(delimited, "plain_cells", spy)
    fast = delimited.read_delimited(data, "f.csv", encoding=encoding, max_bytes=MAX_FILE_BYTES)
    monkeypatch.setattr(delimited, "plain_cells", lambda *args: None)
    careful = delimited.read_delimited(data, "f.csv", encoding=encoding,
                                       max_bytes=MAX_FILE_BYTES)
    return fast, careful, any(used)


def _same(fast, careful) -> None:
    pd.testing.assert_frame_equal(fast.frame, careful.frame, check_exact=True)
    assert all(v.__class__ is str for v in fast.frame.to_numpy().ravel())
    assert (fast.notes, fast.row_problems, fast.encoding, fast.delimiter) == (
        careful.notes, careful.row_problems, careful.encoding, careful.delimiter)


@pytest.mark.parametrize("name", PLAIN)
def test_a_plain_file_is_read_by_pyarrow_with_the_same_cells(monkeypatch, name):
    fast, careful, used = _both(monkeypatch, PLAIN[name].encode())
    assert used
    _same(fast, careful)


def test_a_bom_file_is_read_by_pyarrow_with_the_same_cells(monkeypatch):
    data = codecs.BOM_UTF8 + PLAIN["quotes of every kind"].encode()
    fast, careful, used = _both(monkeypatch, data)
    assert used and fast.encoding == "utf-8-sig"
    _same(fast, careful)
    assert list(fast.frame.columns) == ["date", "latitude", "longitude", "notes"]


@pytest.mark.parametrize("name", CAREFUL)
def test_anything_else_is_read_line_by_line_as_before(monkeypatch, name):
    fast, careful, used = _both(monkeypatch, CAREFUL[name].encode())
    assert not used
    _same(fast, careful)


@pytest.mark.parametrize("name", ["empty cells and a row of delimiters", "blank lines"])
def test_a_blank_row_keeps_its_number_in_both_readers(monkeypatch, name):
    fast, _, _ = _both(monkeypatch, PLAIN[name].encode())
    assert list(fast.frame.index) == [1, 3]


@pytest.mark.parametrize("data", [
    (HEADER + "2025-08-08,Zürich,café,naïve\n").encode("cp1252"),
    (HEADER + "2025-08-08,1,2,Орлівка\n").encode("cp1251"),
    (HEADER + "2025-08-08,1,2,Орлівка\n").encode("utf-16"),
    HEADER.encode() + "2025-08-08,1,2,Орлівка\n".encode("cp1251") + b"2025-08-09,1,2,x\n",
])
def test_other_encodings_never_reach_pyarrow(monkeypatch, data):
    fast, careful, used = _both(monkeypatch, data)
    assert not used
    _same(fast, careful)


def test_physical_lines_count_every_kind_of_line_end():
    assert plain_csv.physical_lines(b"a\nb\r\nc\rd") == 4
    assert plain_csv.physical_lines(b"a\nb\n") == 2


@pytest.mark.parametrize("text", [
    "a,b\r\n" + "x" * 70_000 + ",y\r\n" * 300,
    "a,b\r" + "1,2\r\n" * 50_000,
    "a,b\n" + ("1," + "z" * 333 + "\r\n") * 250,
    "a,b\n1,2",
])
def test_the_first_lines_are_the_lines_of_the_whole_text(text):
    assert delimited.split_lines(text, 201) == delimited.split_lines(text)[:201]
