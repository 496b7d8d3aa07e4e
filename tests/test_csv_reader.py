"""geo.importing.readers: bytes -> text cells, or a clear reason the file cannot be used."""

from __future__ import annotations

import codecs

import pytest

from geo.errors import InputFileError
from geo.importing.presets.registry import detect_preset
from geo.importing.readers.dispatch import read_file as read_csv_bytes
from geo.importing.readers.headerless import looks_like_values
from tests.support.files import TEST_DATA

HEADER = "date,place,description\n"
ROW = "2025-08-08,Орлівка,Удар по ГРС\n"


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", (HEADER + ROW).encode("utf-8")),
    ("utf-8-sig", codecs.BOM_UTF8 + (HEADER + ROW).encode("utf-8")),
    ("utf-16", (HEADER + ROW).encode("utf-16")),
    ("utf-16-le", (HEADER + ROW).encode("utf-16-le")),
    ("cp1251", (HEADER + ROW).encode("cp1251")),
])
def test_cyrillic_text_reads_the_same_in_every_encoding(encoding, data):
    table = read_csv_bytes(data, "f.csv")
    assert table.encoding == encoding
    assert list(table.frame.columns) == ["date", "place", "description"]
    assert table.frame.loc[1, "place"] == "Орлівка"
    assert table.frame.loc[1, "description"] == "Удар по ГРС"


def test_western_windows_1252_is_told_from_cyrillic_1251():
    data = "date;place;notes\n2025-08-08;Zürich;café, Größe, naïve\n".encode("cp1252")
    table = read_csv_bytes(data, "f.csv")
    assert table.encoding == "cp1252"
    assert table.frame.loc[1, "place"] == "Zürich"
    assert table.frame.loc[1, "notes"] == "café, Größe, naïve"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_found(delimiter):
    text = delimiter.join(["date", "lat", "lon", "notes"]) + "\n" + delimiter.join(
        ["2025-08-08", "46.1", "30.2", '"a, b; c | d"']) + "\n"
    table = read_csv_bytes(text.encode(), "f.csv")
    assert table.delimiter == delimiter
    assert table.frame.loc[1, "notes"] == "a, b; c | d"
    assert table.frame.loc[1, "lat"] == "46.1"


def test_semicolon_file_with_decimal_commas_is_not_read_as_comma_separated():
    data = b"date;lat;lon\n2025-08-08;46,48;30,74\n2025-08-09;46,5;30,7\n"
    table = read_csv_bytes(data, "f.csv")
    assert table.delimiter == ";"
    assert table.frame.loc[2, "lat"] == "46,5"


def test_quoted_fields_with_newlines_stay_one_row_and_rows_keep_their_numbers():
    data = b'date,notes\n2025-08-08,"line one\nline two"\n\n2025-08-09,next\n'
    table = read_csv_bytes(data, "f.csv")
    assert table.frame.loc[1, "notes"] == "line one\nline two"
    # the blank line counts as row 2, as a spreadsheet shows it, and is dropped
    assert list(table.frame.index) == [1, 3]


def test_every_value_stays_text():
    table = read_csv_bytes(b"id,lat\n007,46.10\n", "f.csv")
    assert table.frame.loc[1, "id"] == "007"
    assert table.frame.loc[1, "lat"] == "46.10"


def test_ragged_rows_are_reported_by_row_and_short_rows_padded():
    data = b"date,lat,lon\n2025-08-08,46,30\n2025-08-09,46,30,extra,more\n2025-08-10,46\n"
    table = read_csv_bytes(data, "f.csv")
    assert table.row_problems == {2: ["Row 2: 5 fields but the header has 3; a value probably "
                                      "contains an unquoted comma: quote that value"]}
    assert table.frame.loc[3, "lon"] == ""
    assert "1 row(s) have fewer fields than the header (rows 3)" in table.notes[0]


def test_a_trailing_empty_field_is_not_a_ragged_row():
    table = read_csv_bytes(b"date,lat\n2025-08-08,46,\n", "f.csv")
    assert table.row_problems == {}


def test_duplicate_and_empty_header_names_are_made_unique():
    table = read_csv_bytes(b"date,,date\n2025-08-08,x,y\n", "f.csv")
    assert list(table.frame.columns) == ["date", "column_2", "date (2)"]


@pytest.mark.parametrize("data, message", [
    (b"", "'f.csv' is empty"),
    (b"   \n\n", "'f.csv' is empty"),
    (b"date,lat,lon\n", "has a header (date, lat, lon) but no data rows"),
    (b"date,lat,lon\n\n,,\n", "but no data rows"),
    (b"PK\x03\x04\x14\x00\x06\x00rest", "looks like a ZIP archive or an Excel/ODS workbook"),
    (b"%PDF-1.7\n...", "looks like a PDF document"),
    (b"date,lat\x00\x01\x02\x03\x04,lon\n1,2,3\n", "is a binary file"),
    (b"date lat lon\n2025-08-08 46 30\n", "Found only one column in 'f.csv'"),
])
def test_unusable_files_say_why(data, message):
    with pytest.raises(InputFileError) as error:
        read_csv_bytes(data, "f.csv")
    assert message in str(error.value)


def test_a_file_over_the_limit_is_refused_before_reading():
    with pytest.raises(InputFileError) as error:
        read_csv_bytes(b"date,lat\n" + b"2025-08-08,46\n" * 100, "big.csv", max_bytes=1000)
    assert "'big.csv' is 1.4 KB, over the 1000 bytes limit; split it into smaller files" \
        in str(error.value)


