"""Delimited text (CSV, TSV, ; or | separated) -> a table of text cells.

Lines may end in LF, CRLF or CR alone (old Mac and Excel files). The delimiter is the one
that splits the first lines into the same number of fields. Rows are numbered as a
spreadsheet user counts them: 1 is the first data row below the header, and a blank row
keeps its number. Nothing is dropped silently:
- a row with more fields than the header is reported (a value holding an unquoted comma);
  shorter rows are padded and listed in a note;
- a quote that is opened and never closed would swallow the rows after it into one cell:
  such a row is reported by number, and the rows after it are read on their own;
- lines that are not UTF-8 in a UTF-8 file are decoded as Windows-1251/-1252 and their
  rows named in a note (geo.importing.readers.encodings).
"""

from __future__ import annotations

import csv
import io
from itertools import islice

import numpy as np
import pandas as pd

from geo.allocation import paused_gc
from geo.errors import InputFileError
from geo.importing.readers.encodings import decode
from geo.importing.readers.headerless import layout_for, layout_note, looks_like_values
from geo.importing.readers.plain_csv import PLAIN_ENCODINGS, plain_cells
from geo.importing.readers.table import (
    DELIMITERS,
    ENCODING_LABELS,
    RawTable,
    check_columns,
    check_size,
    no_rows,
    unique_header,
)
from geo.importing.readers.title_lines import (
    group_note,
    group_row_names,
    title_line_count,
    title_note,
)

SNIFF_LINES = 200
UNUSED_DELIMITER = "\x1f"   # a file of one column: no character of its text splits a line
HEAD_CHARS = 64 * 1024
SHOWN_NUMBERS = 10


def split_lines(text: str, limit: int | None = None) -> list[str]:
    """Physical lines (the first `limit` only, if given), each ending in '\\n' (CR and CRLF
    translated), as csv wants them."""
    if limit is None:
        return io.StringIO(text, newline=None).readlines()
    size = HEAD_CHARS
    while True:  # a prefix holding the lines asked for, rather than a copy of all the text
        lines = list(islice(io.StringIO(text[:size], newline=None), limit + 1))
        if len(lines) > limit or size >= len(text):
            return lines[:limit]
        size *= 4


def _field_counts(lines: list[str], delimiter: str) -> list[int]:
    records = list(csv.reader(lines[:SNIFF_LINES], delimiter=delimiter))
    if len(records) > 2:
        records = records[:-1]  # the sample may cut the last record short
    return [len(r) for r in records if any(cell.strip() for cell in r)]


def sniff_delimiter(lines: list[str], name: str, fallback: str | None = None) -> str:
    scored = []
    for delimiter in DELIMITERS:
        counts = _field_counts(lines, delimiter)
        if not counts or counts[0] < 2:
            continue
        consistent = sum(c == counts[0] for c in counts) / len(counts)
        scored.append((consistent, counts[0], delimiter))
    if not scored and fallback is None:
        raise one_column_error(lines, name)
    if not scored:
        return fallback
    return max(scored)[2]


def one_column_error(lines: list[str], name: str) -> InputFileError:
    header = next((line.strip() for line in lines if line.strip()), "")[:80]
    return InputFileError(
        f"Found only one column in '{name}' (header: '{header}'); separate the columns "
        "with a comma, semicolon, tab or | and quote values that contain one")


def numbers_text(numbers, limit: int = SHOWN_NUMBERS) -> str:
    shown = ", ".join(map(str, list(numbers)[:limit]))
    return shown + (", ..." if len(numbers) > limit else "")


def _before_closing_quote(line: str) -> str:
    """The part of a quoted cell's continuation line before the quote that closes it (a
    doubled quote is a quote in the text); the whole line when none closes it."""
    position = 0
    while (found := line.find('"', position)) >= 0:
        if line.startswith('""', found):
            position = found + 2
            continue
        return line[:found]
    return line


