"""What every reader returns: a file's cells as text, numbered as its user counts them.

`RawTable.frame` holds one column per field of the file, every cell a str ('' when empty),
its index the row numbers (1 = the first data row below the header, or the first feature,
placemark or record). `row_problems` are problems that stop a row (a ragged row, a quote
that swallowed the next rows); `notes` are said about the whole file. Checks shared by the
readers live here too: size, emptiness, and the wording of the formats accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from geo.errors import InputFileError
from geo.visible import undecoded_marked

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 1_000  # ACLED has 31, UCDP GED 49; a spreadsheet of notes a few hundred
ACCEPTED = ("CSV or TSV text, Excel (.xlsx), GeoJSON, KML or KMZ, GeoPackage (.gpkg), "
            "GeoParquet (.parquet), a zipped shapefile (.zip), FlatGeobuf (.fgb), JSON "
            "record lists (ACLED or UCDP API answers, TimeMap events) and JSON Lines, uMap "
            "(.umap) and kepler.gl (keplergl.json) map exports, GPX waypoints (.gpx), and a "
            "ZIP of such files (FIRMS's download)")
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
ENCODING_LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
                   "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE", "utf-32": "UTF-32",
                   "cp1251": "Windows-1251 (Cyrillic)", "cp1252": "Windows-1252 (Western)",
                   "mixed": "mixed encodings"}


@dataclass
class RawTable:
    """A file's cells as text; `frame.index` holds the row numbers (1 = first data row)."""

    frame: pd.DataFrame
    file_name: str
    encoding: str = ""
    delimiter: str = ""
    row_problems: dict[int, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    file_format: str = "CSV"
    unit: str = "row"  # what one row of the file is: row, feature, placemark, record
    # columns the reader made from others (a KML 'when' from 'timestamp'/'begin') or from the
    # geometry (no columns): reading one reads its sources; none is the file's own column
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return list(self.frame.columns)

    def unread(self, read: set) -> list[str]:
        """The file's own columns not in `read` (directly or through a derived column)."""
        sources = {source for column in read for source in self.derived.get(column, ())}
        return [column for column in self.columns
                if column not in read and column not in sources and column not in self.derived]

    def describe(self) -> str:
        count = f"{len(self.frame):,} {self.unit}{'s' if len(self.frame) != 1 else ''}, " \
                f"{len(self.frame.columns)} columns"
        if self.delimiter:
            return (f"{count}; {ENCODING_LABELS.get(self.encoding, self.encoding)}, "
                    f"{DELIMITERS.get(self.delimiter, repr(self.delimiter))}-separated")
        return f"{count}; {self.file_format}"


def file_size(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    return f"{size / 2**10:.1f} KB" if size >= 2**10 else f"{size} bytes"


def too_large(name: str, size: int, max_bytes: int) -> InputFileError:
    return InputFileError(
        f"'{name}' is {file_size(size)}, over the {file_size(max_bytes)} limit; split it into "
        "smaller files (for example by year) and import each one")


def read_path(path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """A file given on the command line, read whole up to `max_bytes`: a folder, a device
    or a pipe (/dev/zero never ends) is refused by what it is, and no more than the limit
    is ever read, whatever the size the file system states (/proc files state 0)."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(f"Cannot read '{path}': No such file or directory; check the path")
    if not path.is_file():
        what = "a folder" if path.is_dir() else "not a regular file (a device or a pipe)"
        raise InputFileError(f"'{path}' is {what}; give the path of a file")
    try:
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise InputFileError(f"Cannot read '{path}': {error.strerror or error}; check the "
                             "path and its permissions") from error
    if len(data) > max_bytes:
        raise too_large(path.name, path.stat().st_size, max_bytes)
    return data


def check_size(data: bytes, name: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise too_large(name, len(data), max_bytes)
    if not data or data.isspace():  # nothing but whitespace, found without a 12 MB copy
        raise InputFileError(f"'{name}' is empty; choose a file with a header and rows "
                             f"(accepted: {ACCEPTED})")


def check_columns(count: int, name: str) -> None:
    """Refuse more columns than any table of incidents has, before a frame is made of
    them: a 1.3 MB CSV of 200,000 columns took 2.5 GB to read."""
    if count > MAX_COLUMNS:
        raise InputFileError(
            f"'{name}' has {count:,} columns; at most {MAX_COLUMNS:,} are read (a table of "
            "incidents has a few dozen): keep the columns you need and export it again")


def unique_header(cells) -> list[str]:
    """Header names made unique and never empty: 'date', 'date (2)', 'column_3'."""
    names: list[str] = []
    taken: set[str] = set()
    next_number: dict[str, int] = {}  # numbers below it are taken: 200,000 columns of one
    for i, cell in enumerate(cells):  # name were otherwise 2e10 comparisons
        base = str(cell).strip().lstrip("\ufeff") or f"column_{i + 1}"
        candidate, n = base, next_number.get(base, 2)
        while candidate in taken:
            candidate, n = f"{base} ({n})", n + 1
        next_number[base] = n
        names.append(candidate)
        taken.add(candidate)
    return names


def no_rows(name: str, header) -> InputFileError:
    return InputFileError(f"'{name}' has a header ({', '.join(map(str, list(header)[:8]))}) "
                          "but no data rows; add rows below the header")


def _text(value) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # Excel's and GDAL's 5.0 is the 5 the file shows
    if isinstance(value, bytes):  # each byte that is no UTF-8 as its mark ‹0xFF›, not '�'
        return undecoded_marked(value.decode("utf-8", "surrogateescape"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def text_column(values) -> np.ndarray:
    """Cells as str: None, NaN and pandas' NA become '', whole floats lose '.0', str stays as
    it is."""
    out = np.empty(len(values), dtype=object)
    out[:] = [value if value.__class__ is str else _text(value) for value in values]
    return out


def text_frame(columns: dict[str, object], file_name: str, *, unit: str) -> pd.DataFrame:
    """A frame of text cells from columns of any values, numbered 1..n; rows without any
    value (a spreadsheet's trailing empty rows) are dropped."""
    check_columns(len(columns), file_name)
    header = unique_header(list(columns))
    cells = {name: text_column(list(values)) for name, values in zip(header, columns.values(),
                                                                     strict=True)}
    frame = pd.DataFrame(cells, dtype=object)  # text as Python str, not inferred
    frame.index = pd.Index(np.arange(1, len(frame) + 1), name="row")
    filled = np.zeros(len(frame), dtype=bool)
    for name in header:  # a row of blanks stays: the preview shows it, with why
        filled |= cells[name] != ""
    if not filled.any():
        raise InputFileError(f"'{file_name}' has no {unit} with any value; check that it "
                             "holds data")
    return frame.loc[filled]


def stacked(tables: list[RawTable], labels: list[str], column: str,
            ) -> tuple[pd.DataFrame, dict[int, list[str]], list[str], str]:
    """(cells, row problems, notes, the column added) of tables one after the other, rows
    numbered on (the second's row 1 follows the first's last row), with a column named
    `column` naming each row's table (`column_2`... when the tables have one so named in
    any case: theirs is kept), and each note prefixed with it: the files of an archive,
    the sheets of a workbook."""
    taken = {str(name).strip().lower() for table in tables for name in table.frame.columns}
    column = next(name for name in (column, *(f"{column}_{n}" for n in range(2, len(taken) + 2)))
                  if name not in taken)
    frames, problems, notes = [], {}, []
    for label, table, offset in zip(labels, tables, offsets(tables), strict=True):
        frames.append(table.frame.assign(**{column: label}).set_axis(
            table.frame.index + offset))
        problems.update({row + offset: list(messages)
                         for row, messages in table.row_problems.items()})
        notes += [f"{label}: {note}" for note in table.notes]
    return pd.concat(frames, sort=False).fillna("").rename_axis("row"), problems, notes, column


def offsets(tables: list[RawTable]) -> list[int]:
    """What `stacked` adds to each table's row numbers: the last number before it."""
    ends = np.cumsum([int(table.frame.index.max()) for table in tables])
    return [0, *ends[:-1].tolist()]
