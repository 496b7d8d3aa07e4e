"""The project's sites register as the geocoder sees it: named sites with a point, found by
name, alias, or a facility word with a place ("Kremenchug refinery")."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from geo.errors import GeocodeError
from geo.geocoding.around import precision_around
from geo.geocoding.normalize import normalize_name
from geo.geocoding.place_text import PlaceText
from geo.geocoding.results import (
    Candidate,
    GeocodeResult,
    Hints,
    PlaceResolver,
    distance_km,
    join_notes,
)
from geo.records import coerce_sites

SITE_NEAR_KM = 30.0        # "refinery in X": register sites this near the place X


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

    def match(self, text: PlaceText, hints: Hints, geocoder: PlaceResolver) -> GeocodeResult | None:
        for form in (*_site_forms(text.head), *_site_forms(text.full)):
            if form in self.names:
                return GeocodeResult(self.names[form][1], self.candidate(*self.names[form]))
        if text.facility is None or self.frame.empty:
            return None
        rows = [i for i, kind in enumerate(self.frame.kind) if text.facility in ("any", kind)]
        place = geocoder.place_only(text.name, hints) if text.name else None
        extra = []
        if text.name and place is None:
            place, extra = _town_first(text.name, hints, geocoder)
        if text.name and (place is None or extra):
            # not a place: an operator or a site's own words ("Azot", "coke")
            words = extra or text.name.split()
            rows = [i for i in rows if set(words) <= set(self.words[i])]
        where = place.best if place and place.best else hints.anchor
        if where is not None and where.latitude is not None:
            rows = [i for i in rows
                    if distance_km(self.candidate(i, "alias"), where) <= SITE_NEAR_KM]
        elif hints.admin1 is not None:
            rows = [i for i in rows if geocoder.admin1_ids(
                normalize_name(self.frame.admin1[i]), self.frame.country[i]) & hints.admin1]
        elif hints.country:
            rows = [i for i in rows if self.frame.country[i] == hints.country]
        elif not text.name:
            return None
        if rows:
            result = geocoder.decide([self.candidate(i, "alias") for i in rows],
                                     f"register sites for '{text.full}'")
            return replace(result, note=join_notes(
                f"{text.facility.replace('_', ' ')} found by kind and place", result.note))
        if place is not None:
            kind = "facility" if text.facility == "any" else text.facility.replace("_", " ")
            if extra:   # "Avdiivka coke plant": a site the town is named in, somewhere by it
                return replace(place, best=replace(
                    place.best, precision=precision_around(place.best.precision)),
                    note=join_notes(f"no {' '.join(extra)} {kind} of the sites register or "
                                    f"GeoNames: placed at {place.best.label.split(',')[0]}, "
                                    "the town its name begins with, precision "
                                    f"{precision_around(place.best.precision)}", place.note))
            return replace(place, note=join_notes(
                f"no {kind} of the sites register there; placed at the town", place.note))
        return None


def _town_first(name: str, hints: Hints, geocoder: PlaceResolver):
    """('Avdiivka', ['coke']) of 'avdiivka coke' (a plant's name): the longest run of leading
    words that is a place found with no doubt, and the words after it; (None, []) if none."""
    words = name.split()
    for end in range(len(words) - 1, 0, -1):
        found = geocoder.place_only(" ".join(words[:end]), hints)
        if found is not None and found.status in ("exact", "alias"):
            return found, words[end:]
    return None, []


def _site_forms(normalized: str) -> tuple[str, ...]:
    bare = normalized.removeprefix("the ").removeprefix("a ").removeprefix("an ")
    return (normalized, bare) if bare != normalized else (normalized,)
