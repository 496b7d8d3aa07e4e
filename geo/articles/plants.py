"""Power plants the text names for a town or a region ("the Zaporizhzhia NPP", "Kharkiv
TPP-5", "the Burshtynska TPP"), found in the register of power plants
(data/context_power_plants.csv, from the WRI Global Power Plant Database).

A plant's name is not where it stands: the Zaporizhzhia nuclear plant is at Enerhodar, 50 km
from the city, Kharkiv TPP-5 outside Kharkiv. The register spells the names its own way
("Zaporozhye", "Karkov CHP-5", "Kurakhov power station"), so a name is compared by its
consonants after the geocoder's phonetic key, one letter apart at most; the kind of plant
the text names (nuclear, hydro, thermal) and its number must agree (a hydro plant named with
no number is any of its numbered stations).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from geo.geocoding.geodesy import haversine_km
from geo.geocoding.normalize import normalize_name, phonetic_key

SAME_PLANT_KM = 30.0     # two register rows of one name this near: one plant (its units)
SHORT_KEY = 4            # consonants: a shorter name must be spelt the same
# letters: a name this long spelt one letter apart is the same name ('Kalinin', the register's
# 'Kalinn': its key 'kln' is too short to be compared loosely)
LONG_SPELLING = 6
TOWN_KM = 100.0          # a plant named for a town stands this near it (Zaporizhzhia: 50 km)
HEAD_FUEL = ((re.compile(r"\b(?:npp|nuclear)\b"), {"nuclear"}),
             (re.compile(r"\b(?:hpp|hydro\w*)\b"), {"hydro"}),
             (re.compile(r"\b(?:tpp|chp|tets|tes|thermal|gres)\b"), {"coal", "gas", "oil"}))
REGISTER_WORDS = {"power", "station", "plant", "chp", "hpp", "tpp", "npp", "es", "tec", "tets"}
NUMBER = re.compile(r"[-\s](\d{1,2})\b")
# Ukrainian adjectives of a town ("Burshtynska", "Kurakhivska", "Zaporizka") and the noun
ADJECTIVE_KEY = re.compile(r"sk?q?$|kq?$")


@dataclass(frozen=True)
class Plant:
    site_id: str
    name: str
    fuels: frozenset[str]
    number: str
    country: str
    latitude: float
    longitude: float
    key: str
    spelling: str = ""      # the name's letters: 'kalinn' for the register's 'Kalinn NPP'


def _key(name: str) -> str:
    """Consonants of a name's phonetic key, its adjective ending dropped: 'Burshtynska' and
    'Burshtyn' -> 'brshtn', 'Zaporozhye' and 'Zaporizhzhia' -> 'zprzh'."""
    key = phonetic_key(normalize_name(name))
    stem = ADJECTIVE_KEY.sub("", key)
    return re.sub(r"[aeiouq]", "", stem if len(stem) >= SHORT_KEY else key)


def _core(name: str) -> tuple[str, str]:
    """A register name without its kind words and its number: 'Karkov CHP-5' -> ('Karkov',
    '5'), 'Rivne (Rouno)' -> ('Rivne', '')."""
    name = re.sub(r"\(.*?\)", " ", name)
    number = NUMBER.search(name)
    if number:
        name = name[:number.start()] + " " + name[number.end():]
    words = [w for w in name.split() if w.lower() not in REGISTER_WORDS]
    return " ".join(words), number.group(1) if number else ""


@functools.lru_cache(maxsize=4)
def _read(path: Path, stamp: int) -> tuple[Plant, ...]:
    plants = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("kind") != "power_plant" or not row.get("latitude"):
                continue
            core, number = _core(row["name"])
            fuel = row.get("notes", "").split(",")[0].strip().lower()
            plants.append(Plant(row["site_id"], row["name"], frozenset([fuel] if fuel else []),
                                number, row["country"], float(row["latitude"]),
                                float(row["longitude"]), _key(core), normalize_name(core)))
    return tuple(plants)


def read_plants(path: Path) -> tuple[Plant, ...]:
    """The register's power plants with a point; none when the file is not there."""
    if not path.exists():
        return ()
    return _read(path, path.stat().st_mtime_ns)


def _one_apart(a: str, b: str) -> bool:
    """At most one letter replaced, added or dropped."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _fuels(facility: str) -> set[str]:
    words = normalize_name(facility)
    return next((fuels for pattern, fuels in HEAD_FUEL if pattern.search(words)), set())


def find_plant(plants: tuple[Plant, ...], facility: str, name: str, text: str,
               country: str = "", town: tuple[float, float] | None = None) -> Plant | None:
    """The register's plant of `name` and the kind `facility` words say ('TPP', 'nuclear
    power plant'), numbered as `text` numbers it ('TPP-5'); of plants so named far apart
    (Kursk and Krsko), the one near `town`, the place the name is; None when none is, or
    when two far apart still are."""
    key, fuels, spelling = _key(name), _fuels(facility), normalize_name(name)
    number = NUMBER.search(text[text.lower().find(facility.lower()):] if facility else "")
    wanted = number.group(1) if number else ""
    # a hydro plant's numbered stations are one plant on one dam: 'the Dnipro HPP' is the
    # register's 'Dneipro HPP 2' (a thermal plant's number is a plant of its own: CHP-5, CHP-6)
    any_number = not wanted and fuels == {"hydro"}
    found = [p for p in plants if (not country or p.country == country)
             and (not fuels or p.fuels & fuels) and (p.number == wanted or any_number)
             and (p.key == key or (min(len(key), len(p.key)) >= SHORT_KEY
                                   and _one_apart(p.key, key))
                  or (min(len(spelling), len(p.spelling)) >= LONG_SPELLING
                      and _one_apart(p.spelling, spelling)))]
    exact = [p for p in found if p.key == key]
    found = exact or found
    if town is not None and _apart(found):
        found = [p for p in found if haversine_km(*town, p.latitude, p.longitude) <= TOWN_KM]
    if not found or _apart(found):
        return None
    return found[0]


def _apart(found: list[Plant]) -> bool:
    """Are some of these plants too far from the first to be its units?"""
    return any(haversine_km(found[0].latitude, found[0].longitude, p.latitude, p.longitude)
               > SAME_PLANT_KM for p in found[1:])


def titled_by_town(proposals: list, absorb) -> list:
    """'IAEA says drone strike at Zaporizhzhia' over a text about 'the Zaporizhzhia nuclear
    power plant': a title names the plant by the town it is named for. A town proposal told
    only in titles joins (`absorb(into, other)`) the plant of that name proposed at the same
    time; one the body tells stays a place of its own."""
    plants = [p for p in proposals if p.place.kind == "power_plant" and p.place.site_id
              and p.place.ref.facility_name]
    kept = list(proposals)
    for town in [p for p in proposals if p.place.precision == "town" and p.place.ref.parts
                 and all(e.sentence.heading for e in p.events)]:
        key = _key(town.place.ref.parts[0].name)
        plant = next((p for p in plants if p.category == town.category
                      and _key(p.place.ref.facility_name) == key
                      and p.interval.overlaps(town.interval)), None)
        if plant is not None:
            absorb(plant, town)
            kept.remove(town)
    return kept