class _Records:
    """Records with their row numbers and first physical line, read once."""

    def __init__(self, lines: list[str], delimiter: str, width: int):
        self.lines, self.delimiter, self.width = lines, delimiter, width
        self.records: list[list[str]] = []
        self.numbers: list[int] = []
        self.first_lines: list[int] = []
        self.unclosed: dict[int, str] = {}  # row number -> problem

    def read_fast(self) -> bool:
        """Every record on one line (the common case): True, with records filled."""
        reader = csv.reader(self.lines[1:], delimiter=self.delimiter)
        records = list(reader)
        if reader.line_num != len(records):
            return False
        self.records = records
        self.numbers = list(range(1, len(records) + 1))
        self.first_lines = list(range(1, len(records) + 1))
        return True

    def _looks_like_rows(self, start: int, end: int) -> bool:
        """Lines start+1..end (swallowed by a quoted cell) look like rows of the file. Of
        the last line only what comes before the quote that closes the cell counts: after it
        come the record's own next fields (a first cell written on two lines)."""
        needed = max(2, self.width - 1)
        inside = [*self.lines[start + 1:end], _before_closing_quote(self.lines[end])]
        return self.width >= 3 and any(line.count(self.delimiter) >= needed
                                       for line in inside)

    def read_careful(self) -> None:
        """Line by line, so that a quote never closed cannot swallow the rows after it."""
        position, number = 1, 0
        while position < len(self.lines):
            reader = csv.reader(self.lines[position:], delimiter=self.delimiter)
            consumed = 0
            for record in reader:
                start, end = position + consumed, position + reader.line_num - 1
                consumed = reader.line_num
                number += 1
                if end > start and self._looks_like_rows(start, end):
                    literal = next(csv.reader([self.lines[start]], delimiter=self.delimiter,
                                              quoting=csv.QUOTE_NONE))
                    self._add(literal, number, start)
                    self.unclosed[number] = (
                        f"Row {number}: a quote (\") opened in this row is not closed, so "
                        f"the {end - start} line(s) after it were read into one cell; close "
                        "the quote or remove it (the rows after it are read on their own)")
                    position = start + 1
                    break
                self._add(record, number, start)
            else:
                return

    def _add(self, record: list[str], number: int, line: int) -> None:
        self.records.append(record)
        self.numbers.append(number)
        self.first_lines.append(line)


def _shape(parsed: _Records, table: RawTable) -> tuple[list, list[int], list[int]]:
    """Records padded or cut to the header's width; blank rows dropped, ragged ones noted."""
    width, name = parsed.width, DELIMITERS.get(parsed.delimiter, repr(parsed.delimiter))
    records, numbers, lines, short = [], [], [], []
    for record, number, line in zip(parsed.records, parsed.numbers, parsed.first_lines,
                                    strict=True):
        if len(record) != width or not record[0] or record[0].isspace():
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > width:
                if any(cell.strip() for cell in record[width:]):
                    table.row_problems.setdefault(number, []).append(
                        f"Row {number}: {len(record)} fields but the header has {width}; a "
                        f"value probably contains an unquoted {name}: quote that value")
                record = record[:width]
            elif len(record) < width:
                short.append(number)
                record = record + [""] * (width - len(record))
        records.append(record)
        numbers.append(number)
        lines.append(line)
    for number, problem in parsed.unclosed.items():
        table.row_problems.setdefault(number, []).append(problem)
    if short:
        table.notes.append(f"{len(short)} row(s) have fewer fields than the header (rows "
                           f"{numbers_text(short)}); the missing fields are taken as empty")
    return records, numbers, lines


def _encoding_note(table: RawTable, other_lines: list[int], other: str,
                   first_lines: list[int], numbers: list[int]) -> None:
    starts = np.asarray(first_lines)
    later = np.asarray([line for line in other_lines if line > 0], dtype=np.int64)
    at = np.searchsorted(starts, later, side="right") - 1  # the record holding each line
    rows = sorted({numbers[i] for i in at[at >= 0]})
    header = 0 in other_lines
    if rows or header:
        where = (["the header"] if header else []) + (
            [f"rows {numbers_text(rows)}"] if rows else [])
        table.notes.append(
            f"The file mixes encodings: {' and '.join(where)} ({len(rows)} row(s)) are not "
            f"UTF-8 like the rest and were read as {ENCODING_LABELS.get(other, other)}; "
            "check their text, and save the whole file as UTF-8 next time")


