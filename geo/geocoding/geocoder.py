"""Offline geocoder: place names as news writes them -> a point, its precision and how sure.

One name resolves in this order: a site of the register (data/sites.csv) by name or alias, or
a facility word with a place ("Kremenchug refinery"); a region when the text says "region"
or "oblast"; a country; the GeoNames places of that name (spelt so, or a romanisation
variant); a region of that name; a fuzzy spelling. Hints (country, admin1, admin2, "X, Y",
"X (Y)") narrow the places. Each candidate weighs its population, x10 when the name asked is
its own name (not an old or foreign alias), x0.3 when only a folded spelling matches; one
candidate is the answer only if it outweighs all the others together DOMINANCE times. Else
the answer is `ambiguous`: the best guess plus the other candidates, never a silent pick.
`geocode_column` resolves each distinct row once, then settles an ambiguous name when one of
its candidates lies near the file's confident rows and the others far from all of them.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import pandas as pd
from rapidfuzz import fuzz

from geo.geocoding.column import geocode_column
from geo.geocoding.gazetteer import (
    MIN_KEY_LENGTH,
    PRIMARY_KEY,
    PRIMARY_SPELLING,
    GazetteerIndex,
    GazetteerSources,
    load_index,
    name_hash,
)
from geo.geocoding.normalize import (
    PlaceText,
    normalize_name,
    parse_place,
    phonetic_key,
    phonetic_keys,
    strip_level,
)
from geo.geocoding.results import (
    CONFIDENT,
    OUTPUT_COLUMNS,
    Candidate,
    GeocodeResult,
    Hints,
    distance_km,
    given,
    join_notes,
    merge_duplicates,
    widen_to_admin1,
)
from geo.geocoding.site_register import SiteRegister
from geo.settings import Settings

__all__ = ["OUTPUT_COLUMNS", "Candidate", "GeocodeResult", "Geocoder", "SiteRegister",
           "geocode_column", "load_geocoder"]

DOMINANCE = 5.0            # a candidate wins alone only at >= 5x the weight of all others together
PRIMARY_NAME_WEIGHT = 10.0  # weight = population x this when the place's own name is the one asked
VARIANT_WEIGHT = 0.3       # ... x this when only a folded spelling (phonetic key) matches
VARIANT_SIMILARITY = 75.0  # rapidfuzz ratio a folded match's own name needs (_place_result)
ANCHOR_KM = 60.0           # "X, Y" with Y a place: X must lie this near Y
FUZZY_CUTOFF = 88.0        # rapidfuzz ratio between phonetic keys
FUZZY_MIN_LENGTH = 7        # phonetic key length below which fuzzy matching is not tried
UNKNOWN_POPULATION = 500   # GeoNames population 0 means unknown; cities500 starts at 500
# City-regions and the region around them: a hint naming either accepts both.
ENCLOSING = {"UA.12": "UA.13", "UA.20": "UA.11", "RU.48": "RU.47", "RU.66": "RU.42",
             "BY.04": "BY.05", "KZ.02": "KZ.01", "AZ.09": "AZ.01"}


class Geocoder:
    """Resolves place texts against a loaded index and the sites register; see load_geocoder."""

    def __init__(self, index: GazetteerIndex, sites: SiteRegister | None = None):
        self.index = index
        self.sites = sites or SiteRegister.empty()
        self._postings = functools.lru_cache(maxsize=100_000)(self._postings_uncached)
        self._pool = functools.lru_cache(maxsize=100_000)(self._pool_uncached)
        self._looks_like = functools.lru_cache(maxsize=100_000)(self._looks_like_uncached)
        self._slices: dict[str, slice | None] = {}     # phonetic key -> postings (prefetched)
        self._keys: dict[str, str] = {}                 # name -> phonetic key (prefetched)

    def prefetch(self, places) -> None:
        """Look up the phonetic keys of many place texts in one vectorised search."""
        names = [text.name for text in map(parse_place, places)]
        if len(self._slices) > 200_000:
            self._slices.clear()
            self._keys.clear()
        self._keys.update(zip(names, phonetic_keys(names), strict=True))
        keys = [k for k in set(self._keys.values()) if k and k not in self._slices]
        self._slices.update(zip(keys, self.index.lookup(keys), strict=True))

    # ---- one name -------------------------------------------------------------------------

    def geocode(self, place, *, country=None, admin1=None, admin2=None,
                default_country=None) -> GeocodeResult:
        """One place text. `country` (ISO2/ISO3/name), `admin1` and `admin2` (a raion, as the
        place it is named after) narrow the candidates; `default_country` only prefers."""
        text = parse_place(place)
        if not text.full:
            return GeocodeResult("not_found", note="empty place name")
        hints = self._hints(text, country, admin1, admin2, default_country)
        name, level = text.name, text.level
        regional = level in ("any", "admin1")
        result = (self.sites.match(text, hints, self)
                  or (self._admin1_result(name, hints) if level == "admin1" else None)
                  or (self._country_result(text) if level == "any" else None)
                  or self._place_result(name, hints, level)
                  or (self._admin1_result(name, hints) if regional else None)
                  or self._outside_hints(name, hints)
                  or self._fuzzy_result(name, hints)
                  or GeocodeResult("not_found", note=f"'{place}' is not in the gazetteer"))
        if text.near and result.best is not None:
            result = replace(result, note=join_notes("near it: placed at the place itself",
                                                     result.note))
        return replace(result, note=join_notes(*hints.notes, result.note))

    def _hints(self, text: PlaceText, country, admin1, admin2, default_country) -> Hints:
        hints = Hints()
        for value, strict in ((country, True), (default_country, False)):
            if given(value) and hints.country is None:
                hints.country = self.index.country_code(value)
                hints.strict_country = strict
                if hints.country is None:
                    hints.notes.append(f"country '{value}' not recognised, ignored")
        contexts = list(text.context) + ([parse_place(admin2)] if given(admin2) else [])
        if given(admin1):
            hints.admin1 = self._admin1_hint(normalize_name(str(admin1)), hints.country)
            if not hints.admin1:
                hints.notes.append(f"admin1 '{admin1}' not recognised, ignored")
        for part in contexts:
            self._apply_context(part, hints)
        return hints

    def _apply_context(self, part: PlaceText, hints: Hints) -> None:
        """'Y' of 'X, Y': a country, a first-level region, or a place that X must lie near."""
        found = self.index.country_named(part.name) if part.level == "any" else None
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

    def _admin1_result(self, name: str, hints: Hints):
        ids = self.admin1_ids(name, hints.country)
        if hints.country and not ids and not hints.strict_country:
            ids = self.admin1_ids(name, None)
        spelt = {a for a in ids if a in self.index.admin1_names.find(name, exact_only=True)}
        cands = [self.admin1_candidate(a) for a in sorted(spelt or ids)]
        return self.decide(cands, f"regions named '{name}'") if cands else None

    def admin1_candidate(self, a: int) -> Candidate:
        entry = self.index.admin1[a]
        return Candidate("admin1", f"admin1:{entry['code']}",
                         f"{entry['name']} (region, {entry['country']})", entry["lat"],
                         entry["lon"], "admin1", entry["country"], entry["name"],
                         entry["population"], "alias", 0.95, max(entry["population"], 1))

    def _country_result(self, text: PlaceText) -> GeocodeResult | None:
        iso = self.index.country_named(text.name) if text.name else None
        if iso is None:
            return None
        entry = self.index.countries[iso]
        best = Candidate("country", f"country:{iso}", entry["name"], entry["lat"], entry["lon"],
                         "country", iso, "", entry["population"], "exact", 1.0, 1.0)
        return GeocodeResult("exact", best, note=f"country point: {entry['point']}")

    # ---- populated places -----------------------------------------------------------------

    def _postings_uncached(self, key: str, spelling: int | None) -> dict[int, tuple[bool, int]]:
        """{place: (spelt exactly so, PRIMARY_* flags)} of the places filed under `key`; the
        own-name bit (PRIMARY_KEY) counts for any spelling, PRIMARY_SPELLING only for this one."""
        where = self._slices[key] if key in self._slices else self.index.lookup([key])[0]
        if not key or where is None:
            return {}
        found: dict[int, tuple[bool, int]] = {}
        for place, crc, flags in zip(self.index.post_place[where].tolist(),
                                     self.index.post_hash[where].tolist(),
                                     self.index.post_flags[where].tolist(), strict=True):
            same = crc == spelling
            was_same, was_flags = found.get(place, (False, 0))
            found[place] = (was_same or same, was_flags | (flags if same else flags & PRIMARY_KEY))
        return found

    def place_candidate(self, i: int, match: tuple[bool, int], fuzzy: float = 0.0) -> Candidate:
        """Candidate for place `i` matched (spelt exactly?, flags); `fuzzy` is the ratio or 0."""
        region = self.index.admin1_of(i)
        country = self.index.place_country[i].decode()
        name = self.index.name_of(i)
        label = f"{name}, {region['name']} ({country})" if region else f"{name} ({country})"
        same, flags = match
        if fuzzy:
            status, quality = "fuzzy", 0.8 * fuzzy / 100
        elif same:
            status, quality = ("exact", 1.0) if flags & PRIMARY_SPELLING else ("alias", 0.95)
        else:
            status, quality = "alias", 0.85
        population = int(self.index.place_pop[i])
        weight = (max(population, UNKNOWN_POPULATION)
                  * (PRIMARY_NAME_WEIGHT if flags & PRIMARY_KEY else 1.0)
                  * (1.0 if same or fuzzy else VARIANT_WEIGHT))
        return Candidate("place", f"geonames:{self.index.place_id[i]}", label,
                         float(self.index.place_lat[i]), float(self.index.place_lon[i]), "town",
                         country, region["name"] if region else "", population, status, quality,
                         weight)

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

    def _pool_uncached(self, name: str) -> dict[int, tuple[bool, int]]:
        """Places named `name`, spelt so or folded alike (only spelt so if the key is short)."""
        key = self._keys.get(name) or phonetic_key(name)
        postings = self._postings(key, name_hash(name)) if name else {}
        return postings if len(key) >= MIN_KEY_LENGTH else {
            p: m for p, m in postings.items() if m[0]}

    def _looks_like_uncached(self, name: str, place: int) -> bool:
        return fuzz.ratio(name, normalize_name(self.index.name_of(place))) >= VARIANT_SIMILARITY

    def _place_result(self, name: str, hints: Hints, level: str) -> GeocodeResult | None:
        """A folded-only match is dropped when a place of this very spelling as its own name
        is among the candidates and the folded one's own name looks different ('Svatove' is
        not 'Swatow', an old name of Shantou)."""
        pool = self._pool(name)
        kept, note = self._filtered(list(pool), hints)
        if any(pool[p][0] and pool[p][1] & PRIMARY_KEY for p in kept):
            kept = [p for p in kept if pool[p][0] or self._looks_like(name, p)]
        if not kept:
            return None
        cands = [self.place_candidate(p, pool[p]) for p in kept]
        result = self.decide(cands, f"places named '{name}'", hints.anchor)
        if level == "admin2":
            result = widen_to_admin1(result)
        return replace(result, note=join_notes(note, result.note))

    def _outside_hints(self, name: str, hints: Hints) -> GeocodeResult | None:
        postings = self._postings(phonetic_key(name), name_hash(name)) if name else {}
        if not postings or (hints.country is None and hints.admin1 is None):
            return None
        others = [self.place_candidate(p, m) for p, m in postings.items() if m[0]]
        return GeocodeResult("not_found", None, tuple(sorted(others, key=lambda c: -c.population)),
                             note=f"'{name}' exists only outside the given country/region")

    def _fuzzy_result(self, name: str, hints: Hints) -> GeocodeResult | None:
        key = phonetic_key(name)
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        for similar, score in self.index.similar_keys(key, FUZZY_CUTOFF):
            postings = self._postings(similar, None)
            kept, _ = self._filtered(list(postings), hints)
            if kept:
                cands = [self.place_candidate(p, postings[p], score) for p in kept]
                result = self.decide(cands, f"places spelt like '{name}'", hints.anchor)
                return replace(result, note=join_notes(
                    f"fuzzy: spelt {score:.0f}% like {result.best.label}", result.note))
        return None

    def geocode_column(self, places, *, country=None, admin1=None, admin2=None,
                       default_country=None, use_file_context: bool = True) -> pd.DataFrame:
        """See `geocode_column`."""
        return geocode_column(self, places, country=country, admin1=admin1, admin2=admin2,
                              default_country=default_country, use_file_context=use_file_context)

    def place_only(self, name: str, hints: Hints) -> GeocodeResult | None:
        found = self._place_result(name, hints, "place") or self._fuzzy_result(name, hints)
        return found if found and found.best is not None else None

    # ---- choosing among candidates ----------------------------------------------------------

    def decide(self, cands: list[Candidate], what: str, anchor: Candidate | None = None):
        """One candidate, or one that outweighs all others together DOMINANCE times, is the
        answer; else `ambiguous` with the heaviest as best guess. An anchor picks the nearest."""
        cands = merge_duplicates(sorted(cands, key=lambda c: -c.weight))
        if anchor is not None and anchor.latitude is not None:
            near = [(distance_km(c, anchor), c) for c in cands if c.latitude is not None]
            near = sorted((pair for pair in near if pair[0] <= ANCHOR_KM), key=lambda p: p[0])
            if near:
                best = near[0][1]
                return GeocodeResult(best.status, best, tuple(c for c in cands if c is not best),
                                     note=f"nearest to {anchor.label} ({near[0][0]:.0f} km)")
        best, others = cands[0], tuple(cands[1:])
        if not others:
            return GeocodeResult(best.status, best)
        rest = sum(c.weight for c in others)
        if best.weight >= DOMINANCE * rest:
            return GeocodeResult(best.status, best, others, 1 - rest / best.weight,
                                 f"{len(cands)} {what}; this one outweighs the others "
                                 f"{best.weight / rest:.0f}x (population, own name)")
        return GeocodeResult("ambiguous", best, others, best.weight / (best.weight + rest),
                             f"{len(cands)} {what}, none clearly the one meant; give a region "
                             "or country")


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
