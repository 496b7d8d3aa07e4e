"""Place texts of more than one name ("X, Y", "X district of Y", "Y, X"): which name is the
place and which the town or region it lies in. 'Pozniaky, Kyiv' and 'Kirov, Donetsk' name a
part of the town; 'Kyiv, Borodyanka' names the bigger unit first; 'X district, Kharkiv'
may be a raion or a part of the city; 'X, Y' with X not found is placed at Y."""

from __future__ import annotations

import re
from dataclasses import replace

from geo.geocoding import regions
from geo.geocoding.gazetteer_merge import SECTION_FEATURES
from geo.geocoding.hromadas import hromada_result, says_hromada
from geo.geocoding.place_lookup import PlaceLookup
from geo.geocoding.place_text import PlaceText
from geo.geocoding.quarters import QUARTER_KM, may_name_a_part, part_of_town
from geo.geocoding.results import (
    CONFIDENT,
    SAME_PLACE_KM,
    Candidate,
    GeocodeResult,
    Hints,
    distance_km,
    join_notes,
)

CAPITALS = ("PPLA", "PPLC")   # a region's capital, named as its region is
# what lies in a region, not in its capital: "Kakhovka Reservoir, Kherson" is no part of the city
NATURE = re.compile(r"\b(?:reservoir|river|lake|canal|sea|bay|gulf|estuary|liman|lagoon|spit|"
                    r"forest|island|steppe|coast|valley|border|front|frontline|direction)\b")


class CompoundPlaces(PlaceLookup):
    """The readings of a place text of several names, for the geocoder."""

    def _bigger_first(self, text: PlaceText, hints: Hints) -> GeocodeResult | None:
        """'Kyiv, Borodyanka', 'Kharkiv, Saltovka district': the bigger unit first. A town
        named like its region, then a place of that region (Borodianka, not Kyiv city 47 km
        away); or a town, then a part of it (a section of the town is a part, not a place)."""
        if (len(text.context) != 1 or text.quarter or text.near or text.facility
                or text.level not in ("any", "place")):
            return None
        inner = text.context[0]
        if (inner.near or inner.context or inner.level not in ("any", "place", "admin2")
                or self.index.country_named(inner.name)):
            return None
        named = regions.admin1_hint(self, text.name, hints.country)
        if not named and not may_name_a_part(self, inner.full):
            return None
        town = self.place_only(text.name, Hints(country=hints.country, admin1=hints.admin1))
        if town is None or town.status not in CONFIDENT or town.best.kind != "place":
            return None
        if self._bigger_town(inner, town.best, hints):   # "Saltivka, Kharkiv": smaller first
            return None
        inside = self._place_of_region(named, inner, town.best, hints)
        if (inside is not None and inside.status in CONFIDENT
                and inside.best.feature not in SECTION_FEATURES):
            found = inside
        else:
            found = part_of_town(self, town, inner.full) or inside
        if found is None:
            return None
        hints.notes[:] = [n for n in hints.notes if not n.startswith(f"'{inner.full}' ")]
        if found is not inside:
            return found
        return replace(found, note=join_notes(
            f"'{text.head}, {inner.full}' read as {inner.full} in the {text.head} region",
            found.note))

    def _place_of_region(self, named: set[int], inner: PlaceText, town: Candidate,
                         hints: Hints) -> GeocodeResult | None:
        """`inner` among the places of the regions `named` (by the town), away from it."""
        if inner.level == "admin2" or not named or (hints.admin1 and not named & hints.admin1):
            return None
        inside = self.place_only(inner.name, Hints(country=hints.country, admin1=named))
        if (inside is None or inside.best.kind != "place"
                or distance_km(inside.best, town) <= SAME_PLACE_KM):
            return None
        return inside

    def _district(self, text: PlaceText, hints: Hints) -> GeocodeResult | None:
        """'X district': the raion of that name, or a part of the town the context names when
        no raion of that name lies by the town ('Kalmiuskyi district, Mariupol' is the city's;
        'Kharkivskyi district, Kharkiv' is the raion around the city)."""
        if says_hromada(text.qualifier):
            # one GeoNames does not list is its centre town's (geocoder: at precision
            # admin2), never the raion named alike, five times its size
            return hromada_result(self, text.name, hints)
        raion = regions.admin2_result(self, text.name, hints)
        part = self._part_of_town(text, hints)
        if part is None or raion is None or raion.best is None:
            return part or raion
        return raion if distance_km(raion.best, part.others[0]) <= QUARTER_KM else part

    def _bigger_town(self, inner: PlaceText, town: Candidate, hints: Hints) -> bool:
        """Is `inner` itself a town bigger than `town` (so "town, inner" is smaller first)?"""
        other = self.place_only(inner.name, Hints(country=hints.country))
        return (other is not None and other.status in CONFIDENT and other.best.kind == "place"
                and other.best.population > town.population)

    def _part_of_capital(self, text: PlaceText, hints: Hints) -> GeocodeResult | None:
        """'Kirovsky, Donetsk': Y names a region and its capital alike; the one part of that
        city named X is X (Bellingcat's districts of Donetsk and Luhansk were held ambiguous
        among the oblast's villages of names like theirs)."""
        if (len(text.context) != 1 or text.level != "any" or text.quarter or text.facility
                or hints.admin1 is None or text.context[0].level != "any"
                or not may_name_a_part(self, text.name)):
            return None
        return self._part_of_town(text, hints)

    def _part_of_town(self, text: PlaceText, hints: Hints) -> GeocodeResult | None:
        """'Kyivskyi district, Donetsk', 'Kirov, Donetsk': a part of the town named in the
        context (a city district, a section), only when the town has one of that name."""
        if len(text.context) != 1 or text.quarter or text.context[0].level not in ("any",
                                                                                    "place"):
            return None
        town = self.place_only(text.context[0].name, Hints(country=hints.country,
                                                           admin1=hints.admin1))
        if town is None or town.status not in CONFIDENT or town.best.kind != "place":
            return None
        return part_of_town(self, town, text.name)

    def _capital_named(self, name: str, hints: Hints) -> Candidate | None:
        """The region's capital a context names with the region alike ('Babyn Yar, Kyiv',
        'Korabel microdistrict (Kherson)': a part of the city, not somewhere in the oblast,
        whose point lay 60-70 km off), unless the text says region."""
        town = self.place_only(name, Hints(country=hints.country, admin1=hints.admin1))
        if (town is None or town.status not in CONFIDENT or town.best.kind != "place"
                or town.best.feature not in CAPITALS):
            return None
        return town.best

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
        if (hints.anchor is None and text.context[0].level == "any" and not text.context[0].near
                and not NATURE.search(text.head)):
            hints = replace(hints, anchor=self._capital_named(text.context[0].name, hints))
        if hints.anchor is not None:
            best = replace(hints.anchor, precision="admin2", status="alias")
            return GeocodeResult("alias", best, (), 0.5, f"{what}, precision admin2")
        best = regions.region_given(self, hints.admin1 or set(), text.context[0].name)
        return GeocodeResult("alias", best, (), 0.5, f"{what}, the region") if best else None
