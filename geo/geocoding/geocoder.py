"""Offline geocoder: place names as news writes them -> a point, its precision and how sure.

One name resolves in this order: a site of the register (data/sites.csv) by name, alias or
kind + place; a GeoNames named site when the text names its kind ("Donetsk International
airport", "Yasynuvata railway station"); a region when the text says "oblast" or "raion"; a
country; the places of that name (spelt so, or a romanisation variant); a region of that
name; a fuzzy spelling. Hints (country, admin1, admin2, "X, Y", "X (Y)") narrow the places;
a hint that names nothing known, or that would leave no place, is noted and set aside, never
a refusal. Which candidate wins is geo.geocoding.choose's rule; `geocode_note` says which
source and which rule placed each answer.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import pandas as pd
from rapidfuzz import fuzz

from geo.geocoding import regions
from geo.geocoding.choose import (
    OWN_NAME_WEIGHT,
    SINGLE_SOURCE_WEIGHT,
    VARIANT_WEIGHT,
    Unlisted,
    decide,
)
from geo.geocoding.column import geocode_column
from geo.geocoding.gazetteer import (
    MIN_KEY_LENGTH,
    OFFICIAL,
    PRIMARY_KEY,
    PRIMARY_SPELLING,
    GazetteerIndex,
    GazetteerSources,
    load_index,
)
from geo.geocoding.geodesy import haversine_km
from geo.geocoding.normalize import name_hash, normalize_name, phonetic_key, phonetic_keys
from geo.geocoding.place_text import PlaceText, parse_place, site_core, site_key
from geo.geocoding.results import (
    CONFIDENT,
    OUTPUT_COLUMNS,
    Candidate,
    GeocodeResult,
    Hints,
    given,
    join_notes,
)
from geo.geocoding.site_register import SiteRegister
from geo.settings import Settings

__all__ = ["OUTPUT_COLUMNS", "Candidate", "GeocodeResult", "Geocoder", "SiteRegister",
           "geocode_column", "load_geocoder"]

VARIANT_SIMILARITY = 75.0  # rapidfuzz ratio a folded match's own name needs (_place_result)
FUZZY_CUTOFF = 88.0        # rapidfuzz ratio between phonetic keys
FUZZY_MIN_LENGTH = 7       # phonetic key length below which fuzzy matching is stricter:
SHORT_FUZZY_LENGTH = 5     # ...keys of 5-6 letters ("avdiika", "karkiv")...
SHORT_FUZZY_CUTOFF = 80.0  # ...match this well...
SHORT_FUZZY_SIZE = 20_000  # ...and only places of at least this many people
GENERIC_SITE_KINDS = ("railway_station", "power_plant", "airport")   # "X station", "X plant"
LISTED = 25                # candidates built per name (see Geocoder.candidates)
RAION_KM = 40.0            # a raion before 2020: its places lie this near its point
SIZE_WORDS = {"town": 2000.0, "city": 2000.0}   # "X town": places smaller weigh x0.1
VILLAGE_WORDS = ("village", "vilage", "selo", "hamlet", "khutir", "khutor")
VILLAGE_SIZE = 500.0       # "X village": no namesake outweighs another by being bigger


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
        """One place text. `country` (ISO2/ISO3/name), `admin1` and `admin2` (a raion, old or
        new) narrow the candidates; `default_country` only prefers."""
        text = parse_place(place)
        if not text.full:
            return GeocodeResult("not_found", note="empty place name")
        if text.level == "admin1" and text.context and text.context[0].level in ("any", "place"):
            # "Donetsk oblast, Staromlinovka": the place, in that region
            inner = text.context[0]
            text = replace(inner, context=(replace(text, context=()), *text.context[1:]),
                           full=text.full)
        hints = self._hints(text, country, admin1, admin2, default_country)
        name, level = text.name, text.level
        regional = level in ("any", "admin1")
        result = (self._site(text, hints)
                  or (regions.admin1_result(self, name, hints) if level == "admin1" else None)
                  or (regions.admin2_result(self, name, hints) if level == "admin2" else None)
                  or (regions.country_result(self, text) if level == "any" else None)
                  or self._place_result(name, hints, level, text.qualifier)
                  or (regions.admin1_result(self, name, hints) if regional else None)
                  or self._only_elsewhere(name, hints)
                  or self._fuzzy_result(name, hints)
                  or self._outside_hints(name, hints)
                  or self._context_only(text, hints)
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
        raion = parse_place(admin2) if given(admin2) else None
        contexts = list(text.context) + ([replace(raion, level="admin2")] if raion else [])
        if given(admin1):
            hints.admin1 = regions.admin1_hint(self, normalize_name(str(admin1)), hints.country)
            if not hints.admin1:
                hints.admin1 = None
                hints.notes.append(f"admin1 '{admin1}' not recognised, ignored")
        for part in contexts:
            self._apply_context(part, hints)
        return hints

    def _apply_context(self, part: PlaceText, hints: Hints) -> None:
        """'Y' of 'X, Y': a country, a first-level region, a raion, or a place X lies near."""
        found = self.index.country_named(part.name) if part.level == "any" else None
        if found and hints.country in (None, found):
            hints.country, hints.strict_country = found, True
            return
        regions_named = (regions.admin1_hint(self, part.name, hints.country)
                         if part.level != "admin2" else set())
        if regions_named and part.level in ("any", "admin1") and hints.admin1 is None:
            hints.admin1 = regions_named
            return
        raion = regions.admin2_result(self, part.name, hints) if part.level == "admin2" else None
        if raion is not None and raion.status in CONFIDENT:
            if raion.best.feature == "ADM2":
                hints.admin2 = {self.index.admin2_at[raion.best.ident]}
            else:
                hints.around = raion.best
            return
        anchor = self.place_only(part.name, Hints(country=hints.country, admin1=hints.admin1))
        if anchor and anchor.status in CONFIDENT:
            hints.anchor = anchor.best
        else:
            hints.notes.append(f"'{part.full}' not understood as a country, region or place")

    def admin1_ids(self, name: str, country: str | None) -> set[int]:
        return regions.admin1_ids(self, name, country)

    def decide(self, cands: list[Candidate], what: str, anchor: Candidate | None = None):
        return decide(cands, what, anchor)

    # ---- named sites ------------------------------------------------------------------------

    def _site(self, text: PlaceText, hints: Hints) -> GeocodeResult | None:
        """The register first; a GeoNames site of the kind named when the register has no
        site of that kind there; else the register's answer (the town, said so)."""
        register = self.sites.match(text, hints, self)
        if register is not None and register.best is not None and register.best.kind == "site":
            return register
        if text.facility is None:
            return register
        kinds = GENERIC_SITE_KINDS if text.facility == "any" else (text.facility,)
        core = site_core(text.name)
        for kind in kinds:
            key = site_key(kind, phonetic_key(core)) if core else ""
            postings = self._postings(key, None) if key else {}
            kept, note = self._filtered(list(postings), hints)
            if kept:
                cands = [self.place_candidate(p, postings[p]) for p in kept]
                result = decide(cands, f"GeoNames {kind.replace('_', ' ')}s named '{core}'")
                return replace(result, note=join_notes(
                    f"GeoNames {self.index.feature_of(int(kept[0]))} site named by its kind",
                    note, result.note))
        return register

    # ---- populated places -----------------------------------------------------------------

    def _postings_uncached(self, key: str, spelling: int | None) -> dict[int, tuple[bool, int]]:
        """{place: (spelt exactly so, flags)} of the places filed under `key`; the own-name
        and official bits count for any spelling, PRIMARY_SPELLING only for this one."""
        where = self._slices[key] if key in self._slices else self.index.lookup([key])[0]
        if not key or where is None:
            return {}
        found: dict[int, tuple[bool, int]] = {}
        for place, crc, flags in zip(self.index.post_place[where].tolist(),
                                     self.index.post_hash[where].tolist(),
                                     self.index.post_flags[where].tolist(), strict=True):
            same = crc == spelling
            was_same, was_flags = found.get(place, (False, 0))
            kept = flags if same else flags & (PRIMARY_KEY | OFFICIAL)
            found[place] = (was_same or same, was_flags | kept)
        return found

    def place_candidate(self, i: int, match: tuple[bool, int], fuzzy: float = 0.0,
                        qualifier: str = "") -> Candidate:
        """Candidate for place `i` matched (spelt exactly?, flags); `fuzzy` is the ratio or 0."""
        region = self.index.admin1_of(i)
        country = self.index.place_country[i].decode()
        name = self.index.name_of(i)
        label = f"{name}, {region['name']} ({country})" if region else f"{name} ({country})"
        same, flags = match
        if fuzzy:
            status, quality = "fuzzy", 0.8 * fuzzy / 100
        elif same:
            status, quality = (("exact", 1.0) if flags & (PRIMARY_SPELLING | OFFICIAL)
                               else ("alias", 0.95))
        else:
            status, quality = "alias", 0.85
        return Candidate("place", self.index.ident_of(i), label,
                         float(self.index.place_lat[i]), float(self.index.place_lon[i]),
                         self.index.precision_of(i), country, region["name"] if region else "",
                         int(self.index.place_pop[i]), status, quality,
                         self.weight(i, match, fuzzy, qualifier),
                         source=self.index.source_of(i), feature=self.index.feature_of(i))

    def weight(self, i: int, match: tuple[bool, int], fuzzy: float = 0.0,
               qualifier: str = "") -> float:
        """How likely a referent place `i` is (geo.geocoding.choose says why each factor)."""
        same, flags = match
        size = float(self.index.place_size[i])
        if qualifier in VILLAGE_WORDS:
            size = min(size, VILLAGE_SIZE) + size * 1e-3   # bigger still first among equals
        return (size * (OWN_NAME_WEIGHT if flags & (PRIMARY_KEY | OFFICIAL) else 1.0)
                * (1.0 if same or fuzzy else VARIANT_WEIGHT)
                * (1.0 if self.index.place_sources[i] > 1 else SINGLE_SOURCE_WEIGHT)
                * (0.1 if size < SIZE_WORDS.get(qualifier, 0.0) else 1.0))

    def candidates(self, places: list[int], matches: dict, hints: Hints, fuzzy: float = 0.0,
                   qualifier: str = "") -> tuple[list[Candidate], Unlisted]:
        """The LISTED heaviest places as candidates, and how many lighter ones there are and
        what they weigh together (a name with a hundred namesakes is ambiguous either way;
        building each would cost more than the rest of the lookup). With an anchor, all."""
        if len(places) > LISTED and hints.anchor is None:
            weights = [self.weight(p, matches[p], fuzzy, qualifier) for p in places]
            order = sorted(range(len(places)), key=weights.__getitem__, reverse=True)
            unlisted = Unlisted(len(places) - LISTED, sum(weights[k] for k in order[LISTED:]))
            places = [places[k] for k in order[:LISTED]]
        else:
            unlisted = Unlisted()
        return [self.place_candidate(p, matches[p], fuzzy, qualifier) for p in places], unlisted

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
        if hints.admin2 is not None:
            inside = [p for p in places if int(self.index.place_admin2[p]) in hints.admin2]
            places = inside or places
        if hints.around is not None:
            near = [p for p in places if haversine_km(
                self.index.place_lat[p], self.index.place_lon[p], hints.around.latitude,
                hints.around.longitude) <= RAION_KM]
            places = near or places
        return places, note

    def _pool_uncached(self, name: str) -> dict[int, tuple[bool, int]]:
        """Places named `name`, spelt so or folded alike (only spelt so if the key is short)."""
        key = self._keys.get(name) or phonetic_key(name)
        postings = self._postings(key, name_hash(name)) if name else {}
        return postings if len(key) >= MIN_KEY_LENGTH else {
            p: m for p, m in postings.items() if m[0]}

    def _looks_like_uncached(self, name: str, place: int) -> bool:
        return fuzz.ratio(name, normalize_name(self.index.name_of(place))) >= VARIANT_SIMILARITY

    def _place_result(self, name: str, hints: Hints, level: str,
                      qualifier: str = "") -> GeocodeResult | None:
        """A folded-only match is dropped when a place of this very spelling as its own name
        is among the candidates and the folded one's own name looks different ('Svatove' is
        not 'Swatow', an old name of Shantou)."""
        pool = self._pool(name)
        kept, note = self._filtered(list(pool), hints)
        if any(pool[p][0] and pool[p][1] & (PRIMARY_KEY | OFFICIAL) for p in kept):
            kept = [p for p in kept if pool[p][0] or self._looks_like(name, p)]
        if not kept:
            return None
        cands, unlisted = self.candidates(kept, pool, hints, qualifier=qualifier)
        result = decide(cands, f"places named '{name}'", hints.anchor, unlisted)
        if level == "admin2":
            result = regions.widen_to_admin2(result)
        return replace(result, note=join_notes(note, describe(result), result.note))

    def _only_elsewhere(self, name: str, hints: Hints) -> GeocodeResult | None:
        """The name, spelt so, exists only outside the country given: not found here (no
        fuzzy neighbour either), with the places elsewhere listed."""
        if not name or not hints.strict_country or hints.admin1 is not None:
            return None
        postings = self._postings(phonetic_key(name), name_hash(name))
        others = [self.place_candidate(p, m) for p, m in postings.items() if m[0]]
        if not others:
            return None
        return GeocodeResult("not_found", None, tuple(sorted(others, key=lambda c: -c.weight)),
                             note=f"'{name}' exists only outside {hints.country}")

    def _outside_hints(self, name: str, hints: Hints) -> GeocodeResult | None:
        """The region hint left no place: the places of that name elsewhere in the region's
        country, never more than `ambiguous` (the hint may be wrong, or the name another
        place's) and never settled by the file's other rows."""
        if hints.admin1 is None:
            return None
        countries = {self.index.admin1[a]["country"] for a in hints.admin1}
        country = hints.country or (countries.pop() if len(countries) == 1 else None)
        loose = Hints(country=country, strict_country=True, anchor=hints.anchor)
        found = self._place_result(name, loose, "place") or self._fuzzy_result(name, loose)
        if found is None or found.best is None:
            return None
        return replace(found, status="ambiguous", confidence=found.confidence * 0.5,
                       settle=False, note=join_notes(
                           f"no '{name}' in the region given; the one(s) outside it, held as "
                           "ambiguous", found.note))

    def _context_only(self, text: PlaceText, hints: Hints) -> GeocodeResult | None:
        """'X, Y' where X is not found: Y, a region at its own precision or a place at
        precision admin2 (X lies somewhere near it: a district of that city, a village)."""
        if not text.context:
            return None
        what = f"'{text.head}' not found; placed at '{text.context[0].full}'"
        if hints.anchor is None and text.level == "admin2":   # "Kirov district, Donetsk"
            town = self.place_only(text.context[0].name, Hints(country=hints.country,
                                                               admin1=hints.admin1))
            hints = replace(hints, anchor=town.best if town and town.status in CONFIDENT
                            else None)
        if hints.anchor is not None:
            best = replace(hints.anchor, precision="admin2", status="alias")
            return GeocodeResult("alias", best, (), 0.5, f"{what}, precision admin2")
        if hints.admin1 is not None and len(hints.admin1) <= 2:
            main = min(hints.admin1, key=lambda a: a not in self.index.admin1_names.find(
                text.context[0].name, exact_only=True))
            best = regions.admin1_candidate(self, main)
            return GeocodeResult("alias", best, (), 0.5, f"{what}, the region")
        return None

    def _fuzzy_result(self, name: str, hints: Hints) -> GeocodeResult | None:
        key = phonetic_key(name)
        if len(key) < SHORT_FUZZY_LENGTH:
            return None
        short = len(key) < FUZZY_MIN_LENGTH
        cutoff = SHORT_FUZZY_CUTOFF if short else FUZZY_CUTOFF
        hints = replace(hints, strict_country=True)   # a misspelling never leaves the country
        for similar, score in self.index.similar_keys(key, cutoff):
            postings = self._postings(similar, None)
            if short:   # a short name misspelt: only a town big enough to be written often
                postings = {p: m for p, m in postings.items()
                            if self.index.place_size[p] >= SHORT_FUZZY_SIZE}
            kept, _ = self._filtered(list(postings), hints)
            if kept:
                cands, unlisted = self.candidates(kept, postings, hints, score)
                result = decide(cands, f"places spelt like '{name}'", hints.anchor, unlisted)
                return replace(result, note=join_notes(
                    f"fuzzy: spelt {score:.0f}% like {result.best.label}", describe(result),
                    result.note))
        return None

    def geocode_column(self, places, *, country=None, admin1=None, admin2=None,
                       default_country=None, use_file_context: bool = True) -> pd.DataFrame:
        """See `geocode_column`."""
        return geocode_column(self, places, country=country, admin1=admin1, admin2=admin2,
                              default_country=default_country, use_file_context=use_file_context)

    def place_only(self, name: str, hints: Hints) -> GeocodeResult | None:
        found = self._place_result(name, hints, "place") or self._fuzzy_result(name, hints)
        return found if found and found.best is not None else None


def describe(result: GeocodeResult) -> str:
    """'source: GeoNames PPL' / 'source: GeoNames postal (approximate point)'."""
    best = result.best
    if best is None or not best.source:
        return ""
    weak = " (postal-code place: approximate point)" if best.source == "GeoNames postal" else ""
    return f"source: {best.source} {best.feature}{weak}"


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
