"""The escapes of a workbook's text ('_x000D_', OOXML's form of a character XML cannot hold
or that the writer chose to escape) decoded to the characters they stand for. GDAL passes
them on as written: a description pasted from a Windows text came in as
'line one_x000D_ line two', and a header so written matched no field. '_x005F_' is the
underscore itself, so '_x005F_x000D_' is the text '_x000D_' as typed. A surrogate (no
character on its own) is decoded with its pair, and alone is shown as its mark
(‹U+D800›), as a JSON file's is (geo.importing.readers.json_surrogates)."""

from __future__ import annotations

import re

import pandas as pd

from geo.importing.readers.table import unique_header

# a surrogate pair, or any one escape (left to right: '_x005F_' is consumed whole)
ESCAPE = re.compile(r"_x([dD][89abAB][0-9a-fA-F]{2})__x([dD][c-fC-F][0-9a-fA-F]{2})_"
                    r"|_x([0-9a-fA-F]{4})_")


class _Decoder:
    """re.sub's replacement, counting the surrogates left alone."""

    def __init__(self):
        self.lone = 0

    def __call__(self, match: re.Match) -> str:
        if match.group(1) is not None:
            high, low = int(match.group(1), 16), int(match.group(2), 16)
            return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        code = int(match.group(3), 16)
        if 0xD800 <= code <= 0xDFFF:
            self.lone += 1
            return f"‹U+{code:04X}›"
        return chr(code)

    def text(self, value: str) -> str:
        return ESCAPE.sub(self, value) if "_x" in value else value


def decoded(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """`frame` (text cells) with its names' and cells' escapes decoded; how many surrogates
    stood alone (each now its mark)."""
    decoder = _Decoder()
    if any("_x" in str(name) for name in frame.columns):
        frame = frame.set_axis(unique_header([decoder.text(str(name))
                                              for name in frame.columns]), axis=1)
    for at in range(frame.shape[1]):
        values = frame.iloc[:, at].to_numpy(dtype=object)
        if "_x" not in "".join(values):  # in C: most workbooks hold none
            continue
        changed = values.copy()
        changed[:] = [decoder.text(value) for value in values]
        frame.isetitem(at, changed)
    return frame, decoder.lone


def lone_note(count: int) -> str:
    return (f"{count:,} escape(s) of a lone surrogate (such as _xD800_), which no text can "
            "hold, are shown as marks (‹U+D800›)")
