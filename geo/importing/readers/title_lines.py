"""Title lines above a table's header, as official registers and spreadsheet exports write
them ("Ladesäulenregister der Bundesnetzagentur;;;;;", "Stand: 01.08.2025", a blank line):
each holds one value at most, and the header below them names several columns. Taken as
the header, a title would leave the file with one column named after it and every real
column unread; instead the title lines are left out, and said.

So is a row that names groups of the columns below it, a spreadsheet's merged cells over
its header ("Event,,,Location,", OCHA's "Flash Appeal,,,...,Update,,,...,Funding"): a few
names, most cells empty, over a header that names every column. Taken as the header, it
left 'column_2', 'column_3', ... and the file was refused for want of a date column.
"""

from __future__ import annotations

import csv

from geo.importing.readers.table import DELIMITERS

MAX_TITLE_LINES = 10
SHOWN_CHARACTERS = 60


def _filled(cells: list[str]) -> int:
    return sum(bool(cell.strip()) for cell in cells)


def is_group_row(cells: list[str], below: list[str]) -> bool:
    """Whether `cells` name groups of the columns `below` names: two values or more, at most
    half its cells filled, over a row as wide with every cell filled and none a value (a
    number, a date, a link: a header's names are none)."""
    from geo.importing.readers.headerless import VALUE

    filled = _filled(cells)
    return (filled >= 2 and filled * 2 <= len(cells) and len(below) == len(cells)
            and _filled(below) == len(below)
            and not any(VALUE.fullmatch(cell.strip()) for cell in below))


def group_row_names(lines: list[str]) -> list[str]:
    """The group names of a first line that names groups of the columns below it, by any
    delimiter ([] when it does not)."""
    for delimiter in DELIMITERS:
        records = list(csv.reader(lines[:2], delimiter=delimiter))
        if len(records) == 2 and is_group_row(records[0], records[1]):
            return [cell.strip() for cell in records[0] if cell.strip()]
    return []


def group_note(names: list[str]) -> str:
    shown = ", ".join(f"'{name[:SHOWN_CHARACTERS]}'" for name in names[:8])
    return (f"The line above the header names groups of its columns ({shown}: a "
            "spreadsheet's merged cells), not columns: it was left out, and the line below "
            "it read as the header")


def title_line_count(lines: list[str]) -> int:
    """How many of the first lines are a title above the header (0: the first line is the
    header). Title lines hold one value at most, split by any delimiter; the header is the
    first line that names two columns or more with every one of its cells, with a line of as
    many fields below it; of the delimiters, the one whose header names the most is taken."""
    head = lines[:MAX_TITLE_LINES + 2]
    found = []   # (columns, title lines) for each delimiter that finds a header below a title
    for delimiter in DELIMITERS:
        records = list(csv.reader(head, delimiter=delimiter))
        for number, cells in enumerate(records[:MAX_TITLE_LINES + 1]):
            if _filled(cells) < 2:
                continue
            below = records[number + 1] if number + 1 < len(records) else []
            if number == 0 and is_group_row(cells, below):
                found.append((len(cells), 1))
                break
            if number == 0:
                return 0
            if _filled(cells) == len(cells) and len(below) == len(cells):
                found.append((len(cells), number))
            break
    return max(found)[1] if found else 0


def title_note(lines: list[str]) -> str:
    titles = [" ".join(line.replace(";", " ").replace(",", " ").replace("\t", " ").split())
              for line in lines]
    shown = "; ".join(f"'{t[:SHOWN_CHARACTERS]}'" for t in titles if t)
    return (f"The {len(lines)} line(s) above the header ({shown or 'blank'}) are a title, "
            "not columns or rows: they were left out")
