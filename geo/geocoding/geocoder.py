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
import re
from dataclasses import replace

import pandas as pd

from geo.geocoding import around, regions, wider_texts
from geo.geocoding.choose import NAMESAKES_KM, decide
from geo.geocoding.column import geocode_column
from geo.geocoding.compound_places import CompoundPlaces
from geo.geocoding.english_names import translated_names
from geo.geocoding.gazetteer import GazetteerIndex, GazetteerSources, load_index
from geo.geocoding.hromadas import centre_town_spellings, hromada_result, says_hromada
from geo.geocoding.normalize import normalize_name, phonetic_key
from geo.geocoding.place_lookup import FOLDED_QUALITY, VILLAGE_WORDS
from geo.geocoding.place_text import (
    NATURAL_KINDS,
    PlaceText,
    parse_place,
    site_core,
    site_key,
    strip_level,
)
from geo.geocoding.quarters import placed_in_quarter
from geo.geocoding.results import (
    CONFIDENT,
    OUTPUT_COLUMNS,
    Candidate,
    GeocodeResult,
    Hints,
    distance_km,
    given,
    join_notes,
)
from geo.geocoding.russian_endings import ukrainian_readings
from geo.geocoding.site_register import SiteRegister
from geo.settings import Settings

__all__ = ["OUTPUT_COLUMNS", "Candidate", "GeocodeResult", "Geocoder", "SiteRegister",
           "geocode_column", "load_geocoder"]

OUTSIDE_TOWN_SIZE = 20_000     # a town spelt so outside the region hinted outranks a misspelling
# "Brovarskyi", "Popasnianskyi": a raion's name as its adjective (masculine, as "raion" is),
# the word "raion" left out; tried only when no place has the name
RAION_ADJECTIVE_ENDINGS = ("skyi", "skyy", "skiy", "skyj", "skij", "skii", "sky")
LETTER = re.compile(r"[^\W\d_]")   # a value with none ("21/03/2022") names no place
GENERIC_SITE_KINDS = ("railway_station", "power_plant", "airport")   # "X station", "X plant"
# a memorial named after a height stands on it (UCDP's "Savur-Mohyla monument")
SITE_KIND_FALLBACKS = {"monument": ("hill",)}


