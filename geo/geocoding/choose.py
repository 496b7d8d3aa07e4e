"""Choosing among candidates: one answer only when it clearly outweighs every other.

A candidate's weight is how likely a referent it is with no other clue: its population, or
for a village of unknown population its kind (gazetteer_merge.SIZE_BY_FEATURE), times
OWN_NAME_WEIGHT when the name asked is its own or its official one (not an old or foreign
alias), times VARIANT_WEIGHT when only a folded spelling matches, times SINGLE_SOURCE_WEIGHT when
only one source lists it (a GeoNames village OpenStreetMap does not confirm is more often a
stale or misplaced record; measured on the UCDP dev set, 5% of the true places against 19%
of their namesakes). One candidate is the answer if it outweighs all the others together
DOMINANCE times. Else only the living places of the name compete (Candidate.standing: not
abandoned or historical, not a GeoNames village of unknown population that OpenStreetMap
does not list): one living place is the answer, and living namesakes within NAMESAKES_KM
of each other (one place listed twice, a raion before and after the reform) are one answer
at precision admin2. Otherwise the answer is `ambiguous`: the heaviest living place as best
guess plus the others, never a silent pick. An anchor ("X near Y", "X, Y" with Y a place)
picks the candidate nearest to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from geo.geocoding.results import (
    LIVING,
    STANDINGS,
    Candidate,
    GeocodeResult,
    distance_km,
    merge_duplicates,
)

DOMINANCE = 5.0            # a candidate wins alone only at >= 5x the weight of all others together
OWN_NAME_WEIGHT = 4.0      # the place's own or official name is the one asked (alone, < DOMINANCE)
VARIANT_WEIGHT = 0.3       # only a folded spelling (phonetic key) matches
SINGLE_SOURCE_WEIGHT = 0.25  # a place only one source lists (OSM does not confirm GeoNames')
ANCHOR_KM = 60.0           # "X, Y" with Y a place: X must lie this near Y
NAMESAKES_KM = 15.0        # namesakes all this close: placed, but at precision admin2
# A name the heaviest candidate bears only as a name spelt unlike its own (a former or
# foreign one) and this many living places of its region as their own wins nothing by size
# ("Oleksandrivka" with Donetsk oblast: a name Donetsk city once bore and 9 villages' own;
# every real row of it in ACLED and CIR was 20-122 km from the city; "Popasne" is a form of
# Popasna's own name, and stays the town)
OWN_NAME_RIVALS = 2


@dataclass(frozen=True)
class Unlisted:
    """Namesakes too light to list: how many, and their weight together."""

    count: int = 0
    weight: float = 0.0


def decide(cands: list[Candidate], what: str, anchor: Candidate | None = None,
           unlisted: Unlisted = Unlisted(),
           named_otherwise: Callable[[Candidate], bool] | None = None) -> GeocodeResult:
    """`named_otherwise`: is the name only a former or foreign name of this candidate?"""
    cands = merge_duplicates(sorted(cands, key=lambda c: -c.weight))
    if unlisted.count:
        what = f"{what} (+{unlisted.count} lighter)"
    if anchor is not None and anchor.latitude is not None:
        near = [(distance_km(c, anchor), c) for c in cands if c.latitude is not None]
        near = sorted((pair for pair in near if pair[0] <= ANCHOR_KM), key=lambda p: p[0])
        if near:
            best = near[0][1]
            return GeocodeResult(best.status, best, tuple(c for c in cands if c is not best),
                                 note=f"nearest to {anchor.label} ({near[0][0]:.0f} km)")
    best, others = cands[0], tuple(cands[1:])
    if not others and not unlisted.count:
        return GeocodeResult(best.status, best)
    rest = sum(c.weight for c in others) + unlisted.weight
    outweighs = best.weight >= DOMINANCE * rest
    own_named = (sum(c.status == "exact" and c.standing == LIVING and c.admin1 == best.admin1
                     and c.country == best.country for c in others)
                 if outweighs and best.status == "alias" and named_otherwise is not None
                 and named_otherwise(best) else 0)
    if outweighs and own_named < OWN_NAME_RIVALS:
        return GeocodeResult(best.status, best, others, 1 - rest / best.weight,
                             f"{len(cands)} {what}; this one outweighs the others "
                             f"{best.weight / rest:.0f}x (size, own name)",
                             outweighs=best.weight / rest)
    living = [c for c in cands if c.standing == LIVING]
    if living and len(living) < len(cands) and not unlisted.count:
        what = f"{what}, {len(living)} living ({set_aside(cands)})"
    else:
        living = cands
    lead, rivals = living[0], living[1:]
    others = tuple(c for c in cands if c is not lead)
    confidence = lead.weight / (best.weight + rest)
    if not rivals and not unlisted.count:
        return GeocodeResult(lead.status, lead, others, confidence,
                             f"{len(cands)} {what}: the one living place of the name")
    if (lead.precision in ("town", "admin2") and not unlisted.count
            and _all_within(lead, rivals, NAMESAKES_KM)):
        spread = max(distance_km(lead, c) for c in rivals)
        return GeocodeResult(lead.status, replace(lead, precision="admin2"), others, confidence,
                             f"{len(cands)} {what} within {spread:.0f} km of each other: "
                             "placed at the heaviest, precision admin2")
    other_name = (f"; the heaviest bears it only as another name, {own_named} living "
                  "places as their own" if own_named else "")
    return GeocodeResult("ambiguous", lead, others, confidence,
                         f"{len(cands)} {what}, none clearly the one meant{other_name}; "
                         f"{_what_settles(living)}")


def by_anchor(cands: list[Candidate], anchor: Candidate | None) -> bool:
    """Does any candidate lie by the anchor the text names ("X, Y": X within ANCHOR_KM of Y)?
    With none by it, the name is another place's (a Moscow district for a part of Donetsk)."""
    if anchor is None or anchor.latitude is None:
        return True
    return any(c.latitude is not None and distance_km(c, anchor) <= ANCHOR_KM for c in cands)


def _all_within(lead: Candidate, rivals: list[Candidate], km: float) -> bool:
    """Do all `rivals` lie within `km` of `lead`? (Asked of every ambiguous name: it stops at
    the first that does not, where most namesakes lie far apart.)"""
    return all(c.latitude is not None and distance_km(lead, c) <= km for c in rivals)


def _what_settles(cands: list[Candidate]) -> str:
    """The hint that would tell these apart: a region given already leaves only a raion."""
    if len({c.country for c in cands}) > 1:
        return "give a country, region or coordinates"
    if len({c.admin1 for c in cands}) > 1:
        return "give a region, raion or coordinates"
    return "all in one region: give a raion or coordinates"


def set_aside(cands: list[Candidate]) -> str:
    """'2 listed by GeoNames only, 1 abandoned or historical': the namesakes not living."""
    counts = Counter(c.standing for c in cands if c.standing != LIVING)
    return ", ".join(f"{n} {STANDINGS[standing]}" for standing, n in counts.items())
