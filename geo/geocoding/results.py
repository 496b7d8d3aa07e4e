"""What the geocoder answers: candidates, results and the hints that narrow them, with the
small helpers every stage of it shares."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

from geo.geocoding.geodesy import EARTH_RADIUS_KM

SAME_PLACE_KM = 5.0        # candidates this close are one place listed twice
MERGE_CELL_DEG = 0.1       # (11 km of latitude; two cells of longitude span 7.6 km at 70 N)
OUTPUT_COLUMNS = ("latitude", "longitude", "geocode_status", "geocode_precision", "geocode_match",
                  "geocode_match_id", "geocode_score", "geocode_candidates", "geocode_country",
                  "geocode_admin1", "geocode_note")
CONFIDENT = ("exact", "alias", "fuzzy")
LIVING = "living"
STANDINGS = {  # why a namesake is not a living place of the name asked (choose.decide)
    "unconfirmed": "listed by GeoNames only",
    "gone": "abandoned or historical",
}


# Not frozen: a frozen dataclass sets each field through object.__setattr__, 4x slower to
# build, and 100,000 names build ~34,000 candidates (0.05 s of the 1 s). Never assigned to:
# dataclasses.replace makes a changed one. Hashed by its fields, as a frozen one was.
@dataclass(slots=True, unsafe_hash=True)
class Candidate:
    kind: str                  # site | place | admin1 | country
    ident: str                 # geonames:698379 | admin1:UA.17 | country:UA | site:orlivka_gds
    label: str                 # "Orlivka, Odesa (UA)"
    latitude: float | None
    longitude: float | None
    precision: str             # site | town | admin1 | country
    country: str = ""
    admin1: str = ""
    population: int = 0
    status: str = "alias"      # exact (primary name) | alias | fuzzy
    quality: float = 0.95
    weight: float = 1.0        # how likely a referent it is, against the other candidates
    source: str = ""           # GeoNames | OpenStreetMap | GeoNames postal (places only)
    feature: str = ""          # GeoNames feature code (PPL, AIRP...), OSM_<kind> or POSTAL
    standing: str = LIVING     # places: living | unconfirmed | gone (STANDINGS)

    def describe(self) -> str:
        where = "" if self.latitude is None else f" {self.latitude:.3f},{self.longitude:.3f}"
        people = f" pop {self.population:,}" if self.kind == "place" else ""
        return f"{self.label}{where}{people}"


# Not frozen, as Candidate: every name asked builds three of them on average
@dataclass(slots=True, unsafe_hash=True)
class GeocodeResult:
    status: str                          # exact | alias | fuzzy | ambiguous | not_found
    best: Candidate | None = None
    others: tuple[Candidate, ...] = ()
    confidence: float = 1.0
    note: str = ""
    settle: bool = True                  # may the file's other rows settle it (column.py)
    outweighs: float = 0.0               # chosen by size: its weight over its namesakes'

    def with_note(self, note: str) -> GeocodeResult:
        """The same answer with another note (dataclasses.replace costs 3x as much, and every
        name asked passes here twice)."""
        return GeocodeResult(self.status, self.best, self.others, self.confidence, note,
                             self.settle, self.outweighs)

    def row(self) -> dict:
        best = self.best
        shown = [c.describe() for c in self.others[:5]]
        if len(self.others) > 5:
            shown.append(f"+{len(self.others) - 5} more")
        return {
            "latitude": best.latitude if best else None,
            "longitude": best.longitude if best else None,
            "geocode_status": self.status,
            "geocode_precision": best.precision if best else "",
            "geocode_match": best.label if best else "",
            "geocode_match_id": best.ident if best else "",
            "geocode_score": round(best.quality * self.confidence, 2) if best else 0.0,
            "geocode_candidates": " | ".join(shown),
            "geocode_country": best.country if best else "",
            "geocode_admin1": best.admin1 if best else "",
            "geocode_note": self.note,
        }


@dataclass
class Hints:
    country: str | None = None
    strict_country: bool = False       # an explicit country filters; a default only prefers
    admin1: set[int] | None = None
    admin2: set[int] | None = None          # current raions (index.admin2 rows)
    around: Candidate | None = None         # a raion's point: places within RAION_KM of it
    anchor: Candidate | None = None
    notes: list[str] = field(default_factory=list)
    moved_from: str | None = None           # the country given, when the admin1 is another's


def given(value) -> bool:
    """Not None, NaN, pd.NA or blank."""
    if isinstance(value, str):   # the common case, asked for every row's every column
        return value.strip() != ""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return False
    return str(value).strip() != ""


def distance_km(a: Candidate, b: Candidate) -> float:
    """Great-circle km between two candidates (scalar math: this runs per candidate pair)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def merge_duplicates(cands: list[Candidate]) -> list[Candidate]:
    """Drop a place within SAME_PLACE_KM of a heavier candidate: one town listed twice.
    Kept places are filed by cells of MERGE_CELL_DEG, so a name with a hundred namesakes
    compares each with the few kept near it, not with all of them; by rows of cells, so
    that a place looks in 3 rows, not in 15 cells."""
    if len(cands) < 2:
        return cands
    kept: list[Candidate] = []
    rows: dict[int, list[tuple[int, Candidate]]] = {}   # row -> (column, place) kept there
    for c in cands:
        if c.kind != "place":
            kept.append(c)
            continue
        row, col = int(c.latitude // MERGE_CELL_DEG), int(c.longitude // MERGE_CELL_DEG)
        if not any(abs(q - col) <= 2 and distance_km(c, k) <= SAME_PLACE_KM
                   for r in (row - 1, row, row + 1) for q, k in rows.get(r, ())):
            kept.append(c)
            rows.setdefault(row, []).append((col, c))
    return kept


def join_notes(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


class PlaceResolver(Protocol):
    """What the site register asks of the geocoder (geo.geocoding.geocoder.Geocoder): the
    place part of a site's name, the admin1 regions of a name, and a decision among
    candidates. A protocol, so that the register does not import the geocoder that uses it."""

    def place_only(self, name: str, hints: Hints) -> GeocodeResult | None: ...

    def admin1_ids(self, name: str, country: str | None) -> set[int]: ...

    def decide(self, cands: list[Candidate], what: str,
               anchor: Candidate | None = None) -> GeocodeResult: ...


class PlaceGeocoder(Protocol):
    """What geocoding a whole column (geo.geocoding.column) asks of the geocoder."""

    index: object  # with country_code(text) -> ISO2 or None

    def prefetch(self, places) -> None: ...

    def geocode(self, place, *, country=None, admin1=None, admin2=None,
                default_country=None) -> GeocodeResult: ...
