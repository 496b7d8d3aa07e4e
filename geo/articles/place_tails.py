"""What stands before and after a facility word or a place in a sentence: the names before
it ("the Ilsky and Slavyansk oil refineries", "SOCAR’s office") and the places after it
("in the Kamensky district of the Rostov region", ", located in Russia’s Krasnodar Region",
"belonging to ... SOCAR in Ukraine’s Odesa Oblast"). Used by geo.articles.place_finder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.articles.place_spans import (
    NEAR_TOKENS,
    NOT_NAMES,
    Part,
    bearing_end,
    far_bearing,
    place_phrase,
)

LEFT_MODIFIERS = {"oil", "gas", "fuel", "key", "main", "large", "major", "state-owned", "big",
                  "company", "“", "”", '"', "«", "»", "(", ")", "'", "‘", "’"}
OWNERSHIP = {"belonging", "owned", "operated", "run", "controlled", "used", "managed"}
TAIL_CUES = {"in", "near", "at", "outside", "of", "on", "located", "situated", "close", "also"}
PASSIVE = {"was", "were", "has", "have", "had", "came", "is", "are"}
# "Russian-occupied", "Kremlin-backed": who holds it, not part of its name
HOLDER = re.compile(r"-(?:occupied|controlled|held|backed|owned|run|operated|annexed|led)$",
                    re.IGNORECASE)


def token_range(tokens, start: int, end: int) -> tuple[int, int]:
    first = next(i for i, t in enumerate(tokens) if t.end > start)
    last = max(i for i, t in enumerate(tokens) if t.start < end)
    return first, last + 1


def left_names(tokens, a, used) -> tuple[list[tuple[int, int]], int]:
    """Name runs just before a facility word: 'Syzran', 'Ilsky and Slavyansk', 'SOCAR’s'."""
    k = a - 1
    while k >= 0 and tokens[k].low in LEFT_MODIFIERS and a - k <= 4:
        k -= 1
    runs = []
    while k >= 0 and k not in used and (tokens[k].name_like or (tokens[k].possessive and
                                                                tokens[k].word[:1].isupper())):
        end = k + 1
        while k - 1 >= 0 and tokens[k - 1].name_like and not tokens[k - 1].possessive \
                and end - k < 4 and k - 1 not in used and not HOLDER.search(tokens[k - 1].word):
            k -= 1
        runs.insert(0, (k, end))
        if k >= 2 and tokens[k - 1].low in ("and", ",") and tokens[k - 2].name_like:
            k -= 2
        else:
            break
    return runs, (runs[0][0] if runs else a)


@dataclass
class Tail:
    """What follows a facility or a place: 'in X', 'of the Y region', ', located in Z'."""

    siblings: list[Part] = field(default_factory=list)   # "in the X, Y and Z regions"
    chain: list[Part] = field(default_factory=list)      # broader places: "of the Rostov region"
    context: list[Part] = field(default_factory=list)
    end: int = 0
    near: bool = False
    operator: str = ""


def _ownership(tokens, j, tail: Tail) -> int | None:
    """'belonging to the Azerbaijani oil company SOCAR in ...': the owner, then the cue."""
    cue = next((x for x in range(j + 1, min(j + 10, len(tokens)))
                if tokens[x].low in ("in", "near", "at")), None)
    names = [t.word for t in tokens[j + 1:cue or min(j + 8, len(tokens))]
             if t.word[:1].isupper() and t.low not in NOT_NAMES]
    tail.operator = tail.operator or " ".join(names[-2:])
    return cue


def _place_cue(tokens, j, tail: Tail) -> tuple[int, bool] | None:
    """At j, the words that lead to a place ("in", "located in", "belonging to ... in",
    "close to", "20 km south of"): the index of the place and whether they put it somewhere
    around it; None when none stand there."""
    after_bearing = bearing_end(tokens, j)
    if after_bearing and far_bearing(tokens, j, after_bearing):
        return None                            # "a refinery 40 miles from Moscow"
    if after_bearing:                          # "an oil depot 20 km south of Belgorod"
        return after_bearing, True
    if j < len(tokens) and tokens[j].low in OWNERSHIP:
        j = _ownership(tokens, j, tail)
        if j is None:
            return None
    if j >= len(tokens) or tokens[j].low not in TAIL_CUES:
        return None
    near = tokens[j].low in NEAR_TOKENS
    if tokens[j].low in ("located", "situated", "close", "also"):
        j += 1
    if j < len(tokens) and tokens[j].low in ("in", "to", "near", "outside", "at", "of", "on"):
        near = near or tokens[j].low in NEAR_TOKENS
        j += 1
    return j, near


def _region_set_off(tokens, k) -> tuple[int, bool] | None:
    """', Belgorod Region,' after a place: the region it is in, set off by commas (one region
    with its level word, not one of a list: 'Sumy, Kharkiv region and Odesa')."""
    if k >= len(tokens) or tokens[k].word != ",":
        return None
    found, _, end, _ = place_phrase(tokens, k + 1)
    after = tokens[end].word if end < len(tokens) else "."
    if len(found) == 1 and found[0].level == "admin1" and after in (",", ".", ";", ")"):
        return k + 1, False
    return None


def tail_of(tokens, k) -> Tail:
    tail = Tail(end=k)
    while k < len(tokens):
        cue = _place_cue(tokens, k + 1 if tokens[k].word == "," else k, tail)
        if cue is None and not tail.siblings:
            cue = _region_set_off(tokens, k)
        if cue is None:
            break
        j, near = cue
        found, context, end, is_near = place_phrase(tokens, j)
        if not found:
            break
        if near and tail.siblings and tokens[k].word == ",":
            # "a refinery in Ryazan, southeast of Moscow": where Ryazan lies, read and set
            # aside, no place of its own
            tail.end = end
            break
        tail.context += context
        if tail.siblings:
            tail.chain.append(found[0])
        else:
            tail.siblings, tail.near = found, near or is_near
        k = tail.end = end
    return tail