class Geocoder(CompoundPlaces):
    """Resolves place texts against a loaded index and the sites register; see load_geocoder."""

    def __init__(self, index: GazetteerIndex, sites: SiteRegister | None = None):
        super().__init__(index)
        self.sites = sites or SiteRegister.empty()
        self._admin1_column = functools.lru_cache(maxsize=10_000)(self._admin1_column_uncached)

    def _admin1_column_uncached(self, admin1: str, country: str | None) -> frozenset[int]:
        """An admin1 column's value as regions (once per value: many rows share one)."""
        return frozenset(regions.admin1_hint(self, normalize_name(admin1), country,
                                             spelt_like=True))

    # ---- one name -------------------------------------------------------------------------

    def geocode(self, place, *, country=None, admin1=None, admin2=None,
                default_country=None) -> GeocodeResult:
        """One place text. `country` (ISO2/ISO3/name), `admin1` and `admin2` (a raion, old or
        new) narrow the candidates; `default_country` only prefers."""
        text = parse_place(place)
        if not text.full:
            return GeocodeResult("not_found", note="empty place name")
        if not LETTER.search(str(place)):   # GeoNames lists district numbers
            return GeocodeResult("not_found", note=f"'{place}' has no letters: a date or a "
                                 "number, not a place name")
        if text.level == "admin1" and text.context and text.context[0].level in ("any", "place"):
            # "Donetsk oblast, Staromlinovka": the place, in that region
            inner = text.context[0]
            text = replace(inner, context=(replace(text, context=()), *text.context[1:]),
                           full=text.full)
        if (text.facility and not text.name and text.context and not text.context[0].near
                and text.context[0].level in ("any", "place")):
            # "oil depot in Hvardiiske": the site's kind, then the place it is in
            text = replace(text, name=text.context[0].name, context=text.context[1:])
        hints = self._hints(text, country, admin1, admin2, default_country)
        name, level = text.name, text.level
        regional = level in ("any", "admin1")
        district = level == "admin2"
        result = (self._site(text, hints)
                  or self._bigger_first(text, hints)
                  or self._part_of_capital(text, hints)
                  or (regions.admin1_result(self, name, hints, worded=True)
                      or regions.admin1_fuzzy_result(self, name, hints)
                      if level == "admin1" else None)
                  or (self._district(text, hints) if district else None)
                  or (self._hromada_centre(text, hints) if district else None)
                  or (regions.country_result(self, text) if level == "any" else None)
                  or self._station_spelt_so(text, hints, self._place_result(
                      name, hints, level, text.qualifier))
                  or (self._part_of_town(text, hints) if level == "any" else None)
                  or (regions.admin1_result(self, name, hints) if regional else None)
                  or (regions.admin2_result(self, name, hints)
                      if level == "any" and name.endswith(RAION_ADJECTIVE_ENDINGS) else None)
                  or self._english_words(name, hints)
                  or self._only_elsewhere(name, hints)
                  or self._natural_feature(text, hints)
                  or (None if self._spelt_so_outside_region(name, hints)
                      else self._fuzzy_result(
                          name, hints, towns_too=text.qualifier not in VILLAGE_WORDS))
                  or (None if district else self._ukrainian_endings(name, text, hints))
                  # "X district, Kharkiv": a district of that city before a namesake elsewhere
                  or (self._context_only(text, hints) if district
                      else self._outside_hints(name, hints))
                  or (self._outside_hints(name, hints) if district
                      else self._context_only(text, hints))
                  or GeocodeResult("not_found", note=f"'{place}' is not in the gazetteer"))
        if result.status == "not_found" and hints.moved_from:
            result = self._in_country_given(place, hints, dict(
                country=country, admin2=admin2, default_country=default_country)) or result
        if result.status == "not_found" and text.alternatives:
            result = self._alternative(place, text, dict(
                country=country, admin1=admin1, admin2=admin2,
                default_country=default_country)) or result
        if result.status == "not_found" and not text.facility:
            result = wider_texts.resolved(self.geocode, place, text.head, dict(
                country=country, admin1=admin1, admin2=admin2,
                default_country=default_country)) or result
        if text.near and result.best is not None:
            result = _around(result)
        if text.quarter and result.best is not None and result.best.kind == "place":
            result = placed_in_quarter(self, result, text.quarter)
        return result.with_note(join_notes(*hints.notes, result.note))

    def _hinted_country(self, hints: Hints) -> str | None:
        """The country given, or the one country of the regions hinted."""
        countries = {self.index.admin1[a]["country"] for a in hints.admin1 or ()}
        return hints.country or (countries.pop() if len(countries) == 1 else None)

    def _spelt_so_outside_region(self, name: str, hints: Hints) -> bool:
        """Is there a town of OUTSIDE_TOWN_SIZE people spelt `name` outside the region
        hinted? Then the hint is likelier wrong than the spelling ('Horlivka' with Luhansk
        oblast is Donetsk's city, not Luhansk's Orlivka by a letter; a village elsewhere is
        no likelier than a misspelt one here): _outside_hints answers, held ambiguous."""
        if hints.admin1 is None:
            return False
        found = self._place_result(name, Hints(country=self._hinted_country(hints),
                                               strict_country=True), "place")
        return found is not None and found.best.population >= OUTSIDE_TOWN_SIZE

    def _english_words(self, name: str, hints: Hints) -> GeocodeResult | None:
        """'New Korotich' is Novyi Korotych: an English first word in the gazetteer's forms."""
        for other in translated_names(name):
            found = self._place_result(other, hints, "place")
            if found is not None and found.best is not None:   # a translation: never exact
                return replace(found, status="alias" if found.status == "exact" else found.status,
                               note=join_notes(f"'{name}' read as '{other}'", found.note))
        return None

    def _hromada_centre(self, text: PlaceText, hints: Hints) -> GeocodeResult | None:
        """A hromada GeoNames does not list ('Umanska terytorialna hromada'): the town its
        adjective names, at precision admin2 (never the villages 'Umanske' spelt alike)."""
        if not says_hromada(text.qualifier):
            return None
        for town in centre_town_spellings(text.name):
            found = self._place_result(town, hints, "place")
            if found is not None and found.status in ("exact", "alias"):
                best = replace(found.best, precision="admin2", status="alias",
                               label=f"{found.best.label} (hromada centre)")
                return replace(found, status="alias", best=best, note=join_notes(
                    f"no hromada '{text.name}' in GeoNames: placed at {found.best.label}, "
                    "the town its name is made from, precision admin2", found.note))
        return None

    def _ukrainian_endings(self, name: str, text: PlaceText,
                           hints: Hints) -> GeocodeResult | None:
        """'Polevoe' (Russian) is Polove: the name read with Ukrainian adjective endings,
        spelt so or alike; a reading, never `exact`."""
        for reading in ukrainian_readings(name):
            found = (self._place_result(reading, hints, "place", text.qualifier)
                     or self._fuzzy_result(reading, hints,
                                           towns_too=text.qualifier not in VILLAGE_WORDS))
            if found is not None and found.best is not None:
                return replace(found, status="alias" if found.status == "exact" else found.status,
                               note=join_notes(f"'{name}' read with Ukrainian endings as "
                                               f"'{reading}'", found.note))
        return None

    def _in_country_given(self, place, hints: Hints, given_hints: dict) -> GeocodeResult | None:
        """Not in the other country's region the admin1 names: the place in the country
        given, the admin1 set aside (`given_hints`: geocode's keyword hints but admin1)."""
        found = self.geocode(place, **given_hints)
        if found.status == "not_found":
            return None
        hints.notes[:] = [f"no '{place}' in {hints.country}, where the admin1 lies; found in "
                          f"{hints.moved_from}, the country given"]
        return found

    def _alternative(self, place, text: PlaceText, hints: dict) -> GeocodeResult | None:
        """'Snake Island/Bile': the first name after a slash that is found, when the one
        before it is not (`hints`: geocode's keyword hints)."""
        for other in text.alternatives:
            found = self.geocode(other, **hints)
            if found.status != "not_found":
                return replace(found, note=join_notes(
                    f"'{place}': '{text.head}' not found, '{other}' is", found.note))
        return None

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
            hints.admin1 = set(self._admin1_column(str(admin1), hints.country))
            if not hints.admin1 and hints.country:
                self._region_of_another_country(str(admin1), hints)
            if not hints.admin1:
                hints.admin1 = None
                hints.notes.append(f"admin1 '{admin1}' not recognised, ignored")
        # a country first: "Klimovo, Bryansk, Russia" has Bryansk read in Russia
        contexts.sort(key=lambda part: part.level != "any"
                      or self.index.country_named(part.name) is None)
        for part in contexts:
            self._apply_context(part, hints)
        return hints

    def _region_of_another_country(self, admin1: str, hints: Hints) -> None:
        """An admin1 that is no region of the country given but one of another country alone
        ('Kursk Oblast' on a row of a file about Ukraine, whose country column says Ukraine
        for strikes across the border): the place is looked for in that region."""
        elsewhere = self._admin1_column(admin1, None)
        countries = {self.index.admin1[a]["country"] for a in elsewhere}
        if len(countries) == 1 and countries != {hints.country}:
            country = countries.pop()
            hints.notes.append(f"admin1 '{admin1}' is a region of {country}, not of "
                               f"{hints.country}: looked for there")
            hints.moved_from = hints.country
            hints.country, hints.strict_country, hints.admin1 = country, True, set(elsewhere)

    def _apply_context(self, part: PlaceText, hints: Hints) -> None:
        """'Y' of 'X, Y': a country, a first-level region, a raion, or a place X lies near."""
        found = self.index.country_named(part.name) if part.level == "any" else None
        if found and (hints.admin1 is None or hints.country in (None, found)):
            if hints.country not in (None, found):
                # "Klimovo, Bryansk, Russia" in a file whose country column says Ukraine
                hints.notes.append(f"the text says {found}: the country {hints.country} "
                                   "given set aside")
            hints.country, hints.strict_country = found, True
            return
        regions_named = (regions.admin1_hint(self, part.name, hints.country)
                         if part.level != "admin2" else set())
        if regions_named and part.level in ("any", "admin1") and hints.admin1 is None:
            hints.admin1 = regions_named
            return
        raion = ((says_hromada(part.qualifier) and hromada_result(self, part.name, hints))
                 or regions.admin2_result(self, part.name, hints)
                 if part.level == "admin2" else None)
        if raion is not None and raion.status in CONFIDENT:
            if raion.best.feature == "ADM2":
                hints.admin2 = {self.index.admin2_at[raion.best.ident]}
            else:
                hints.around = raion.best
            return
        near = Hints(country=hints.country, admin1=hints.admin1)
        anchor = (self._named_site(site_core(part.name), (part.facility,), near, part.facility)
                  if part.facility in NATURAL_KINDS   # "Bile (Snake Island)"
                  else None if part.level == "admin1" else self.place_only(part.name, near))
        if ((anchor is None or anchor.status == "fuzzy") and hints.admin1 is None
                and part.level in ("any", "admin1")):
            # a region misspelt ("Kramatorsk, Dontesk region"), before a town spelt alike:
            # Donetsk city, 90 km from Kramatorsk, had made it not found; a longer text not
            # said to be a region ("Stepanivska silska rada") is none
            core = strip_level(part.name)[0]
            spelt = (regions.admin1_spelt_like(self, core, hints.country)
                     if part.level == "admin1" or len(core.split()) <= 2 else set())
            if spelt:
                hints.admin1 = spelt
                hints.notes.append(f"'{part.full}' read as a region spelt like "
                                   f"{self.index.admin1[next(iter(spelt))]['name']}")
                return
        if anchor and anchor.status in CONFIDENT and part.level == "admin2":
            # a raion not listed, named after its centre town: its places lie around the town,
            # and the namesake nearest the town is no likelier than another inside the raion
            hints.around = anchor.best
        elif anchor and anchor.status in CONFIDENT:
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
        kinds = (GENERIC_SITE_KINDS if text.facility == "any"
                 else (text.facility, *SITE_KIND_FALLBACKS.get(text.facility, ())))
        core = site_core(text.name)
        found = self._named_site(core, kinds, hints, text.facility)
        if found is None and text.facility in NATURAL_KINDS:
            # an island's or a hill's name is its own, no town's: never a town spelt alike
            return GeocodeResult("not_found", note=f"no {text.facility} named '{core}' in the "
                                 "gazetteer (GeoNames islands and hills)")
        return found or register

    def _station_spelt_so(self, text: PlaceText, hints: Hints,
                          found: GeocodeResult | None) -> GeocodeResult | None:
        """A name matched only as a folded spelling of a place's name, which a railway station
        of the region bears as spelt, farther from that place than a wrong placement: held
        ambiguous, the settlement by the station (at town precision) the best guess (UCDP's
        "Maiorska village" was Staromaiorske through its old name "Mayorskoye", 113 km from
        the station village GeoNames lists as "Stantsiia Maiorska")."""
        if (found is None or found.best is None or found.best.kind != "place"
                or found.best.quality != FOLDED_QUALITY or text.facility is not None):
            return found
        station = self._named_site(text.name, ("railway_station",), hints, "railway_station")
        if (station is None or station.status not in CONFIDENT or site_core(
                normalize_name(station.best.label.split(",")[0])) != text.name):
            return found
        apart = distance_km(station.best, found.best)
        if apart <= NAMESAKES_KM:
            return found
        village = replace(station.best, kind="place", precision="town")
        return GeocodeResult("ambiguous", village, (found.best, *found.others),
                             found.confidence / 2, join_notes(
                                 f"no place spelt '{text.name}' but the railway station of "
                                 f"that name (GeoNames {station.best.feature}): its settlement, "
                                 f"or {found.best.label} by a spelling of its name, "
                                 f"{apart:.0f} km apart"))

    def _natural_feature(self, text: PlaceText, hints: Hints) -> GeocodeResult | None:
        """A name no place bears, with no kind word: an island or a hill of that name."""
        if text.facility is not None or text.level != "any":
            return None
        return self._named_site(site_core(text.name), NATURAL_KINDS, hints, None)

    def _named_site(self, core: str, kinds, hints: Hints,
                    asked: str | None) -> GeocodeResult | None:
        """The GeoNames sites of the first of `kinds` named `core` (kind words removed) that
        serve the hints; `asked` is the kind the text named, if any."""
        for kind in kinds:
            key = site_key(kind, phonetic_key(core)) if core else ""
            postings = self._postings(key, None) if key else {}
            kept, note = self._filtered(list(postings), hints)
            if kept:
                cands = [self.place_candidate(p, postings[p]) for p in kept]
                result = decide(cands, f"GeoNames {kind.replace('_', ' ')}s named '{core}'")
                feature = self.index.feature_of(int(kept[0]))
                how = (f"GeoNames {feature} site named by its kind" if kind == asked
                       or asked == "any" else
                       f"no {asked.replace('_', ' ')} named '{core}' indexed: the "
                       f"{kind} of that name (GeoNames {feature})" if asked else
                       f"no place named '{core}': the {kind} of that name (GeoNames {feature})")
                return replace(result, note=join_notes(how, note, result.note))
        return None

    def _outside_hints(self, name: str, hints: Hints) -> GeocodeResult | None:
        """The region hint left no place: the places of that name elsewhere in the region's
        country, never more than `ambiguous` (the hint may be wrong, or the name another
        place's) and never settled by the file's other rows."""
        if hints.admin1 is None:
            return None
        loose = Hints(country=self._hinted_country(hints), strict_country=True,
                      anchor=hints.anchor)
        found = self._place_result(name, loose, "place") or self._fuzzy_result(name, loose)
        if found is None or found.best is None:
            return None
        return replace(found, status="ambiguous", confidence=found.confidence * 0.5,
                       settle=False, note=join_notes(
                           f"no '{name}' in the region given; the one(s) outside it, held as "
                           "ambiguous", found.note))

    def region_of_hint(self, admin1, country=None) -> Candidate | None:
        """The one first-level region an admin1 value names, if it names one."""
        code = self.index.country_code(country) if given(country) else None
        name = normalize_name(str(admin1))
        core, level = strip_level(name)
        spelt = name if self.index.admin1_names.find(name, exact_only=True) else core
        return regions.region_given(self, set(self._admin1_column(str(admin1), code)), spelt,
                                    worded=level == "admin1")

    def geocode_column(self, places, *, country=None, admin1=None, admin2=None,
                       default_country=None, use_file_context: bool = True) -> pd.DataFrame:
        """See `geocode_column`."""
        return geocode_column(self, places, country=country, admin1=admin1, admin2=admin2,
                              default_country=default_country, use_file_context=use_file_context)


def _around(result: GeocodeResult) -> GeocodeResult:
    """'near Kharkiv', 'south of Kharkiv': somewhere around the place (geo.geocoding.around)."""
    best = result.best
    precision = around.precision_around(best.precision)
    if precision == best.precision:
        return replace(result, note=join_notes(around.NOTE_KEPT, result.note))
    return replace(result, best=replace(best, precision=precision),
                   note=join_notes(around.NOTE, result.note))


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
