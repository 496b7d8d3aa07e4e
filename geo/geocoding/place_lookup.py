"""Looking places up in the gazetteer index: the postings of a name, its candidates and
their weights, the hints that filter them, and fuzzy spellings. The Geocoder (geocoder.py)
builds on it; which candidate wins is geo.geocoding.choose's rule.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from geo.geocoding import regions
from geo.geocoding.choose import (
    DOMINANCE,
    OWN_NAME_WEIGHT,
    SINGLE_SOURCE_WEIGHT,
    VARIANT_WEIGHT,
    Unlisted,
    by_anchor,
    decide,
)
from geo.geocoding.gazetteer import (
    MIN_KEY_LENGTH,
    OFFICIAL,
    PRECISIONS,
    PRIMARY_KEY,
    PRIMARY_SPELLING,
    GazetteerIndex,
    source_label,
)
from geo.geocoding.gazetteer_merge import GONE
from geo.geocoding.geodesy import haversine_km
from geo.geocoding.normalize import name_hash, normalize_name, phonetic_key, phonetic_keys
from geo.geocoding.place_text import parse_place
from geo.geocoding.results import LIVING, Candidate, GeocodeResult, Hints, join_notes
from geo.geocoding.slips import neighbour_swaps

FOLDED_QUALITY = 0.85      # a place matched only by a folded spelling of one of its names
VARIANT_SIMILARITY = 75.0  # rapidfuzz ratio a folded match's own name needs (_place_result)
FUZZY_CUTOFF = 88.0        # rapidfuzz ratio between phonetic keys
FUZZY_MIN_LENGTH = 7       # phonetic key length below which fuzzy matching is stricter:
SHORT_FUZZY_LENGTH = 5     # ...keys of 5-6 letters ("avdiika", "karkiv")...
SHORT_FUZZY_CUTOFF = 80.0  # ...match this well...
SHORT_FUZZY_SIZE = 20_000  # ...and only places of at least this many people
SHORT_KEY_LENGTH = 4       # a folded key this short finds only a town of SHORT_FUZZY_SIZE
TINY_KEY_SIZE = 1_000_000  # a shorter one only a city this big, its letters reordered ('Kiyv')
FOREIGN_CITY_SIZE = 20_000   # a name found only abroad is that city when it has this many people
SWAPPED_FUZZY_SIZE = 5_000  # ...or this many, its name with two letters swapped ('Popsana')
TOWN_ENDING_CUTOFF = 85.0  # ...and one begun otherwise this well ('Svadovsk' is Skadovsk)
LIKE_ENOUGH = 90.0         # a key begun alike this well needs no search among endings
FUZZY_KEYS = 10            # keys alike compared: the closest are often villages a hint or the
                           # size rule drops ('Kharviv'; 'Dolzhanskiy' in Luhansk oblast)
SETTLEMENTS = ("PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC")   # what OSM would confirm
LISTED = 25                # candidates built per name (see PlaceLookup.candidates)
RAION_KM = 40.0            # a raion before 2020: its places lie this near its point
HROMADA_KM = 20.0          # a hromada's (ADM3 since 2020), this near
UNFILED_RAION_KM = 45.0    # a place filed under no raion counts in a raion of 2020 this near
SIZE_WORDS = {"town": 2000.0, "city": 2000.0}   # "X town": places smaller weigh x0.1
VILLAGE_WORDS = ("village", "vilage", "selo", "hamlet", "khutir", "khutor",
                 "rural type settlement", "rural settlement")
VILLAGE_SIZE = 500.0       # "X village": no namesake outweighs another by being bigger
SAME_WORD_SIMILARITY = 80.0  # rapidfuzz ratio of a name to a place's own name: one word's forms


class PlaceLookup:
    """The places of a name in a loaded index, as weighed candidates."""

    def __init__(self, index: GazetteerIndex):
        self.index = index
        self._postings = functools.lru_cache(maxsize=100_000)(self._postings_uncached)
        self._pool = functools.lru_cache(maxsize=100_000)(self._pool_uncached)
        self._looks_like = functools.lru_cache(maxsize=100_000)(self._looks_like_uncached)
        # a misspelling's keys are searched again when its first search finds too little
        # (_fuzzy_result: begun alike, then ended alike too): each search once per key
        self._similar_keys = functools.lru_cache(maxsize=10_000)(index.similar_keys)
        self._similar_keys_by_ending = functools.lru_cache(maxsize=10_000)(
            index.similar_keys_by_ending)
        self._keys_transposed = functools.lru_cache(maxsize=10_000)(
            self._keys_transposed_uncached)
        self._slices: dict[str, slice | None] = {}     # phonetic key -> postings (prefetched)
        self._keys: dict[str, str] = {}                 # name -> phonetic key (prefetched)

    def prefetch(self, places) -> None:
        """Look up the phonetic keys of many place texts in one vectorised search."""
        names = [text.name for text in map(parse_place, places)]
        if not names:   # phonetic_keys joins its names: none would read as one empty name
            return
        if len(self._slices) > 200_000:
            self._slices.clear()
            self._keys.clear()
        self._keys.update(zip(names, phonetic_keys(names), strict=True))
        keys = [k for k in set(self._keys.values()) if k and k not in self._slices]
        self._slices.update(zip(keys, self.index.lookup(keys), strict=True))

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

    def places_spelt(self, name: str) -> dict[int, tuple[bool, int]]:
        """The places filed under normalised `name`'s key: {place: (spelt so, flags)}."""
        return self._postings(phonetic_key(name), name_hash(name)) if name else {}

    def place_candidate(self, i: int, match: tuple[bool, int], fuzzy: float = 0.0,
                        qualifier: str = "") -> Candidate:
        """Candidate for place `i` matched (spelt exactly?, flags); `fuzzy` is the ratio or 0."""
        return self.place_candidates([i], {i: match}, fuzzy, qualifier)[0]

    def place_candidates(self, places: list[int], matches: dict, fuzzy: float = 0.0,
                         qualifier: str = "") -> list[Candidate]:
        """Candidates for `places` matched as `matches` says (place_candidate), their fields
        read from the index arrays once for all of them."""
        index = self.index
        at = np.asarray(places, np.int64)
        fields = zip(places, _names_of(index, at), index.place_admin1[at].tolist(),
                     index.place_country[at].tolist(), index.place_lat[at].tolist(),
                     index.place_lon[at].tolist(), index.place_precision[at].tolist(),
                     index.place_pop[at].tolist(), index.place_size[at].tolist(),
                     index.place_sources[at].tolist(), index.place_ref[at].tolist(),
                     index.place_feature[at].tolist(), strict=True)
        cands = []
        for (i, name, admin1, country, lat, lon, precision, pop, size, sources, ref,
             feature) in fields:
            region = index.admin1[admin1]["name"] if admin1 >= 0 else ""
            country, ident, feature = country.decode(), ref.decode(), feature.decode()
            label = f"{name}, {region} ({country})" if region else f"{name} ({country})"
            match = matches[i]
            status, quality = _match_status(match, fuzzy)
            cands.append(Candidate(
                "place", ident, label, lat, lon, PRECISIONS[precision], country, region, pop,
                status, quality, _weight(size, sources, match, fuzzy, qualifier),
                source=source_label(ref), feature=feature,
                standing=self._standing(feature, sources, pop, ident, country)))
        return cands

    @functools.cached_property
    def confirming_countries(self) -> frozenset[str]:
        """Countries a second source (OpenStreetMap) covers: there, a GeoNames place that no
        other source lists is unconfirmed (standing_of)."""
        listed_twice = self.index.place_country[self.index.place_sources > 1]
        return frozenset(c.decode() for c in np.unique(listed_twice))

    def standing_of(self, i: int) -> str:
        """Is place `i` a living place of the name asked (results.STANDINGS says why not)?"""
        index = self.index
        return self._standing(index.feature_of(i), int(index.place_sources[i]),
                              int(index.place_pop[i]), index.ident_of(i),
                              index.place_country[i].decode())

    def _standing(self, feature: str, sources: int, pop: int, ident: str, country: str) -> str:
        """OpenStreetMap lists the settlements (not the parts of towns) of the countries it
        covers: a GeoNames village it does not confirm and with no census population is more
        often a stale or misplaced record (on the UCDP dev set, 5% of the true places against
        19% of their namesakes); one with a population is a real town whose names differ."""
        if feature in GONE:
            return "gone"
        if (sources == 1 and pop == 0 and feature in SETTLEMENTS
                and ident.startswith("geonames:") and country in self.confirming_countries):
            return "unconfirmed"
        return LIVING

    def candidates(self, places: list[int], matches: dict, hints: Hints, fuzzy: float = 0.0,
                   qualifier: str = "") -> tuple[list[Candidate], Unlisted]:
        """The LISTED heaviest places as candidates, and how many lighter ones there are and
        what they weigh together (a name with a hundred namesakes is ambiguous either way;
        building each would cost more than the rest of the lookup). With an anchor, all."""
        if len(places) > LISTED and hints.anchor is None:
            at = np.asarray(places, np.int64)
            weights = [_weight(size, sources, matches[p], fuzzy, qualifier)
                       for p, size, sources in zip(places, self.index.place_size[at].tolist(),
                                                   self.index.place_sources[at].tolist(),
                                                   strict=True)]
            order = sorted(range(len(places)), key=weights.__getitem__, reverse=True)
            unlisted = Unlisted(len(places) - LISTED, sum(weights[k] for k in order[LISTED:]))
            places = [places[k] for k in order[:LISTED]]
        else:
            unlisted = Unlisted()
        return self.place_candidates(places, matches, fuzzy, qualifier), unlisted

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
            inside = [p for p in places if int(self.index.place_admin2[p]) in hints.admin2
                      or self._near_raion_unfiled(p, hints.admin2)]
            note = join_notes(note, _narrowed("in the raion given", inside, places))
            places = inside or places
        if hints.around is not None:
            what = "hromada" if hints.around.feature == "ADM3" else "raion"
            km = HROMADA_KM if what == "hromada" else RAION_KM
            near = [p for p in places if haversine_km(
                self.index.place_lat[p], self.index.place_lon[p], hints.around.latitude,
                hints.around.longitude) <= km]
            where = (f"within {km:.0f} km of {hints.around.label.split(' (')[0]} "
                     f"(the {what} given)")
            note = join_notes(note, _narrowed(where, near, places))
            places = near or places
        return places, note

    def _pool_uncached(self, name: str) -> dict[int, tuple[bool, int]]:
        """Places named `name`, spelt so or folded alike (if the key is short: only spelt so,
        or a town big enough to be written many ways, as 'Izum' for Izium)."""
        key = self._keys.get(name) or phonetic_key(name)
        postings = self._postings(key, name_hash(name)) if name else {}
        if len(key) >= MIN_KEY_LENGTH:
            return postings
        if len(key) >= SHORT_KEY_LENGTH:
            return {p: m for p, m in postings.items()
                    if m[0] or self.index.place_size[p] >= SHORT_FUZZY_SIZE}
        letters = sorted(name.replace(" ", ""))     # 'Kiyv' is Kyiv's letters, 'Bak' not Baku's
        return {p: m for p, m in postings.items()
                if m[0] or (self.index.place_size[p] >= TINY_KEY_SIZE and letters == sorted(
                    normalize_name(self.index.name_of(p)).replace(" ", "")))}

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
        pool, kept = self._with_namesakes_of_own_names(name, pool, kept, hints)
        cands, unlisted = self.candidates(kept, pool, hints, qualifier=qualifier)
        if not by_anchor(cands, hints.anchor):
            return None
        result = decide(cands, f"places named '{name}'", hints.anchor, unlisted,
                        lambda cand: self._named_otherwise(name, cand, kept))
        if level == "admin2":
            result = regions.widen_to_admin2(result)
        return result.with_note(join_notes(note, describe(result), result.note))

    def _named_otherwise(self, name: str, cand: Candidate, kept: list[int]) -> bool:
        """Is `name` only a former or foreign name of `cand` (one of `kept`, matched as an
        alias): spelt unlike its own?"""
        place = next((p for p in kept if self.index.ident_of(p) == cand.ident), None)
        return place is not None and not self._same_word(name, place)

    def _same_word(self, name: str, place: int) -> bool:
        """Is `name` a form of the place's own name ('Popasne' of Popasna)?"""
        return fuzz.ratio(name, normalize_name(self.index.name_of(place))) >= SAME_WORD_SIMILARITY

    def _with_namesakes_of_own_names(self, name: str, pool: dict, kept: list[int],
                                     hints: Hints) -> tuple[dict, list[int]]:
        """A name found only as another form of a place's own name ('Belousovka', the Russian
        of 'Bilousivka') names that place's namesakes too: GeoNames gives the Russian form to
        one of two villages 'Bilousivka' of an oblast and not the other, and the one listed
        was taken with confidence where the other could be meant. Not for a former or
        unrelated name (spelt unlike the own name): the places sharing a town's new name are
        not its namesakes."""
        added: dict[int, tuple[bool, int]] = {}
        for place in kept:
            if pool[place][1] & (PRIMARY_KEY | OFFICIAL) or not self._same_word(name, place):
                continue
            own = normalize_name(self.index.name_of(place))
            for namesake, (spelt_so, flags) in self.places_spelt(own).items():
                if namesake not in pool and spelt_so and flags & PRIMARY_KEY:
                    added.setdefault(namesake, pool[place])   # matched as that place was
        namesakes, _ = self._filtered(list(added), hints)
        if not namesakes:
            return pool, kept
        return {**pool, **added}, kept + namesakes

    def _near_raion_unfiled(self, place: int, raions: set[int]) -> bool:
        """A place no source files under a raion (OpenStreetMap's) within UNFILED_RAION_KM of
        the point of one of `raions` (a raion of 2020 is some 80 km across)."""
        if self.index.place_admin2[place] >= 0:
            return False
        lat, lon = self.index.place_lat[place], self.index.place_lon[place]
        return any(haversine_km(lat, lon, self.index.admin2[r]["lat"], self.index.admin2[r]["lon"])
                   <= UNFILED_RAION_KM for r in raions)

    def _only_elsewhere(self, name: str, hints: Hints) -> GeocodeResult | None:
        """The name, spelt so, exists only outside the country given: not found here (no
        fuzzy neighbour either), with the places elsewhere listed. Unless it is a city of
        FOREIGN_CITY_SIZE people that outweighs every namesake: a file of one country's war
        names the cities across its border ('Belgorod' in a Ukrainian file); a village is as
        likely a misspelt local one."""
        if not name or not hints.strict_country or hints.admin1 is not None:
            return None
        postings = self._postings(phonetic_key(name), name_hash(name))
        others = sorted((self.place_candidate(p, m) for p, m in postings.items() if m[0]),
                        key=lambda c: -c.weight)
        if not others:
            return None
        note = f"'{name}' exists only outside {hints.country}"
        city, rest = others[0], sum(c.weight for c in others[1:])
        if city.population >= FOREIGN_CITY_SIZE and city.weight >= DOMINANCE * rest:
            found = GeocodeResult(city.status, city, tuple(others[1:]))
            return found.with_note(join_notes(
                f"{note}: the city of {city.population:,} people there taken, the country "
                "given set aside", describe(found)))
        return GeocodeResult("not_found", None, tuple(others), note=note)

    def _fuzzy_result(self, name: str, hints: Hints,
                      towns_too: bool = False) -> GeocodeResult | None:
        """The place of the key spelt most like `name`'s that serves the hints: among keys
        that begin alike and keys with two letters swapped; when none serves, or one begun
        alike under LIKE_ENOUGH, among keys that end alike too ('Karkiv' is Kharkiv, not
        Koryukivka); with `towns_too` (the hints as given, no "village" said) and a region
        given, then a town of SHORT_FUZZY_SIZE people there spelt as loosely as a short name
        may be ('Mariupil', 'Nova Kakhova': a town is written many ways, a village seldom;
        the region keeps the towns so alike few)."""
        key = phonetic_key(name)
        if len(key) < SHORT_FUZZY_LENGTH:
            return None
        short = len(key) < FUZZY_MIN_LENGTH
        cutoff = SHORT_FUZZY_CUTOFF if short else FUZZY_CUTOFF
        hints = replace(hints, strict_country=True)   # a misspelling never leaves the country
        keys = self._keys_alike(key, cutoff, False)
        found = self._first_served(name, keys, hints, short)
        heaviest = self._heaviest_one_slip_away(name, key, keys, hints, short)
        if found is None or (heaviest is not None
                             and heaviest[0].best.weight >= DOMINANCE * found[0].best.weight):
            found = heaviest or found
        if found is None or (found[1] < LIKE_ENOUGH and not found[2]):
            found = self._first_served(name, self._keys_alike(key, cutoff, True), hints,
                                       short) or found
        if found is None and towns_too and not short and hints.admin1 is not None:
            found = (self._first_served(name, self._keys_alike(
                key, SHORT_FUZZY_CUTOFF, False, SHORT_FUZZY_SIZE), hints, True)
                or self._first_served(name, self._keys_alike(
                    key, TOWN_ENDING_CUTOFF, True, SHORT_FUZZY_SIZE), hints, True))
        return found[0] if found else None

    def _heaviest_one_slip_away(self, name: str, key: str, keys: list[tuple[str, float, bool]],
                                hints: Hints, short: bool):
        """Of two or more keys one slip from `key` (a letter added, dropped or changed, or
        two neighbours swapped), the one whose place serving the hints is heaviest, as
        _first_served answers; taken over the key most alike when DOMINANCE times heavier:
        'Kupyanks' is Kupiansk, 30,000 people, by a swap, not the village once called
        Kupyanka by a letter dropped, though that is 93% alike."""
        near = [k for k in keys if DamerauLevenshtein.distance(key, k[0]) == 1]
        if len(near) < 2:
            return None
        served = [found for k in near if (found := self._first_served(name, [k], hints, short))]
        return max(served, key=lambda found: found[0].best.weight, default=None)

    def _first_served(self, name: str, keys: list[tuple[str, float, bool]], hints: Hints,
                      short: bool) -> tuple[GeocodeResult, float, bool] | None:
        """The first of `keys` whose places serve the hints: (result, score, swapped)."""
        for similar, score, swapped in keys:
            postings = self._postings(similar, None)
            if short:   # a short name misspelt: only a town big enough to be written often
                least = SWAPPED_FUZZY_SIZE if swapped else SHORT_FUZZY_SIZE
                postings = {p: m for p, m in postings.items()
                            if self.index.place_size[p] >= least}
            kept, _ = self._filtered(list(postings), hints)
            if kept:
                cands, unlisted = self.candidates(kept, postings, hints, score)
                if not by_anchor(cands, hints.anchor):
                    continue
                result = decide(cands, f"places spelt like '{name}'", hints.anchor, unlisted)
                return replace(result, note=join_notes(
                    f"fuzzy: spelt {score:.0f}% like {result.best.label}", describe(result),
                    result.note)), score, swapped
        return None

    def _keys_alike(self, key: str, cutoff: float, endings: bool,
                    least_size: float = 0.0) -> list[tuple[str, float, bool]]:
        """The FUZZY_KEYS keys spelt most like `key` among those that begin alike (and, with
        `endings`, those that end alike), and keys with two neighbouring letters swapped
        (under the cutoff too), best first; a tie goes to the spelling alike ('Kremenchyk' is
        Kremenchuk, 90%, not Kermenchyk, 90% swapped); `swapped` says which."""
        found = dict(self._similar_keys(key, cutoff, FUZZY_KEYS, least_size))
        if endings:
            found.update(self._similar_keys_by_ending(key, cutoff, FUZZY_KEYS, least_size))
        swapped = dict(self._keys_transposed(key)) if not least_size else {}
        found.update(swapped)
        keys = [(other, score, other in swapped) for other, score in found.items()]
        return sorted(keys, key=lambda k: (-k[1], k[2]))

    def _keys_transposed_uncached(self, key: str) -> list[tuple[str, float]]:
        """Keys that are `key` with two neighbouring letters swapped, the commonest slip
        ('Popsana', 'Rubzihne': 13 real rows; a swap scores under the cutoff of a ratio)."""
        swapped = sorted(neighbour_swaps(key))
        return [(other, fuzz.ratio(key, other))
                for other, where in zip(swapped, self.index.lookup(swapped), strict=True)
                if where is not None]

    def place_only(self, name: str, hints: Hints) -> GeocodeResult | None:
        found = self._place_result(name, hints, "place") or self._fuzzy_result(name, hints)
        return found if found and found.best is not None else None


