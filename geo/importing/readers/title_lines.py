"""Title lines above a table's header, as official registers and spreadsheet exports write
them ("Ladesäulenregister der Bundesnetzagentur;;;;;", "Stand: 01.08.2025", a blank line):
each holds one value at most, and the header below them names several columns. Taken as
the header, a title would leave the file with one column named after it and every real
column unread; instead the title lines are left out, and said.
"""

from __future__ import annotations

import csv

from geo.importing.readers.table import DELIMITERS

MAX_TITLE_LINES = 10
SHOWN_CHARACTERS = 60


def _filled(cells: list[str]) -> int:
    return sum(bool(cell.strip()) for cell in cells)


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
            if number == 0:
                return 0
            below = records[number + 1] if number + 1 < len(records) else []
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
