"""Bytes of an uploaded CSV -> a table of text, or a clear reason why the file is unusable.

Checks size, emptiness and binary content first, then finds the encoding (UTF-8 with or
without BOM, UTF-16, Windows-1251, Windows-1252) and the delimiter (, ; tab |). Every cell
stays text; parsing values is the job of geo.importing.rows. Rows are numbered as a
spreadsheet user counts them: 1 is the first data row below the header.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.errors import InputFileError

MAX_FILE_BYTES = 200 * 1024 * 1024
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
ENCODING_LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
                   "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE",
                   "cp1251": "Windows-1251 (Cyrillic)", "cp1252": "Windows-1252 (Western)"}
SNIFF_CHARS = 64 * 1024
# Leading bytes of formats people upload by mistake, with what to do instead.
SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive or an Excel/ODS workbook; save the sheet as CSV",
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) workbook; save the sheet as CSV",
    b"%PDF": "a PDF document; export the table as CSV",
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive; unpack it first", b"SQLite format 3": "a SQLite database",
}


@dataclass
class RawTable:
    """A file's cells as text; `frame.index` holds the row numbers (1 = first data row)."""

    frame: pd.DataFrame
    file_name: str
    encoding: str
    delimiter: str
    row_problems: dict[int, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return list(self.frame.columns)

    def describe(self) -> str:
        return (f"{len(self.frame):,} rows, {len(self.frame.columns)} columns; "
                f"{ENCODING_LABELS.get(self.encoding, self.encoding)}, "
                f"{DELIMITERS.get(self.delimiter, repr(self.delimiter))}-separated")


def file_size(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    return f"{size / 2**10:.1f} KB" if size >= 2**10 else f"{size} bytes"


def too_large(name: str, size: int, max_bytes: int) -> InputFileError:
    return InputFileError(
        f"'{name}' is {file_size(size)}, over the {file_size(max_bytes)} limit; split it into "
        "smaller files (for example by year) and import each one")


def _check_bytes(data: bytes, name: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise too_large(name, len(data), max_bytes)
    if not data.strip():
        raise InputFileError(f"'{name}' is empty; choose a CSV file with a header and rows")
    for signature, what in SIGNATURES.items():
        if data.startswith(signature):
            raise InputFileError(f"'{name}' is not a CSV text file: it looks like {what}")


def _utf16_without_bom(head: bytes) -> str | None:
    sample = np.frombuffer(head[: len(head) // 2 * 2], dtype=np.uint8)
    if len(sample) < 4:
        return None
    even_zero, odd_zero = (sample[0::2] == 0).mean(), (sample[1::2] == 0).mean()
    if odd_zero > 0.4 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.4 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _cyrillic_or_western(data: bytes) -> str:
    """Windows-1251 or -1252: Cyrillic words are runs of high bytes, Western accents rarely."""
    sample = np.frombuffer(data[: 2**20], dtype=np.uint8)
    high = sample >= 0x80
    neighbour = np.zeros_like(high)
    neighbour[1:] |= high[:-1]
    neighbour[:-1] |= high[1:]
    in_runs = (high & neighbour).sum() / max(int(high.sum()), 1)
    preferred, other = ("cp1251", "cp1252") if in_runs > 0.6 else ("cp1252", "cp1251")
    for encoding in (preferred, other):
        try:
            data.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return "cp1252" if preferred == "cp1252" else "latin-1"


def detect_encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return utf16
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return _cyrillic_or_western(data)


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    encoding = encoding or detect_encoding(data)
    if encoding not in ("utf-16", "utf-16-le", "utf-16-be") and b"\x00" in data[:65536]:
        raise InputFileError(f"'{name}' is a binary file, not CSV text (it contains NUL "
                             "bytes); export the data as CSV")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputFileError(
            f"'{name}' is not valid {ENCODING_LABELS.get(encoding, encoding)} (byte "
            f"{error.start}); save it as UTF-8 or choose its encoding"
        ) from error
    head = text[:SNIFF_CHARS]
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\r\n\f")
    if controls > 0.05 * len(head):
        raise InputFileError(f"'{name}' looks binary ({controls} control characters in its "
                             "first part); export the data as CSV text")
    return text.lstrip("\ufeff"), encoding


def _field_counts(sample: str, delimiter: str) -> list[int]:
    records = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
    if len(records) > 2:
        records = records[:-1]  # the sample may cut the last record short
    return [len(r) for r in records if any(cell.strip() for cell in r)]


def sniff_delimiter(text: str, name: str) -> str:
    sample = text[:SNIFF_CHARS]
    scored = []
    for delimiter in DELIMITERS:
        counts = _field_counts(sample, delimiter)
        if not counts or counts[0] < 2:
            continue
        consistent = sum(c == counts[0] for c in counts) / len(counts)
        scored.append((consistent, counts[0], delimiter))
    if not scored:
        raise _one_column(text, name)
    return max(scored)[2]


def _one_column(text: str, name: str) -> InputFileError:
    header = text.lstrip().splitlines()[0][:80] if text.strip() else ""
    return InputFileError(
        f"Found only one column in '{name}' (header: '{header}'); separate the columns "
        "with a comma, semicolon, tab or | and quote values that contain one"
    )


def _unique_header(cells: list[str]) -> list[str]:
    names: list[str] = []
    for i, cell in enumerate(cells):
        base = str(cell).strip().lstrip("\ufeff") or f"column_{i + 1}"
        candidate, n = base, 2
        while candidate in names:
            candidate, n = f"{base} ({n})", n + 1
        names.append(candidate)
    return names


def _parse(text: str, delimiter: str, table: RawTable) -> tuple[list[str], list, list[int]]:
    """Header, padded records and their row numbers; blank rows dropped, ragged ones noted."""
    csv.field_size_limit(2**31 - 1)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = _unique_header(next(reader))
    width = len(header)
    records, numbers, short = [], [], []
    for number, record in enumerate(reader, start=1):
        if len(record) == width and record[0] and not record[0].isspace():
            records.append(record)  # the common case, checked cheaply
            numbers.append(number)
            continue
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > width:
            if any(cell.strip() for cell in record[width:]):
                table.row_problems.setdefault(number, []).append(
                    f"Row {number}: {len(record)} fields but the header has {width}; a value "
                    f"probably contains an unquoted {DELIMITERS[delimiter]}: quote that value"
                )
            record = record[:width]
        elif len(record) < width:
            short.append(number)
            record = record + [""] * (width - len(record))
        records.append(record)
        numbers.append(number)
    if short:
        table.notes.append(
            f"{len(short)} row(s) have fewer fields than the header (rows "
            f"{', '.join(map(str, short[:10]))}{', ...' if len(short) > 10 else ''}); the "
            "missing fields are taken as empty"
        )
    return header, records, numbers


def read_csv_bytes(data: bytes, file_name: str = "upload.csv", *, encoding: str | None = None,
                   delimiter: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> RawTable:
    """Read every cell as text; raise InputFileError when the file cannot be used at all."""
    _check_bytes(data, file_name, max_bytes)
    text, encoding = decode(data, file_name, encoding)
    delimiter = delimiter or sniff_delimiter(text, file_name)
    table = RawTable(pd.DataFrame(), file_name, encoding, delimiter)
    header, records, numbers = _parse(text, delimiter, table)
    if len(header) < 2:
        raise _one_column(text, file_name)
    if not records:
        raise InputFileError(f"'{file_name}' has a header ({', '.join(header[:8])}) but no data "
                             "rows; add rows below the header")
    table.frame = pd.DataFrame(records, columns=header, index=pd.Index(numbers, name="row"),
                               dtype=object)
    return table
