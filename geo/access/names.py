"""What a name recorded with a change may hold: the same check for a name typed in local
mode, a name given on the command line and the identity an authenticating proxy sends."""

from __future__ import annotations

import unicodedata

MAX_NAME_CHARS = 80
# Unicode categories a name must not hold: controls (NUL, escape...), format characters
# (bidi overrides, zero-width spaces: "ana" and "an\u200ba" look alike), unassigned,
# surrogates, private use, separators other than the plain space.
REFUSED_CATEGORIES = {"Cc", "Cf", "Cn", "Cs", "Co", "Zl", "Zp"}


def name_problems(name: str, what: str = "Name") -> list[str]:
    """Every problem with a (stripped) name; [] when there is none."""
    if not name:
        return [f"{what} is empty"]
    problems = []
    if len(name) > MAX_NAME_CHARS:
        problems.append(f"{what} is {len(name):,} characters long: {name[:40]!r}…; use at "
                        f"most {MAX_NAME_CHARS}")
    hidden = sorted({f"U+{ord(ch):04X}" for ch in name
                     if unicodedata.category(ch) in REFUSED_CATEGORIES
                     or (unicodedata.category(ch) == "Zs" and ch != " ")})
    if hidden:
        problems.append(f"{what} holds invisible or control characters ({', '.join(hidden[:5])})"
                        "; type it again with visible letters only")
    return problems
