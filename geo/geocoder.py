"""Offline geocoder: place names as news writes them -> a point, its precision and how sure.

One name resolves in this order: a site of the register (data/sites.csv) by name or alias, or
a facility word with a place ("Kremenchug refinery"); a region when the text says "region"
or "oblast"; a country; a populated place; a first-level region; a fuzzy spelling. Hints
(country, admin1, admin2, "X, Y", "X (Y)") narrow the places; population then decides only
when it dominates (DOMINANCE), else the answer is `ambiguous`: the best guess plus the other
candidates, never a silent pick. `geocode_column` resolves each distinct row once, then
settles ambiguous names by their distance to the file's confident rows when that is clear.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from geo.errors import GeocodeError
from geo.gazetteer import (
    MIN_KEY_LENGTH,
    GazetteerIndex,
    GazetteerSources,
    load_index,
    name_hash,
)
from geo.normalize import PlaceText, normalize_name, parse_place, phonetic_key, strip_level
from geo.records import coerce_sites
from geo.reverse import haversine_km
from geo.settings import Settings

DOMINANCE = 5.0            # the most populous place wins only at >= 5x the population of the next
SAME_PLACE_KM = 5.0        # candidates this close are one place listed twice
ANCHOR_KM = 60.0           # "X, Y" with Y a place: X must lie this near Y
SITE_NEAR_KM = 30.0        # "refinery in X": register sites this near the place X
FUZZY_CUTOFF = 88.0        # rapidfuzz ratio between phonetic keys
FUZZY_MIN_LENGTH = 6        # phonetic key length below which fuzzy matching is not tried
PROXIMITY_KM = 100.0       # column pass: a candidate this near a confident row of the file...
PROXIMITY_RATIO = 3.0      # ...with every other candidate this many times farther, is taken
UNKNOWN_POPULATION = 500   # GeoNames population 0 means unknown; cities500 starts at 500
# City-regions and the region around them: a hint naming either accepts both.
ENCLOSING = {"UA.12": "UA.13", "UA.20": "UA.11", "RU.48": "RU.47", "RU.66": "RU.42",
             "BY.04": "BY.05", "KZ.02": "KZ.01", "AZ.09": "AZ.01"}
OUTPUT_COLUMNS = ("latitude", "longitude", "geocode_status", "geocode_precision", "geocode_match",
                  "geocode_match_id", "geocode_score", "geocode_candidates", "geocode_country",
                  "geocode_admin1", "geocode_note")
CONFIDENT = ("exact", "alias", "fuzzy")


@dataclass(frozen=True)
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

    def describe(self) -> str:
        where = "" if self.latitude is None else f" {self.latitude:.3f},{self.longitude:.3f}"
        people = f" pop {self.population:,}" if self.kind == "place" else ""
        return f"{self.label}{where}{people}"


@dataclass(frozen=True)
class GeocodeResult:
    status: str                          # exact | alias | fuzzy | ambiguous | not_found
    best: Candidate | None = None
    others: tuple[Candidate, ...] = ()
    confidence: float = 1.0
    note: str = ""

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
    anchor: Candidate | None = None
    notes: list[str] = field(default_factory=list)


class Geocoder:
    def __init__(self, index: GazetteerIndex, sites: SiteRegister | None = None):
        self.index = index
        self.sites = sites or SiteRegister.empty()
        self._postings = functools.lru_cache(maxsize=200_000)(self._postings_uncached)

    # ---- one name -------------------------------------------------------------------------

    def geocode(self, place, *, country=None, admin1=None, admin2=None,
                default_country=None) -> GeocodeResult:
        text = parse_place(place)
        if not text.full:
            return GeocodeResult("not_found", note="empty place name")
        hints = self._hints(text, country, admin1, admin2, default_country)
        name, level = text.name, text.level
        regional = level in ("any", "admin1")
        result = (self.sites.match(text, hints, self)
                  or (self._admin1_result(name, hints) if level == "admin1" else None)
                  or (self._country_result(text) if level == "any" else None)
                  or self._place_result(name, hints, level, variants=False)
                  or (self._admin1_result(name, hints, exact=True) if regional else None)
                  or self._place_result(name, hints, level, variants=True)
                  or (self._admin1_result(name, hints) if regional else None)
                  or self._outside_hints(name, hints)
                  or self._fuzzy_result(name, hints)
                  or GeocodeResult("not_found", note=f"'{place}' is not in the gazetteer"))
        if text.near and result.best is not None:
            result = replace(result, note=_join("near it: placed at the place itself", result.note))
        return replace(result, note=_join(*hints.notes, result.note))

    def _hints(self, text: PlaceText, country, admin1, admin2, default_country) -> Hints:
        hints = Hints()
        for value, strict in ((country, True), (default_country, False)):
            if _given(value) and hints.country is None:
                hints.country = self.index.country_code(value)
                hints.strict_country = strict
                if hints.country is None:
                    hints.notes.append(f"country '{value}' not recognised, ignored")
        contexts = list(text.context) + ([parse_place(admin2)] if _given(admin2) else [])
        if _given(admin1):
            hints.admin1 = self._admin1_hint(normalize_name(str(admin1)), hints.country)
            if not hints.admin1:
                hints.notes.append(f"admin1 '{admin1}' not recognised, ignored")
        for part in contexts:
            self._apply_context(part, hints)
        return hints

    def _apply_context(self, part: PlaceText, hints: Hints) -> None:
        """'Y' of 'X, Y': a country, a first-level region, or a place that X must lie near."""
        found = self.index.country_code(part.name) if part.level == "any" else None
        if found and hints.country in (None, found):
            hints.country, hints.strict_country = found, True
            return
        regions = self._admin1_hint(part.name, hints.country) if part.level != "admin2" else set()
        if regions and part.level in ("any", "admin1") and hints.admin1 is None:
            hints.admin1 = regions
            return
        anchor = self.place_only(part.name, Hints(country=hints.country))
        if anchor and anchor.status in CONFIDENT:
            hints.anchor = anchor.best
        else:
            hints.notes.append(f"'{part.full}' not understood as a country, region or place")

    def admin1_ids(self, name: str, country: str | None) -> set[int]:
        found = self.index.admin1_names.find(strip_level(name)[0])
        if country:
            found = {a for a in found if self.index.admin1[a]["country"] == country}
        return found

    def _admin1_hint(self, name: str, country: str | None) -> set[int]:
        """The regions a hint names, with the city-region inside or around each (ENCLOSING)."""
        found = self.admin1_ids(name, country)
        codes = {self.index.admin1[a]["code"] for a in found}
        linked = {ENCLOSING.get(c) for c in codes} | {k for k, v in ENCLOSING.items() if v in codes}
        return found | {self.index.admin1_index[c] for c in linked if c in self.index.admin1_index}

    # ---- regions and countries ------------------------------------------------------------

    def _admin1_result(self, name: str, hints: Hints, exact: bool = False):
        ids = self.admin1_ids(name, hints.country)
        if hints.country and not ids and not hints.strict_country:
            ids = self.admin1_ids(name, None)
        spelt = {a for a in ids if a in self.index.admin1_names.find(name, exact_only=True)}
        if exact and not spelt:
            return None
        cands = [self.admin1_candidate(a) for a in sorted(spelt or ids)]
        return self.decide(cands, f"regions named '{name}'") if cands else None

    def admin1_candidate(self, a: int) -> Candidate:
        entry = self.index.admin1[a]
        return Candidate("admin1", f"admin1:{entry['code']}",
                         f"{entry['name']} (region, {entry['country']})", entry["lat"],
                         entry["lon"], "admin1", entry["country"], entry["name"],
                         entry["population"], "alias", 0.95)

    def _country_result(self, text: PlaceText) -> GeocodeResult | None:
        iso = self.index.country_code(text.name) if text.name else None
        if iso is None:
            return None
        entry = self.index.countries[iso]
        best = Candidate("country", f"country:{iso}", entry["name"], entry["lat"], entry["lon"],
                         "country", iso, "", entry["population"], "exact", 1.0)
        return GeocodeResult("exact", best, note=f"country point: {entry['point']}")

    # ---- populated places -----------------------------------------------------------------

    def _postings_uncached(self, name: str) -> dict[int, tuple[bool, bool]]:
        """{place: (spelt exactly so, as its primary name)} for places whose key matches."""
        where = self.index.lookup([phonetic_key(name)])[0] if name else None
        if where is None:
            return {}
        same = self.index.post_hash[where] == name_hash(name)
        primary = same & self.index.post_primary[where]
        found: dict[int, tuple[bool, bool]] = {}
        for place, s, p in zip(self.index.post_place[where].tolist(), same.tolist(),
                               primary.tolist(), strict=True):
            was = found.get(place, (False, False))
            found[place] = (was[0] or s, was[1] or p)
        return found

    def place_candidate(self, i: int, status: str, quality: float) -> Candidate:
        region = self.index.admin1_of(i)
        country = self.index.place_country[i].decode()
        name = self.index.name_of(i)
        label = f"{name}, {region['name']} ({country})" if region else f"{name} ({country})"
        return Candidate("place", f"geonames:{self.index.place_id[i]}", label,
                         float(self.index.place_lat[i]), float(self.index.place_lon[i]), "town",
                         country, region["name"] if region else "",
                         int(self.index.place_pop[i]), status, quality)

    def _filtered(self, places: list[int], hints: Hints) -> tuple[list[int], str]:
        note = ""
        if hints.country:
            inside = [p for p in places
                      if self.index.place_country[p].decode() == hints.country]
            if inside or hints.strict_country:
                places = inside
            else:
                note = f"none in {hints.country}"
        if hints.admin1 is not None:
            places = [p for p in places if int(self.index.place_admin1[p]) in hints.admin1]
        return places, note

    def _place_result(self, name: str, hints: Hints, level: str, *, variants: bool):
        """Places spelt `name` exactly, or (variants=True) only by its phonetic key."""
        postings = self._postings(name)
        if variants and len(phonetic_key(name)) < MIN_KEY_LENGTH:
            return None
        tier = [p for p, (same, _) in postings.items() if same != variants]
        kept, note = self._filtered(tier, hints)
        if not kept:
            return None
        cands = [self.place_candidate(p, *_name_match(postings[p], variants)) for p in kept]
        result = self.decide(cands, f"places named '{name}'", hints.anchor)
        if level == "admin2":
            result = _widen_to_admin1(result)
        return replace(result, note=_join(note, result.note))

    def _outside_hints(self, name: str, hints: Hints) -> GeocodeResult | None:
        places = list(self._postings(name))
        if not places or (hints.country is None and hints.admin1 is None):
            return None
        others = [self.place_candidate(p, "alias", 0.9) for p in places]
        return GeocodeResult("not_found", None, tuple(sorted(others, key=lambda c: -c.population)),
                             note=f"'{name}' exists only outside the given country/region")

    def _fuzzy_result(self, name: str, hints: Hints) -> GeocodeResult | None:
        key = phonetic_key(name)
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        for similar, score in self.index.similar_keys(key, FUZZY_CUTOFF):
            where = self.index.lookup([similar])[0]
            kept, _ = self._filtered(self.index.post_place[where].tolist(), hints)
            if kept:
                cands = [self.place_candidate(p, "fuzzy", 0.8 * score / 100) for p in kept]
                result = self.decide(cands, f"places spelt like '{name}'", hints.anchor)
                return replace(result, note=_join(
                    f"fuzzy: spelt {score:.0f}% like {result.best.label}", result.note))
        return None

    def geocode_column(self, places, *, country=None, admin1=None, admin2=None,
                       default_country=None, use_file_context: bool = True) -> pd.DataFrame:
        """See `geocode_column`."""
        return geocode_column(self, places, country=country, admin1=admin1, admin2=admin2,
                              default_country=default_country, use_file_context=use_file_context)

    def place_only(self, name: str, hints: Hints) -> GeocodeResult | None:
        found = (self._place_result(name, hints, "place", variants=False)
                 or self._place_result(name, hints, "place", variants=True)
                 or self._fuzzy_result(name, hints))
        return found if found and found.best is not None else None

    # ---- choosing among candidates ----------------------------------------------------------

    def decide(self, cands: list[Candidate], what: str, anchor: Candidate | None = None):
        cands = _merge_duplicates(sorted(cands, key=lambda c: -c.population))
        if anchor is not None and anchor.latitude is not None:
            near = sorted((distance_km(c, anchor), c) for c in cands if c.latitude is not None)
            near = [(d, c) for d, c in near if d <= ANCHOR_KM]
            if near:
                best = near[0][1]
                return GeocodeResult(best.status, best, tuple(c for c in cands if c is not best),
                                     note=f"nearest to {anchor.label} ({near[0][0]:.0f} km)")
        best, others = cands[0], tuple(cands[1:])
        if not others:
            return GeocodeResult(best.status, best)
        first, second = (max(c.population, UNKNOWN_POPULATION) for c in cands[:2])
        if first >= DOMINANCE * second:
            return GeocodeResult(best.status, best, others, 1 - second / first,
                                 f"largest of {len(cands)} {what} ({first:,} vs {second:,})")
        return GeocodeResult("ambiguous", best, others, first / (first + second),
                             f"{len(cands)} {what} of similar size; give a region or country")


# ---- a whole column -----------------------------------------------------------------------------

def geocode_column(geocoder: Geocoder, places, *, country=None, admin1=None, admin2=None,
                   default_country=None, use_file_context: bool = True) -> pd.DataFrame:
    """One row per input (same index), columns OUTPUT_COLUMNS. Each distinct (place, hints)
    is resolved once; `country`/`admin1`/`admin2` are one value for all or one per place."""
    places = places if isinstance(places, pd.Series) else pd.Series(list(places), dtype=object)
    if _given(default_country) and geocoder.index.country_code(default_country) is None:
        raise GeocodeError(f"Unknown default country '{default_country}'; give an ISO2 code "
                           "such as UA or a country name such as Ukraine")
    columns = {"place": places.to_numpy(dtype=object)}
    for name, value in (("country", country), ("admin1", admin1), ("admin2", admin2)):
        columns[name] = _aligned(value, len(places), name)
    frame = pd.DataFrame(columns).fillna("").astype(str)
    codes, _ = pd.factorize(frame.place + "\x1f" + frame.country + "\x1f" + frame.admin1
                            + "\x1f" + frame.admin2)
    _, first = np.unique(codes, return_index=True)
    results = [geocoder.geocode(frame.place.iat[r], country=frame.country.iat[r],
                                admin1=frame.admin1.iat[r], admin2=frame.admin2.iat[r],
                                default_country=default_country) for r in first]
    if use_file_context:
        results = _settle_by_proximity(results)
    table = pd.DataFrame([r.row() for r in results], columns=list(OUTPUT_COLUMNS))
    table = table.astype({"latitude": "float64", "longitude": "float64"})
    return table.iloc[codes].set_index(places.index)


def _aligned(value, length: int, name: str) -> np.ndarray:
    if value is None or isinstance(value, str):
        return np.full(length, value or "", dtype=object)
    values = np.asarray(list(value), dtype=object)
    if len(values) != length:
        raise GeocodeError(f"'{name}' has {len(values)} values but there are {length} places; "
                           "give one value per place or a single value for all")
    return values


def _settle_by_proximity(results: list[GeocodeResult]) -> list[GeocodeResult]:
    """An ambiguous place whose one candidate lies near the file's confident rows, and the
    others far, is that candidate (noted, score lowered)."""
    sure = np.array([(r.best.latitude, r.best.longitude) for r in results
                     if r.status in ("exact", "alias") and r.best.precision in ("site", "town")])
    if len(sure) == 0:
        return results
    sure = sure[np.linspace(0, len(sure) - 1, min(len(sure), 2000)).astype(int)]
    settled = []
    for r in results:
        cands = [r.best, *r.others] if r.status == "ambiguous" else []
        if len(cands) < 2 or any(c.kind != "place" for c in cands):
            settled.append(r)
            continue
        gaps = [float(haversine_km(c.latitude, c.longitude, sure[:, 0], sure[:, 1]).min())
                for c in cands]
        order = np.argsort(gaps)
        near, next_near = gaps[order[0]], gaps[order[1]]
        if near <= PROXIMITY_KM and next_near >= PROXIMITY_RATIO * max(near, 1.0):
            best = cands[order[0]]
            settled.append(GeocodeResult(
                best.status, best, tuple(c for c in cands if c is not best), 0.8,
                f"{len(cands)} candidates; this one is {near:.0f} km from other rows of the "
                f"file, the next {next_near:.0f} km"))
        else:
            settled.append(r)
    return settled


@functools.lru_cache(maxsize=4)
def _cached_geocoder(settings: Settings, sites_stamp) -> Geocoder:
    index = load_index(settings.cache_dir, GazetteerSources.from_data_dir(settings.data_dir))
    return Geocoder(index, SiteRegister.read(settings.data_dir / "sites.csv"))


def load_geocoder(settings: Settings | None = None) -> Geocoder:
    """The geocoder of these settings, loaded once per process and again when sites.csv changes."""
    settings = settings or Settings.from_env()
    sites = settings.data_dir / "sites.csv"
    stamp = (sites.stat().st_mtime_ns, sites.stat().st_size) if sites.exists() else None
    return _cached_geocoder(settings, stamp)


# ---- the project's sites register ------------------------------------------------------------

class SiteRegister:
    """Named sites of data/sites.csv that have a point, found by name, alias, or kind + place."""

    def __init__(self, frame: pd.DataFrame):
        frame = coerce_sites(frame)
        self.frame = frame[frame.latitude.notna() & frame.longitude.notna()].reset_index(drop=True)
        self.names: dict[str, tuple[int, str]] = {}
        for i, row in self.frame.iterrows():
            spellings = [(row["name"], "exact")] + [(a, "alias") for a in row["aliases"].split("|")]
            for spelling, status in spellings:
                for form in _site_forms(normalize_name(spelling)):
                    self.names.setdefault(form, (i, status))
        self.words = [normalize_name(" ".join([r["name"], r["aliases"], r["operator"]])).split()
                      for _, r in self.frame.iterrows()]

    @classmethod
    def empty(cls) -> SiteRegister:
        return cls(pd.DataFrame(columns=["site_id"]))

    @classmethod
    def read(cls, path: Path) -> SiteRegister:
        if not path.exists():
            return cls.empty()
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except (OSError, ValueError) as error:
            raise GeocodeError(f"Cannot read the sites register '{path}': {error}; fix the "
                               "file or restore it from git") from error
        return cls(frame)

    def candidate(self, i: int, status: str) -> Candidate:
        row = self.frame.iloc[i]
        return Candidate("site", f"site:{row.site_id}", f"{row['name']} (site)", row.latitude,
                         row.longitude, row.geo_precision or "site", row.country, row.admin1,
                         0, status, 1.0 if status == "exact" else 0.95)

    def match(self, text: PlaceText, hints: Hints, geocoder: Geocoder) -> GeocodeResult | None:
        for form in (*_site_forms(text.head), *_site_forms(text.full)):
            if form in self.names:
                return GeocodeResult(self.names[form][1], self.candidate(*self.names[form]))
        if text.facility is None or self.frame.empty:
            return None
        rows = [i for i, kind in enumerate(self.frame.kind) if text.facility in ("any", kind)]
        place = geocoder.place_only(text.name, hints) if text.name else None
        if text.name and place is None:      # not a place: an operator or a site's own word
            rows = [i for i in rows if set(text.name.split()) <= set(self.words[i])]
        where = place.best if place and place.best else hints.anchor
        if where is not None and where.latitude is not None:
            rows = [i for i in rows if distance_km(self.candidate(i, "alias"), where) <= SITE_NEAR_KM]
        elif hints.admin1 is not None:
            regions = {geocoder.index.admin1[a]["name"] for a in hints.admin1}
            rows = [i for i in rows if self.frame.admin1[i] in regions
                    or geocoder.admin1_ids(normalize_name(self.frame.admin1[i]), None) & hints.admin1]
        elif hints.country:
            rows = [i for i in rows if self.frame.country[i] == hints.country]
        elif not text.name:
            return None
        if rows:
            result = geocoder.decide([self.candidate(i, "alias") for i in rows],
                                     f"register sites for '{text.full}'")
            return replace(result, note=_join(
                f"{text.facility.replace('_', ' ')} found by kind and place", result.note))
        if place is not None:
            kind = "facility" if text.facility == "any" else text.facility.replace("_", " ")
            return replace(place, note=_join(
                f"no {kind} of the sites register there; placed at the town", place.note))
        return None


def _site_forms(normalized: str) -> tuple[str, ...]:
    bare = normalized.removeprefix("the ").removeprefix("a ").removeprefix("an ")
    return (normalized, bare) if bare != normalized else (normalized,)


# ---- helpers ------------------------------------------------------------------------------------

def _given(value) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value)) \
        and str(value).strip() != ""


def distance_km(a: Candidate, b: Candidate) -> float:
    return float(haversine_km(a.latitude, a.longitude, b.latitude, b.longitude))


def _merge_duplicates(cands: list[Candidate]) -> list[Candidate]:
    """Drop a place within SAME_PLACE_KM of a more populous candidate: one town listed twice."""
    kept: list[Candidate] = []
    for c in cands:
        if c.kind != "place" or not any(k.kind == "place" and distance_km(c, k) <= SAME_PLACE_KM
                                        for k in kept):
            kept.append(c)
    return kept


def _widen_to_admin1(result: GeocodeResult) -> GeocodeResult:
    if result.best is None:
        return result
    best = replace(result.best, precision="admin1", label=f"{result.best.label} (raion centre)")
    return replace(result, best=best, note=_join(
        "raion/district: placed at its centre town, precision admin1", result.note))


def _name_match(match: tuple[bool, bool], variant: bool) -> tuple[str, float]:
    """(status, quality) of a place found by its primary name, an alias or a spelling variant."""
    if variant:
        return "alias", 0.85
    return ("exact", 1.0) if match[1] else ("alias", 0.95)


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)
