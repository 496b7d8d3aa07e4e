"""Problems found in the rows of a file, by row number, in two kinds.

`rejected`: the row cannot be stored as it is. `review`: it can, but a person should look
first; each review message has a topic ("location", "fix", ...) so that fixing the row's
location in the preview clears exactly the messages about its location. `grouped_problems`
says the same rule broken by many rows once: "Rows 1-307 (307 rows): acq_time '...' ...".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

SHOWN_QUOTE = 80  # characters of a value a long message quotes
LONG_MESSAGE = 1_000  # shorter ones are left whole: a value's own apostrophe pairs wrongly
QUOTED = re.compile("'([^']*)'")  # paired from the left, as a reader pairs them


def quotes_cut(message: str) -> str:
    """`message` with each value it quotes cut to its first characters and its length: a
    cell of 99,000 characters that is no latitude made a message of 99,000 characters, on
    the command line and in the Import page's table, for each such row."""
    if len(message) <= LONG_MESSAGE:
        return message
    return QUOTED.sub(_cut, message)


def _cut(match: re.Match) -> str:
    value = match.group(1)
    return match.group() if len(value) <= SHOWN_QUOTE else \
        f"'{value[:SHOWN_QUOTE]}…' ({len(value):,} characters)"


@dataclass
class RowIssues:
    """Messages by row number; review messages carry a topic so a fix can clear them."""

    rejected: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    review: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    topics: dict[tuple[int, str], str] = field(default_factory=dict)

    def add(self, kind: str, rows, messages, topic: str = "other") -> None:
        target = self.rejected if kind == "rejected" else self.review
        for row, message in zip(rows, messages, strict=True):
            text = f"Row {row}: {quotes_cut(message)}"
            target[int(row)].append(text)
            if kind == "review":
                self.topics[(int(row), text)] = topic

    def clear_review(self, row: int, topic: str) -> None:
        kept = [m for m in self.review.get(row, []) if self.topics.get((row, m)) != topic]
        if kept:
            self.review[row] = kept
        else:
            self.review.pop(row, None)

    def messages(self, row: int) -> list[str]:
        return [*self.rejected.get(row, []), *self.review.get(row, [])]


# Quoted values and numbers: what differs between rows breaking the same rule.
VALUE = re.compile(r"'[^']*'|-?\d+(?:[.,:]\d+)*")
SHOWN_SPANS = 8
SHOWN_EXAMPLES = 3


def strip_row(message: str) -> str:
    return message.split(": ", 1)[1] if message.startswith("Row ") else message


def row_ranges(rows: list[int], limit: int = SHOWN_SPANS) -> str:
    """'1-307' or '2, 5, 9-12' (sorted row numbers as consecutive spans)."""
    spans: list[list[int]] = []
    for row in rows:
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    words = [f"{a}-{b}" if b > a else f"{a}" for a, b in spans[:limit]]
    return ", ".join(words) + (", ..." if len(spans) > limit else "")


def _grouped_line(found: list[tuple[int, str]]) -> str:
    rows = sorted({row for row, _ in found})
    first = found[0][1]
    if len(rows) == 1:
        return f"Row {rows[0]}: {first}"
    first_values = VALUE.findall(first)
    examples, seen = [], {tuple(first_values)}
    for row, message in found[1:]:
        values = VALUE.findall(message)
        if tuple(values) in seen:
            continue
        seen.add(tuple(values))
        differing = [v for v, w in zip(values, first_values, strict=False) if v != w]
        examples.append(f"row {row}: {', '.join(differing or values)}")
        if len(examples) == SHOWN_EXAMPLES:
            break
    distinct = len({tuple(VALUE.findall(message)) for _, message in found})
    more = "; ..." if distinct > len(examples) + 1 else ""
    also = f" (also {'; '.join(examples)}{more})" if examples else ""
    return f"Rows {row_ranges(rows)} ({len(rows):,} rows): {first}{also}"


def grouped_problems(issues: RowIssues) -> list[str]:
    """One line per rule broken, in the order of the first row breaking it: rejections
    first, then what needs review; row ranges, the count and the first examples."""
    lines = []
    for table in (issues.rejected, issues.review):
        rules: dict[str, list[tuple[int, str]]] = {}
        for row in sorted(table):
            for message in table[row]:
                text = strip_row(message)
                rules.setdefault(VALUE.sub("#", text), []).append((row, text))
        lines += [_grouped_line(found) for found in rules.values()]
    return lines
