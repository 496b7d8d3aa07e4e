"""Who made a recorded change and why: what every change an analyst records (a claim
status, a site link) asks for, checked the same way. A change that fails a check is
refused with the limit named; nothing is cut or dropped to make it fit."""

from __future__ import annotations

import re

from geo.access.names import MAX_NAME_CHARS, name_problems

__all__ = ["MAX_NAME_CHARS", "MAX_NOTE_CHARS", "author_problems"]

MAX_NOTE_CHARS = 2_000
# controls a note may not hold (line breaks and tabs it may): invisible, and a database
# such as PostgreSQL refuses NUL outright
_NOTE_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def author_problems(changed_by: str, note: str, history: str) -> list[str]:
    """Every problem with the (stripped) name and note of a change that `history` (say,
    'the claim history') will record; [] when there is none."""
    if not changed_by:
        problems = [f"No name given; say who makes this change (your name or initials): "
                    f"{history} records it"]
    else:
        problems = name_problems(changed_by)
    if len(note) > MAX_NOTE_CHARS:
        problems.append(f"Note is {len(note):,} characters long; shorten it to at most "
                        f"{MAX_NOTE_CHARS:,} (link longer material from the source instead)")
    controls = sorted({f"U+{ord(ch):04X}" for ch in _NOTE_CONTROLS.findall(note)})
    if controls:
        problems.append(f"Note holds control characters ({', '.join(controls[:5])}), which "
                        "cannot be shown; remove them")
    return problems
