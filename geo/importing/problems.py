"""Problems found in the rows of a file, by row number, in two kinds.

`rejected`: the row cannot be stored as it is. `review`: it can, but a person should look
first; each review message has a topic ("location", "fix", ...) so that fixing the row's
location in the preview clears exactly the messages about its location.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class RowIssues:
    """Messages by row number; review messages carry a topic so a fix can clear them."""

    rejected: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    review: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    topics: dict[tuple[int, str], str] = field(default_factory=dict)

    def add(self, kind: str, rows, messages, topic: str = "other") -> None:
        target = self.rejected if kind == "rejected" else self.review
        for row, message in zip(rows, messages, strict=True):
            text = f"Row {row}: {message}"
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
