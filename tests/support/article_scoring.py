"""Proposals of the article reader against what an analyst extracted by hand.

A proposal matches a claim when the category is the same, the dates overlap, and the place
is the same register site, or within 10 km of the claim's point, or (for a claim known only
to its region or country) in the same region or country. Munitions and casualties are
compared as the numbers they state. `over_precise` counts matches placed more precisely than
the claim (a town for a text that names only a region).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from dataclasses import dataclass, field

from geo.geocoding.normalize import normalize_name

WITHIN_KM = 10.0
RANK = {"country": 0, "admin1": 1, "town": 2, "site": 3}
COUNTED = re.compile(r"(\d+)\s+(?:\w+\s+)?(missiles?|drones?|injured|killed)", re.IGNORECASE)


def km(lat1, lon1, lat2, lon2) -> float:
    r = math.radians
    h = (math.sin(r(lat2 - lat1) / 2) ** 2
         + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def numbers(text: str) -> set[tuple[int, str]]:
    """'6 missiles (claimed)' -> {(6, 'missile')}; '4 employees injured' -> {(4, 'injured')}."""
    return {(int(n), what.lower().rstrip("s")) for n, what in COUNTED.findall(text or "")}


def _float(value):
    return float(value) if str(value).strip() else None


@dataclass
class Claim:
    key: str
    category: str
    precision: str
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    site_id: str = ""
    latitude: float | None = None
    longitude: float | None = None
    admin1: str = ""
    country: str = ""
    munitions: str = ""
    casualties: str = ""
    required: bool = True

    @classmethod
    def from_row(cls, row: dict, key: str) -> Claim:
        when = [dt.date.fromisoformat(row[c]) if row.get(c) else None
                for c in ("date_start", "date_end")]
        return cls(key, row["category"], row.get("precision") or row.get("geo_precision"),
                   *when, row.get("site_id", ""), _float(row.get("latitude", "")),
                   _float(row.get("longitude", "")), row.get("admin1", ""),
                   row.get("country", ""), row.get("munitions", ""), row.get("casualties", ""),
                   row.get("required", "yes") == "yes")


def read_claims(path, key_column: str, keep=lambda row: True) -> list[Claim]:
    with open(path, encoding="utf-8") as handle:
        return [Claim.from_row(row, row[key_column]) for row in csv.DictReader(handle)
                if keep(row)]


@dataclass
class Score:
    matched: dict[str, object] = field(default_factory=dict)     # claim key -> proposal
    required: int = 0
    proposals: int = 0
    good_proposals: int = 0
    over_precise: list[str] = field(default_factory=list)
    counts_differ: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.matched.update(other.matched)
        self.required += other.required
        self.proposals += other.proposals
        self.good_proposals += other.good_proposals
        self.over_precise += other.over_precise
        self.counts_differ += other.counts_differ

    @property
    def recall(self) -> float:
        found = sum(1 for key in self.matched if not key.startswith("optional:"))
        return found / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return self.good_proposals / self.proposals if self.proposals else 1.0


class Matcher:
    def __init__(self, geocoder):
        self.geocoder = geocoder

    def _regions(self, name: str, country: str) -> set[int]:
        return self.geocoder.admin1_ids(normalize_name(name), country or None) if name else set()

    def place_ok(self, proposal, claim: Claim) -> bool:
        place = proposal.place
        if claim.site_id and place.site_id == claim.site_id:
            return True
        if claim.precision in ("site", "town") or (claim.latitude is not None
                                                    and claim.precision == "admin1"
                                                    and claim.site_id):
            return place.latitude is not None and claim.latitude is not None and km(
                place.latitude, place.longitude, claim.latitude, claim.longitude) <= WITHIN_KM
        if claim.precision == "admin1":
            return bool(self._regions(place.admin1, place.country)
                        & self._regions(claim.admin1, claim.country))
        return place.country == claim.country and place.precision == "country"

    @staticmethod
    def date_ok(proposal, claim: Claim) -> bool:
        if claim.date_start is None:
            return True
        interval = proposal.interval
        return interval.resolved and interval.start <= claim.date_end and \
            claim.date_start <= interval.end

    def score(self, proposals, claims: list[Claim], counts: bool = False) -> Score:
        """Claims are matched most precise first, each to the first proposal that fits and
        is not taken: a town's proposal is not spent on a region's claim it also fits. When
        that spends a proposal on an optional claim a required one needed, the required
        claims are matched first instead (the better of the two orders counts)."""
        by_precision = self._assign(proposals, claims, counts,
                                    lambda c: -RANK[c.precision])
        required_first = self._assign(proposals, claims, counts,
                                      lambda c: (not c.required, -RANK[c.precision]))
        return max((by_precision, required_first), key=lambda s: (
            s.recall, s.good_proposals, -len(s.over_precise)))

    def _assign(self, proposals, claims: list[Claim], counts: bool, order) -> Score:
        score = Score(required=sum(c.required for c in claims), proposals=len(proposals))
        taken: set[int] = set()
        for claim in sorted(claims, key=order):
            key = claim.key if claim.required else f"optional:{claim.key}"
            fitting = sorted(range(len(proposals)), key=lambda i: abs(
                RANK.get(proposals[i].place.precision, 0) - RANK[claim.precision]))
            for index in fitting:
                proposal = proposals[index]
                if index in taken or proposal.category != claim.category:
                    continue
                if self.place_ok(proposal, claim) and self.date_ok(proposal, claim):
                    taken.add(index)
                    score.matched[key] = proposal
                    score.good_proposals += 1
                    if RANK.get(proposal.place.precision, 0) > RANK[claim.precision] and not (
                            claim.site_id and proposal.place.site_id == claim.site_id):
                        score.over_precise.append(claim.key)
                    if counts and not self.counts_equal(proposal, claim):
                        score.counts_differ.append(claim.key)
                    break
        return score

    @staticmethod
    def counts_equal(proposal, claim: Claim) -> bool:
        from geo.articles.counts import describe_counts
        return numbers(describe_counts(proposal.munitions)) == numbers(claim.munitions) and \
            numbers(describe_counts(proposal.casualties)) == numbers(claim.casualties)
