"""Excel workbooks (.xlsx) -> text cells, read by GDAL's XLSX driver through pyogrio.

The first row of a sheet is its header, unless it holds one value at most (a report's
title, as official workbooks have): the header is then the next row naming two columns or
more, and the title is said in a note. Dates typed as dates in Excel come out in
ISO form (2025-08-08, 2025-08-08T01:23:00); numbers as Excel shows them without a
trailing '.0'. The first sheet whose columns hold a date and a location is read (else the
first with data rows: the import then names what it lacks), with every other sheet of the
same columns after it (a sheet per month: the column 'sheet' names each row's); the others
are named in a note.
A formula the workbook keeps no value of (a file a script wrote, never opened in a
spreadsheet) is a problem of its row, not an empty cell.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from geo.errors import InputFileError
from geo.importing.columns import readable
from geo.importing.not_events import is_count_table
from geo.importing.presets.base import normalise_header
from geo.importing.readers.excel_escapes import decoded, lone_note
from geo.importing.readers.excel_formulas import formulas_without_values
from geo.importing.readers.excel_rows import filled_rows
from geo.importing.readers.features import on_disk, read_layers
from geo.importing.readers.headerless import looks_like_values
from geo.importing.readers.table import RawTable, offsets, stacked, text_frame, unique_header
from geo.importing.readers.title_lines import (
    MAX_TITLE_LINES,
    group_note,
    is_group_row,
    title_note,
)
from geo.importing.readers.xml_doctype import refuse_doctype

XLSX_OPTIONS = {"OGR_XLSX_HEADERS": "FORCE"}
GDAL_EMPTY_NAME = re.compile(r"Field\d+")   # GDAL's name for a header cell left empty


def read_excel(data: bytes, name: str) -> RawTable:
    import pyogrio  # GDAL: loaded for a workbook, not for every import

    refuse_doctype(data, name, zipped=True)

    previous = {key: pyogrio.get_gdal_config_option(key) for key in XLSX_OPTIONS}
    pyogrio.set_gdal_config_options(XLSX_OPTIONS)
    try:
        with on_disk(data, ".xlsx") as path:
            sheets = read_layers(path, name, "Excel workbook")
    finally:
        pyogrio.set_gdal_config_options(previous)
    tables = []
    for sheet, frame in sheets:
        columns = {c: frame[c].to_numpy(dtype=object) for c in frame.columns
                   if c != "geometry"}
        try:
            cells, lone = decoded(text_frame(columns, name, unit="row"))
        except InputFileError:
            continue  # a sheet of empty rows: try the next one
        tables.append((sheet, (*_below_title(cells), lone)))
    if not tables:
        raise InputFileError(f"'{name}' is an Excel workbook whose sheets hold no data rows; "
                             "check that you saved the right workbook")
    # a 'Read me' or legend sheet before the data: the first sheet that can be imported,
    # and every other sheet of the same columns (a workbook of a sheet per month or year);
    # else the first of counts (ACLED's aggregated workbook: 'TOU' before the counts), to
    # be refused as counts by name
    sheet, cells = next(((s, c) for s, c in tables if readable(c[0].columns)),
                        next(((s, c) for s, c in tables if is_count_table(c[0].columns)),
                             tables[0]))
    header = _header(cells[0].columns)
    same = [(s, c) for s, c in tables if s == sheet
            or (readable(c[0].columns) and _header(c[0].columns) == header)]
    parts = [_sheet_table(data, name, s, c) for s, c in same]
    table = parts[0] if len(parts) == 1 else _joined_sheets(parts, [s for s, _ in same], name)
    read = {s for s, _ in same}
    others = [s for s, _ in sheets if s not in read]
    if others:
        table.notes.append(f"Read the sheet{'s' if len(read) > 1 else ''} "
                           f"{', '.join(repr(s) for s, _ in same)}; the workbook's other "
                           f"sheets ({', '.join(others)}) were not read: save one as its own "
                           "file to import it")
    return table


def _header(columns) -> tuple[str, ...]:
    return tuple(normalise_header(c) for c in columns)


def _sheet_table(data: bytes, name: str, sheet: str, cells) -> RawTable:
    cells, said, skipped, lone = cells
    numbered = _sheet_numbers(cells, filled_rows(data, sheet), skipped)
    table = RawTable(cells, name, file_format=f"Excel workbook, sheet '{sheet}'", unit="row")
    if said:
        table.notes.append(said)
    if lone:
        table.notes.append(lone_note(lone))
    if not numbered:
        table.notes.append(f"Sheet '{sheet}': its rows could not be matched to the sheet's own "
                           "row numbers, so rows are numbered from 1, the first holding a "
                           "value below the header, empty rows not counted")
    _say_formulas(table, formulas_without_values(data, sheet) if numbered else {}, sheet)
    return table


def _sheet_numbers(cells: pd.DataFrame, filled: list[int] | None, above: int) -> bool:
    """Numbers the rows of `cells` as the spreadsheet does at its left (a sheet that starts
    with its header has its first data row at 2), from the sheet's rows holding a value
    (`filled`), `above` of them above the first data row (the header, a title); else from
    1, the first row below the header, empty rows not counted. Whether the sheet's own
    numbers were given."""
    if filled is not None and len(filled) == above + len(cells):
        cells.index = pd.Index(filled[above:], name="row")
        return True
    cells.index = pd.Index(np.arange(1, len(cells) + 1), name="row")
    return False


def _joined_sheets(tables: list[RawTable], sheets: list[str], name: str) -> RawTable:
    """Sheets of the same columns one after the other, rows numbered on, with a column
    'sheet' (only the first was read: a sheet per month left the others out)."""
    whole, problems, notes, column = stacked(tables, sheets, "sheet")
    notes.insert(0, f"Read {len(tables)} sheets of the same columns "
                    f"({', '.join(repr(s) for s in sheets)}) one after the other; the column "
                    f"'{column}' says which each row came from. Row numbers are each "
                    "sheet's own, plus " + ", plus ".join(
                        f"{offset:,} on sheet '{sheet}' (its row {table.frame.index[0]} is "
                        f"row {table.frame.index[0] + offset} here)" for sheet, table, offset
                        in zip(sheets, tables, offsets(tables), strict=True) if offset))
    return RawTable(whole, name, row_problems=problems, notes=notes,
                    file_format=f"Excel workbook, {len(tables)} sheets", unit="row")


def _say_formulas(table: RawTable, found: dict, sheet: str) -> None:
    """Each formula without a value refuses its row (numbered as the sheet numbers it);
    one on no row read (a row of nothing else, the header) refuses the whole file, never a
    wrong row."""
    frame, unplaced = table.frame, []
    for row, cells in found.items():
        for column, problem in cells:
            if (row in frame.index and column < frame.shape[1]
                    and str(frame.loc[row].iloc[column]) == ""):
                table.row_problems.setdefault(row, []).append(f"Row {row}: {problem}")
            else:
                unplaced.append(problem)
    if unplaced:
        more = f" ({len(unplaced) - 1} more such cells)" if len(unplaced) > 1 else ""
        raise InputFileError(f"'{table.file_name}', sheet '{sheet}': {unplaced[0]}{more}")


def _below_title(cells: pd.DataFrame) -> tuple[pd.DataFrame, str, int]:
    """(the sheet's rows below its header, the note saying what was above it, how many of
    the sheet's rows holding a value lie above the first data row): a sheet whose first
    row holds one value at most (a report's title: GDAL names its empty cells Field2,
    Field3, ...) has its header on the first of the next rows that holds two or more; a
    first row of a few group names over a row naming every column (merged cells) has its
    header on that row."""
    named = [c for c in cells.columns if not GDAL_EMPTY_NAME.fullmatch(str(c))]
    rows = cells.to_numpy(dtype=object)
    header = [str(c) if c in named else "" for c in cells.columns]
    if len(rows) and is_group_row(header, [str(v) for v in rows[0]]):
        frame = pd.DataFrame(rows[1:], columns=unique_header(rows[0]), dtype=object)
        frame.index = pd.Index(np.arange(1, len(frame) + 1), name="row")
        return frame, group_note([str(c) for c in named]), 2   # merged cells over the header
    if len(named) > 1:
        return cells, "", 1
    for at, row in enumerate(rows[:MAX_TITLE_LINES]):
        if sum(bool(str(value).strip()) for value in row) >= 2:
            if looks_like_values([str(value) for value in row]):
                break             # data under a one-name header: no title to leave out
            frame = pd.DataFrame(rows[at + 1:], columns=unique_header(row), dtype=object)
            frame.index = pd.Index(np.arange(1, len(frame) + 1), name="row")
            title = [*named, *(" ".join(str(v) for v in r if str(v).strip())
                               for r in rows[:at])]
            return frame, title_note(title), (1 if named else 0) + at + 1  # GDAL's header
    return cells, "", 1 if named else 0            # row: the first, empty when none named
