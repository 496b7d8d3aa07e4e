"""What an import did (or, dry run, would do), counted, with its problems one line per rule,
and said in words for the command line (`summary`)."""

from __future__ import annotations

from dataclasses import dataclass

from geo.visible import visible


def _line(text: str) -> str:
    """One line of the summary: a line break inside a file name or a quoted value is a
    mark, so that no value can pass for a line of the summary."""
    return visible(text, mark_breaks=True)


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    batch_id: str | None
    added: int
    duplicates: int
    held_back: int
    rejected: int
    late_duplicates: int = 0
    dry_run: bool = False
    problems: tuple[str, ...] = ()  # one line per rule broken (geo.importing.problems)
    updated: int = 0
    missing: tuple[str, ...] = ()  # stored ids of this source the file no longer holds
    notes: tuple[str, ...] = ()    # what the preview says of the file as a whole
    skipped: tuple[str, ...] = ()  # each duplicate skipped: its row and what it duplicates

    def summary(self, max_problems: int = 50) -> str:
        verb = "would be added" if self.dry_run else "added"
        batch = f" (batch {self.batch_id})" if self.batch_id else ""
        updated = "would be updated" if self.dry_run else "updated"
        lines = [f"{_line(self.file_name)}: {self.added:,} {verb}{batch}",
                 f"  {updated} (changed since stored, old versions kept): {self.updated:,}",
                 f"  duplicates skipped: {self.duplicates + self.late_duplicates:,}"
                 + (f" ({self.late_duplicates:,} stored meanwhile by another import)"
                    if self.late_duplicates else ""),
                 f"  held for review, not imported: {self.held_back:,}",
                 f"  rejected: {self.rejected:,}"]
        if self.missing:
            shown = ", ".join(map(_line, self.missing[:10])) + (
                ", ..." if len(self.missing) > 10 else "")
            lines.append(f"  stored earlier but no longer in this file (kept; the source may "
                         f"have deleted them): {len(self.missing):,}: {shown}")
        lines += [f"Note: {_line(note)}" for note in self.notes]
        lines += _listed("Duplicates skipped (--keep-duplicates stores them):", self.skipped,
                         max_problems)
        lines += _listed("Problems:", self.problems, max_problems)
        return "\n".join(lines)


def _listed(title: str, items: tuple[str, ...], most: int) -> list[str]:
    """`title` and the first `most` of `items`, one a line, saying how many more there are."""
    if not items:
        return []
    more = ([f"  ... and {len(items) - most:,} more (the Import page lists them all)"]
            if len(items) > most else [])
    return [title, *(f"  {_line(item)}" for item in items[:most]), *more]