def _names_of(index: GazetteerIndex, places: np.ndarray) -> list[str]:
    """index.name_of each of `places`, their bounds read at once (not in gazetteer.py: the
    index's fingerprint covers that file, and a change to it rebuilds the index)."""
    names = index.place_names
    return [names[start:end].tobytes().decode("utf-8") for start, end in zip(
        index.place_name_start[places].tolist(), index.place_name_end[places].tolist(),
        strict=True)]


def _match_status(match: tuple[bool, int], fuzzy: float) -> tuple[str, float]:
    """(status, quality) of a place matched (spelt exactly?, flags); `fuzzy` the ratio or 0."""
    same, flags = match
    if fuzzy:
        return "fuzzy", 0.8 * fuzzy / 100
    if same:
        return ("exact", 1.0) if flags & (PRIMARY_SPELLING | OFFICIAL) else ("alias", 0.95)
    return "alias", FOLDED_QUALITY


def _weight(size: float, sources: int, match: tuple[bool, int], fuzzy: float,
            qualifier: str) -> float:
    """How likely a referent a place of this size and number of sources is, matched so
    (geo.geocoding.choose says why each factor)."""
    same, flags = match
    if qualifier in VILLAGE_WORDS:
        size = min(size, VILLAGE_SIZE) + size * 1e-3   # bigger still first among equals
    return (size * (OWN_NAME_WEIGHT if flags & (PRIMARY_KEY | OFFICIAL) else 1.0)
            * (1.0 if same or fuzzy else VARIANT_WEIGHT)
            * (1.0 if sources > 1 else SINGLE_SOURCE_WEIGHT)
            * (0.1 if size < SIZE_WORDS.get(qualifier, 0.0) else 1.0))


def describe(result: GeocodeResult) -> str:
    """'source: GeoNames PPL' / 'source: GeoNames postal (approximate point)'."""
    best = result.best
    if best is None or not best.source:
        return ""
    weak = " (postal-code place: approximate point)" if best.source == "GeoNames postal" else ""
    return f"source: {best.source} {best.feature}{weak}"


def _narrowed(where: str, inside: list[int], places: list[int]) -> str:
    """What a raion hint did: '1 of 3 places in the raion given', or kept them all."""
    if not inside and places:
        return f"none {where}: kept the {len(places)} outside it"
    if len(inside) < len(places):
        return f"{len(inside)} of {len(places)} places {where}"
    return ""
