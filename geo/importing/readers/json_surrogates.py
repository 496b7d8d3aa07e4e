"""Unpaired surrogate escapes in JSON text ('\\ud800' alone): valid JSON, but no text; a
string holding one cannot be stored (UTF-8 has no form for it: the import's commit ended
in a traceback) and GDAL turned it into U+FFFD without a word. Each is written as the
visible mark of its code point (‹U+D800›, as geo.visible marks hidden characters), in the
bytes every JSON reader then reads, and the file's notes say how many there were. So is a
NUL escape ('\\u0000'): a text file holding a NUL is refused, PostgreSQL refuses one, and
a spreadsheet cuts the cell there, but from JSON it was stored as it came."""

from __future__ import annotations

import re

# a pair (kept: a character beyond the BMP, an emoji), a lone surrogate, or any other
# escape (kept; consumed whole so the 'u' after an escaped backslash starts no escape)
ESCAPE = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
                    rb"|\\u([dD][89a-fA-F][0-9a-fA-F]{2})|\\.")
ANY_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


def marked(data: bytes) -> tuple[bytes, int]:
    """`data` with each unpaired surrogate escape as its mark; how many there were."""
    if not ANY_SURROGATE.search(data):
        return data, 0
    count = 0

    def mark(match: re.Match) -> bytes:
        nonlocal count
        if match.group(1) is None:
            return match.group()
        count += 1
        return f"‹U+{match.group(1).decode().upper()}›".encode()

    return ESCAPE.sub(mark, data), count


def note(count: int) -> str:
    return (f"{count:,} unpaired surrogate escape(s) (such as \\ud800), which no text can "
            "hold, are shown as marks (‹U+D800›)")


NUL_ESCAPE = re.compile(rb"\\u0000|\\.")  # an escaped backslash is consumed whole
NUL_MARK = "‹U+0000›"


def marked_nuls(data: bytes) -> tuple[bytes, int]:
    """`data` with each NUL escape as its mark ‹U+0000›; how many there were."""
    if b"\\u0000" not in data:
        return data, 0
    count = 0

    def mark(match: re.Match) -> bytes:
        nonlocal count
        if match.group() != b"\\u0000":
            return match.group()
        count += 1
        return NUL_MARK.encode()

    return NUL_ESCAPE.sub(mark, data), count


def nul_note(count: int, what: str = "NUL escape(s) (\\u0000)") -> str:
    return (f"{count:,} {what}, which no stored text holds (PostgreSQL refuses one, a "
            f"spreadsheet cuts the cell there), are shown as marks ({NUL_MARK})")
