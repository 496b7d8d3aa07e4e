"""A table of stored values for the terminal (the listings of `query`, `batches` and
`claim --history`): each value on one line,
its line breaks and tabs shown as marks (a value holding a line break would otherwise
pass for a row of its own), and cut to CELL_WIDTH columns with CUT_MARK, so a 5,000-
character place does not make every line 5,000 wide. For display only: what a command
writes to a file is whole."""

from __future__ import annotations

import unicodedata

import pandas as pd

from geo.visible import visible

CELL_WIDTH = 60
CUT_MARK = "…"


def cut_note(whole_in: str) -> str:
    """What to print under a listing that cut a value: `whole_in`, where it is whole."""
    return (f"Values longer than {CELL_WIDTH} columns are cut for this listing only (marked "
            f"{CUT_MARK}); {whole_in}.")


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cell(value) -> tuple[str, bool]:
    """The value on one line, cut to CELL_WIDTH columns; and whether it was cut."""
    text = visible(value, mark_breaks=True).replace("\t", "‹U+0009›")
    used, kept = 0, []
    for ch in text:
        used += _width(ch)
        if used > CELL_WIDTH - 1:
            break
        kept.append(ch)
    else:
        return text, False
    return "".join(kept) + CUT_MARK, True


def listing(frame: pd.DataFrame) -> tuple[str, bool]:
    """`frame` as aligned text (no index); and whether any value was cut."""
    shown, cut = {}, False
    for name in frame.columns:
        column = frame[name]
        if column.dtype.kind in "O" or str(column.dtype) in ("string", "str"):
            cells = [_cell(v) if isinstance(v, str) else (v, False) for v in column]
            cut = cut or any(was_cut for _, was_cut in cells)
            column = pd.Series([text for text, _ in cells], index=frame.index, dtype=object)
        shown[name] = column
    with pd.option_context("display.unicode.east_asian_width", True):
        return pd.DataFrame(shown).to_string(index=False), cut