def read_delimited(data: bytes, file_name: str, *, encoding: str | None = None,
                   delimiter: str | None = None, max_bytes: int,
                   one_column: bool = False) -> RawTable:
    """Read every cell as text; raise InputFileError when the file cannot be used at all.
    `one_column`: a list of one column is a table too (place names to geocode), with no
    title lines above it (each of its lines holds one value)."""
    check_size(data, file_name, max_bytes)
    text, encoding, other_lines, other = decode(data, file_name, encoding)
    csv.field_size_limit(2**31 - 1)
    # the header and the lines the delimiter is sniffed from; all lines only when needed
    lines, whole = split_lines(text, SNIFF_LINES + 1), False
    if not lines or not lines[0].strip():
        lines, whole = split_lines(text), True
    while lines and not lines[0].strip():  # blank lines above the header
        lines.pop(0)
        other_lines = [n - 1 for n in other_lines if n > 0]
    if not lines:
        raise InputFileError(f"'{file_name}' is empty; choose a file with a header and rows")
    titles = 0 if one_column else title_line_count(lines)
    title, lines = lines[:titles], lines[titles:]
    other_lines = [n - titles for n in other_lines if n >= titles]
    if one_column and delimiter is None:
        delimiter = sniff_delimiter(lines, file_name, fallback=UNUSED_DELIMITER)
    delimiter = delimiter or sniff_delimiter(lines, file_name)
    header_cells = next(csv.reader(lines[:1], delimiter=delimiter))
    check_columns(len(header_cells), file_name)
    header = unique_header(header_cells)
    if len(header) < (1 if one_column else 2):
        raise one_column_error(lines, file_name)
    if looks_like_values(header_cells):
        return _with_layout(text, header_cells, file_name, delimiter, encoding, max_bytes)
    table = RawTable(pd.DataFrame(), file_name, encoding, delimiter, file_format="CSV")
    if title:
        groups = group_row_names(title + lines[:1]) if len(title) == 1 else []
        table.notes.append(group_note(groups) if groups else title_note(title))
    plain = None
    if encoding in PLAIN_ENCODINGS and not other_lines and not whole and not title:
        plain = plain_cells(data, delimiter, header_cells)
    if plain is not None:
        count = np.arange(1, len(plain) + 1)
        cells, numbers, first_lines = _without_blank_rows(plain, count, count)
    else:
        lines = lines if whole else split_lines(text)[len(title):]
        cells, numbers, first_lines = _cells_line_by_line(lines, delimiter, len(header), table)
    if not len(cells):
        raise no_rows(file_name, header)
    if other_lines:
        _encoding_note(table, other_lines, other, list(first_lines), list(numbers))
    table.frame = pd.DataFrame(cells, columns=header, index=pd.Index(numbers, name="row"),
                               dtype=object)
    return table


def _with_layout(text: str, first: list[str], file_name: str, delimiter: str, encoding: str,
                 max_bytes: int) -> RawTable:
    """A file without its header row, read below the header of the source whose layout
    has its width (geo.importing.readers.headerless)."""
    label, layout = layout_for(first, file_name)
    named = delimiter.join(layout) + "\n" + text
    table = read_delimited(named.encode("utf-8"), file_name, encoding="utf-8",
                           delimiter=delimiter, max_bytes=max_bytes + len(named) - len(text))
    table.encoding = encoding
    table.notes.insert(0, layout_note(label, layout))
    return table


def _cells_line_by_line(lines: list[str], delimiter: str, width: int, table: RawTable):
    """(cells, row numbers, first lines) read by the csv module; ragged rows and unclosed
    quotes reported in `table`."""
    with paused_gc():
        parsed = _Records(lines, delimiter, width)
        if parsed.read_fast():
            shaped = _shape_even(parsed)
        else:
            parsed = _Records(lines, delimiter, width)
            parsed.read_careful()
            shaped = None
        if shaped is None:
            records, numbers, first_lines = _shape(parsed, table)
            cells = np.empty((len(records), width), dtype=object)
            if records:
                cells[:] = records
            del records
        else:
            cells, numbers, first_lines = shaped
        # The row lists go while the collector is paused: resumed with them alive, its
        # next pass would walk all 100,000 of them once for nothing (0.03-0.05 s).
        del parsed, shaped
    return cells, numbers, first_lines


def _shape_even(parsed: _Records):
    """The common case at numpy speed: every record one line with the header's width.
    (cells, row numbers, first lines), blank rows dropped; None when some record differs."""
    records = parsed.records
    widths = np.fromiter(map(len, records), dtype=np.int64, count=len(records))
    if not (widths == parsed.width).all():
        return None
    if not records:
        return None
    cells = np.empty((len(records), parsed.width), dtype=object)
    cells[:] = records
    return _without_blank_rows(cells, parsed.numbers, parsed.first_lines)


_isspace = np.frompyfunc(str.isspace, 1, 1)  # numpy's loop: half the time of a comprehension


def _without_blank_rows(cells: np.ndarray, numbers, first_lines):
    """(cells, row numbers, first lines) of the rows with some text; a blank row keeps its
    number for the rows after it."""
    first = cells[:, 0]
    suspect = np.flatnonzero((first == "") | _isspace(first).astype(bool))
    blank = [i for i in suspect if not any(cell.strip() for cell in cells[i])]
    if not blank:  # the common case: no copy of the cells
        return cells, np.asarray(numbers), np.asarray(first_lines)
    keep = np.ones(len(cells), dtype=bool)
    keep[blank] = False
    return cells[keep], np.asarray(numbers)[keep], np.asarray(first_lines)[keep]