def test_the_default_limit_is_200_mb():
    from geo.importing.readers.table import MAX_FILE_BYTES
    assert MAX_FILE_BYTES == 200 * 1024 * 1024


def test_a_forced_wrong_delimiter_is_reported():
    with pytest.raises(InputFileError, match="Found only one column"):
        read_csv_bytes(b"date,lat,lon\n2025-08-08,46,30\n", "f.csv", delimiter=";")


def test_invalid_bytes_for_a_forced_encoding_name_the_fix():
    with pytest.raises(InputFileError, match=r"is not valid UTF-8 .*save it as UTF-8"):
        read_csv_bytes("date,place\n2025-08-08,Zürich\n".encode("cp1252"), "f.csv",
                       encoding="utf-8")


@pytest.mark.parametrize("data, titles", [
    # an official register's export: padded title lines in its own encoding, then the header
    ("Ladesäulenregister der Bundesnetzagentur;;;;\nStand: 01.08.2025;;;;\n;;;;\n"
     "Betreiber;Ort;Breitengrad;Längengrad;Datum\nStadtwerke X;Essen;51,4305;7,0055;25.01.2021\n"
     "Fastned;Essen;51,44;7,01;01.02.2024\n".encode("cp1252"),
     "'Ladesäulenregister der Bundesnetzagentur'; 'Stand: 01.08.2025'"),
    (b"Export from tool X\n\ndate,place,latitude,longitude\n2025-08-08,Orlivka,45.32,28.44\n"
     b"2025-08-09,Izmail,45.35,28.84,extra\n", "'Export from tool X'"),
])
def test_title_lines_above_the_header_are_left_out_and_said(data, titles):
    table = read_csv_bytes(data, "f.csv")
    assert table.columns[0] in ("Betreiber", "date") and len(table.columns) in (4, 5)
    assert len(table.frame) == 2 and list(table.frame.index) == [1, 2]
    assert any(titles in note and "are a title" in note for note in table.notes), table.notes
    if table.columns[0] == "date":   # rows are still numbered from the first below the header
        assert list(table.row_problems) == [2]


@pytest.mark.parametrize("data, header", [
    (b"date,place,,\n2025-08-08,Orlivka,x,y\n", "date"),   # empty names: still the header
    (b"date;lat;lon\n2025-08-08;46,48;30,74\n2025-08-09;46,5;30,7\n", "date"),
    (b"Report, August 2025\ndate,place\n2025-08-08,Orlivka\n", "Report"),  # two values
])
def test_a_first_line_of_two_values_by_any_delimiter_is_the_header(data, header):
    table = read_csv_bytes(data, "f.csv")
    assert table.columns[0] == header
    assert not any("are a title" in note for note in table.notes)


def test_a_ucdp_file_published_without_its_header_row_reads_in_geds_layout():
    """UCDP's candidate releases came without a header: the first event was taken for the
    header, lost, and no column could be read."""
    lines = (TEST_DATA / "ucdp_ged_ukraine_export_sample.csv").read_bytes().splitlines(True)
    table = read_csv_bytes(b"".join(lines[1:]), "ged_candidate.csv")
    assert table.encoding == "cp1252" and len(table.frame) == 43
    assert table.frame.loc[1, "id"] == "147997" and table.frame.loc[1, "where_prec"] == "1"
    assert detect_preset(table.columns).name == "ucdp"
    assert "has no header row" in table.notes[0] and "UCDP GED" in table.notes[0]


@pytest.mark.parametrize("first", ["2025-08-08,46.1,30.1,Odesa",
                                   "7,46.1,30.1,POINT (30.1 46.1),https://t.me/x/1"])
def test_a_file_without_a_header_row_is_refused_with_what_to_do(first):
    with pytest.raises(InputFileError, match="has no header row: its first line holds "
                                             "values") as error:
        read_csv_bytes(f"{first}\n{first}\n".encode(), "marks.csv")
    assert "Add a first line naming the columns" in str(error.value)


@pytest.mark.parametrize("header", [["date", "lat", "lon"], ["id", "2024", "name", "x"],
                                    ["Дата", "Широта", "Довгота"], ["acq_date", "frp", "t31"]])
def test_names_are_not_taken_for_values(header):
    assert not looks_like_values(header)


def test_a_first_cell_on_two_lines_is_one_row_not_an_unclosed_quote():
    """The record's own next fields, after the quote that closes its first cell, made its
    second line 'look like a row': the row was split in two and reported as a quote never
    closed."""
    data = (b'date,latitude,longitude,place\n"2025-08-01\nRow 9: all fine",46.1,30.2,Odesa\n'
            b'"2025-08-02\nsaid ""a,b,c"" here",46.2,30.3,Kyiv\n')
    table = read_csv_bytes(data, "two-lines.csv")
    assert table.frame.to_dict("records") == [
        {"date": "2025-08-01\nRow 9: all fine", "latitude": "46.1", "longitude": "30.2",
         "place": "Odesa"},
        {"date": '2025-08-02\nsaid "a,b,c" here', "latitude": "46.2", "longitude": "30.3",
         "place": "Kyiv"}]
    assert table.row_problems == {}
    unclosed = read_csv_bytes(b'date,latitude,longitude,place\n2025-08-01,46.1,30.2,"Odesa\n'
                              b'2025-08-02,46,30,Kyiv\n', "unclosed.csv")
    assert len(unclosed.frame) == 2 and "is not closed" in unclosed.row_problems[1][0]
