"""Who made a recorded change and why: what every change an analyst records (a claim
status, a site link) asks for, checked the same way."""

from __future__ import annotations

MAX_NAME_CHARS = 80
MAX_NOTE_CHARS = 2_000


def author_problems(changed_by: str, note: str, history: str) -> list[str]:
    """Every problem with the (stripped) name and note of a change that `history` (say,
    'the claim history') will record; [] when there is none."""
    problems = []
    if not changed_by:
        problems.append(f"No name given; say who makes this change (your name or initials): "
                        f"{history} records it")
    elif len(changed_by) > MAX_NAME_CHARS:
        problems.append(f"Name is {len(changed_by)} characters long: '{changed_by[:40]}…'; "
                        f"use at most {MAX_NAME_CHARS}")
    if len(note) > MAX_NOTE_CHARS:
        problems.append(f"Note is {len(note):,} characters long; shorten it to at most "
                        f"{MAX_NOTE_CHARS:,} (link longer material from the source instead)")
    return problems
