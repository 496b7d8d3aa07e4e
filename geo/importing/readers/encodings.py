"""How a text file is encoded: UTF-8 (with or without BOM), UTF-16, UTF-32 (with its BOM),
Windows-1251 or -1252,
or a mix of UTF-8 lines and single-byte lines (a file pasted together from two sources).

A mixed file is decoded line by line, each line as what it is, and the lines read as the
single-byte encoding are returned so the reader can name their rows: nothing is turned
into mojibake silently. Binary content (NUL bytes, control characters) is refused.
"""

from __future__ import annotations

import codecs

import numpy as np

from geo.errors import InputFileError
from geo.importing.readers.table import ENCODING_LABELS

SNIFF_CHARS = 64 * 1024


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


def wide_encoding(data: bytes) -> str | None:
    """UTF-32 or UTF-16, by its byte order mark or (UTF-16) its zero bytes; None for text
    in any other encoding."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16's: its
        return "utf-32"                                             # mark starts the same
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return _utf16_without_bom(data[:4096])


def nul_bytes(data: bytes) -> str:
    """'it holds 2 NUL bytes, the first on line 1,502': no text holds one, anywhere in the
    file (only its first 64 KB were looked at: a NUL past them was stored, and PostgreSQL
    refuses one); '' when it holds none."""
    first = data.find(b"\x00")
    if first < 0:
        return ""
    count, line = data.count(b"\x00"), data.count(b"\n", 0, first) + 1
    return (f"it holds {count:,} NUL byte{'s' if count > 1 else ''}, the first on line "
            f"{line:,}")


def cyrillic_or_western(data: bytes) -> str:
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
    return "latin-1"


def _has_utf8_text(data: bytes) -> bool:
    """Whether some non-ASCII text in the file is valid UTF-8 (a multi-byte sequence)."""
    for line in data.splitlines():
        if max(line, default=0) >= 0x80:
            try:
                line.decode("utf-8")
                return True
            except UnicodeDecodeError:
                continue
    return False


def detect_encoding(data: bytes) -> str:
    return _detected(data)[0]


def _detected(data: bytes) -> tuple[str, str | None]:
    """(encoding, the text when finding it decoded the whole file: UTF-8 without BOM)."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", None
    wide = wide_encoding(data)
    if wide:
        return wide, None
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        return ("mixed" if _has_utf8_text(data) else cyrillic_or_western(data)), None


def decode_mixed(data: bytes) -> tuple[str, str, list[int]]:
    """Each line as UTF-8 when it is, else as the single-byte encoding of the other lines.
    Returns the text, that encoding and the (0-based) numbers of the lines it decoded."""
    lines = data.splitlines(keepends=True)
    failing = []
    for number, line in enumerate(lines):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            failing.append(number)
    single = cyrillic_or_western(b"".join(lines[i] for i in failing))
    bad = set(failing)
    decoded = [line.decode(single) if i in bad else line.decode("utf-8")
               for i, line in enumerate(lines)]
    return "".join(decoded), single, failing


def decode(data: bytes, name: str, encoding: str | None = None
           ) -> tuple[str, str, list[int], str]:
    """(text, encoding, lines read as another encoding, that encoding) of a text file."""
    text = None
    if not encoding:
        encoding, text = _detected(data)  # a UTF-8 file is decoded once, not twice
    if not encoding.startswith(("utf-16", "utf-32")) and (said := nul_bytes(data)):
        raise InputFileError(f"'{name}' is a binary file, not text ({said}); export the data "
                             "as CSV, GeoJSON or Excel, or remove the NUL bytes if a tool put "
                             "them into a text file")
    other_lines, other = [], ""
    if encoding == "mixed":
        text, other, other_lines = decode_mixed(data)
    elif text is None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise InputFileError(
                f"'{name}' is not valid {ENCODING_LABELS.get(encoding, encoding)} (line "
                f"{line}, byte {error.start}); save it as UTF-8 or choose its encoding"
            ) from error
    head = text[:SNIFF_CHARS]
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\r\n\f")
    if controls > 0.05 * len(head):
        raise InputFileError(f"'{name}' looks binary ({controls} control characters in its "
                             "first part); export the data as CSV text")
    return text.lstrip("\ufeff"), encoding, other_lines, other
