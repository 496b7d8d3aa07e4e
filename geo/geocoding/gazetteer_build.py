"""Building the gazetteer index: every source read, merged (gazetteer_merge), folded and
written as .npy arrays plus a JSON table of regions into a folder (see gazetteer.py).

Each place is filed under the phonetic key of each of its names: its own, its GeoNames
alternates, the OpenStreetMap names, and each Cyrillic name romanised in every scheme of
geo.geocoding.transliterate. A posting keeps a CRC of the exact normalised spelling and
flags: the place's own (primary) spelling, its own key, a current official name. Named sites
(airports, stations...) are filed only under "#kind#" + the key of their name without its
kind words, so "Pisky" never finds the Pisky railway station but "Pisky station" does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from geo.geocoding.gazetteer_merge import merge_places
from geo.geocoding.gazetteer_regions import admin1_containing, place_regions, region_tables
from geo.geocoding.gazetteer_sources import GazetteerSources
from geo.geocoding.hromadas import core_of_community
from geo.geocoding.normalize import name_hash, normalize_many, phonetic_keys
from geo.geocoding.place_text import SITE_KIND_OF_FEATURE, site_core, site_key, strip_level
from geo.geocoding.region_names import NameTable
from geo.geocoding.source_readers import (
    ADMIN2_FEATURES,
    HROMADA_FEATURE,
    QUARTER_FEATURES,
    read_cities500,
    read_geonames_dump,
    read_osm_places,
    read_postal,
)
from geo.geocoding.transliterate import romanisations

KEY_WIDTH = 48
ENDING = 4       # letters: a name misspelt at its start is found by its last ones
PRIMARY_SPELLING = 1   # post_flags bit: this posting's name is the place's own (primary) name
PRIMARY_KEY = 2        # post_flags bit: the place's own name has this posting's phonetic key
OFFICIAL = 4           # post_flags bit: a current official name (OSM name/name:uk, postal)
PRECISIONS = ("town", "site", "admin2")
SOURCES = ("geonames", "osm", "postal")
USABLE_NAME = re.compile("[\u0020-\u024f\u1e00-\u1eff\u0400-\u04ff\u2019\u02bc]+")


def read_sources(sources: GazetteerSources, progress: Callable[[str], None]):
    """(places, divisions: second-level and city districts) of every source file."""
    dumps, divisions = [], []
    for path in sources.dumps:
        progress(f"reading {path.name}")
        places, admin2 = read_geonames_dump(path)
        dumps.append(places)
        divisions.append(admin2)
    progress(f"reading {sources.cities_json.name}")
    cities = read_cities500(sources.cities_json)
    osm = [read_osm_places(p) for p in sources.osm]
    postal = [read_postal(p) for p in sources.postal]
    admin2 = (pd.concat(divisions, ignore_index=True) if divisions
              else cities.iloc[:0].copy())
    return dumps, cities, osm, postal, admin2


def build_index(sources: GazetteerSources, folder: Path,
                progress: Callable[[str], None] | None = None) -> None:
    progress = progress or (lambda message: None)
    dumps, cities, osm, postal, divisions = read_sources(sources, progress)
    admin1, admin1_names, countries, country_names = region_tables(sources)
    names = NameTable(admin1_names)
    admin1_at = {a["code"]: i for i, a in enumerate(admin1)}

    def admin1_code(texts: pd.Series, nations: pd.Series) -> pd.Series:
        codes = {}
        for text, nation in set(zip(texts, nations, strict=True)):
            if text in admin1_at:
                codes[text, nation] = text
                continue
            found = [a for a in names.find(_region_core(text))
                     if admin1[a]["country"] == nation]
            codes[text, nation] = admin1[found[0]]["code"] if len(found) == 1 else ""
        return pd.Series([codes[t, n] for t, n in zip(texts, nations, strict=True)],
                         index=texts.index, dtype=object)

    progress("merging places of every source")
    places = merge_places(dumps, cities, osm, postal, admin1_code)
    quarters = divisions[divisions.feature.isin(QUARTER_FEATURES)].reset_index(drop=True)
    communities = divisions[divisions.feature == HROMADA_FEATURE].reset_index(drop=True)
    divisions = divisions[divisions.feature.isin(ADMIN2_FEATURES)].reset_index(drop=True)
    # (an empty code is no raion's: 62 historic entries have none, and every place without
    # a raion had been filed under the last of them, the Crimean Khanate)
    admin2_at = {code: i for i, code in enumerate(divisions.admin2) if code}
    arrays = {
        "place_lat": places.lat.to_numpy(np.float64),
        "place_lon": places.lon.to_numpy(np.float64),
        "place_pop": places.population.to_numpy(np.int64),
        "place_size": places["size"].to_numpy(np.float32),
        "place_sources": places["sources"].to_numpy(np.uint8),
        "place_ref": np.array([f"{s}:{r}".encode() for s, r in
                               zip(places.source, places.ref, strict=True)]),
        "place_country": places.country.to_numpy().astype("S2"),
        "place_admin1": places.admin1.map(admin1_at).fillna(-1).to_numpy(np.int32),
        "place_admin2": places.admin2.map(admin2_at).fillna(-1).to_numpy(np.int32),
        "place_feature": places.feature.to_numpy().astype("S12"),
        "place_precision": places.precision.map(PRECISIONS.index).to_numpy(np.uint8),
        **_name_blob(places.name),
    }
    progress(f"folding the names of {len(places):,} places")
    arrays |= _postings(places)
    place_regions(arrays, admin1, countries, admin1_names, sources)
    admin2, admin2_names = _division_table(divisions, admin1_at)
    unplaced = [d for d in admin2 if d["admin1"] < 0]
    for entry, region in zip(unplaced, admin1_containing(
            sources, admin1, admin1_names, [d["lat"] for d in unplaced],
            [d["lon"] for d in unplaced]), strict=True):
        if region >= 0 and admin1[region]["country"] == entry["country"]:
            entry["admin1"] = region
    quarter, quarter_names = _division_table(quarters, admin1_at)
    hromada, hromada_names = _division_table(communities.assign(
        name=communities.name.map(core_of_community),
        alternates=communities.alternates.map(
            lambda names: ",".join(core_of_community(n) for n in str(names).split(",") if n))),
        admin1_at)
    for name, array in arrays.items():
        np.save(folder / f"{name}.npy", array)
    meta = {"admin1": admin1, "countries": countries, "admin1_names": names.tables(),
            "country_names": NameTable(country_names).tables(), "admin2": admin2,
            "admin2_names": admin2_names.tables(), "quarters": quarter,
            "quarter_names": quarter_names.tables(), "hromadas": hromada,
            "hromada_names": hromada_names.tables()}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def _division_table(divisions: pd.DataFrame, admin1_at: dict) -> tuple[list[dict], NameTable]:
    """Raions or city districts: one entry each, and the table of their names."""
    entries = [{"code": d.admin2, "name": d["name"], "country": d.country,
                "admin1": admin1_at.get(d.admin1, -1), "lat": d.lat, "lon": d.lon,
                "current": d.feature == "ADM2", "geonameid": d.ref, "feature": d.feature}
               for _, d in divisions.iterrows()]
    names = [(n, i) for i, d in divisions.iterrows() for n in _names_of(d)
             if n.isascii() or USABLE_NAME.fullmatch(n)]
    return entries, NameTable(names)


def _name_blob(names: pd.Series) -> dict[str, np.ndarray]:
    """Names as one UTF-8 byte array and end offsets (a fixed-width array would pad every
    name to the longest one: 40 MB instead of 4)."""
    encoded = [n.encode() for n in names]
    return {"place_names": np.frombuffer(b"".join(encoded), np.uint8),
            "place_name_end": np.cumsum([len(e) for e in encoded]).astype(np.int64)}


def _region_core(text: str) -> str:
    return strip_level(normalize_many([str(text)])[0])[0]


def _names_of(row) -> list[str]:
    return [row["name"]] + [a for a in str(row.alternates).split(",") if a]


def _place_names(places: pd.DataFrame) -> tuple[list[int], list[str], list[int], set[int]]:
    """(owner, raw name, index of the owner's primary name, postings that are official)."""
    owners, raws, first, official = [], [], [], set()
    columns = (places[c].to_numpy(dtype=object).tolist()   # (arrow strings iterate slowly)
               for c in ("name", "alternates", "official", "feature"))
    for i, (name, alternates, extra, feature) in enumerate(zip(*columns, strict=True)):
        first.append(len(raws))
        site = feature.decode() if isinstance(feature, bytes) else feature
        if site in SITE_KIND_OF_FEATURE:
            names = [name] + [a for a in str(alternates).split(",") if a.isascii() and a]
        else:
            names = [name] + [a for a in str(alternates).split(",") if a and a != name
                              and (a.isascii() or USABLE_NAME.fullmatch(a))
                              and not (len(a) <= 4 and a.isupper())]
        extra = [n for n in str(extra).split("|") if n]
        official.update(range(len(raws) + len(names), len(raws) + len(names) + len(extra)))
        official.add(len(raws))
        owners += [i] * (len(names) + len(extra))
        raws += names + extra
    return owners, raws, first, official


def _postings(places: pd.DataFrame) -> dict[str, np.ndarray]:
    """Key -> (place, CRC of the exact normalised name, flags) postings, key-sorted."""
    owners, raws, first, official = _place_names(places)
    for i, latin in enumerate(romanisations(raws)):
        for form in latin:
            if i in official:
                official.add(len(raws))
            owners.append(owners[i])
            raws.append(form)
    owner_of = np.array(owners, np.int64)
    is_official = np.zeros(len(raws), bool)
    is_official[list(official)] = True
    raw_code, unique_raw = pd.factorize(pd.Series(raws, dtype=object))
    norm_of_raw, unique_norm = pd.factorize(pd.Series(normalize_many(list(unique_raw)),
                                                      dtype=object))
    norm_code = norm_of_raw[raw_code]
    primary_norm = norm_code[np.array(first)]
    keys = np.array([k[:KEY_WIDTH] for k in phonetic_keys(list(unique_norm))], dtype=object)
    features = places.feature.to_numpy().astype(str)
    site_kind = pd.Series(features).map(SITE_KIND_OF_FEATURE).to_numpy(dtype=object)
    norm_names = np.array(list(unique_norm), dtype=object)
    kind = site_kind[owner_of]
    is_site = pd.notna(kind)
    posting_key = keys[norm_code]
    if is_site.any():
        cores = [site_core(n) for n in norm_names[norm_code[is_site]]]
        posting_key = posting_key.copy()
        posting_key[is_site] = [site_key(k, c)[:KEY_WIDTH]
                                for k, c in zip(kind[is_site], phonetic_keys(cores),
                                                strict=True)]
    frame = pd.DataFrame({"owner": owner_of, "norm": norm_code, "key": posting_key,
                          "official": is_official})
    frame = frame.groupby(["key", "owner", "norm"], sort=False).official.any().reset_index()
    key_code, unique_key = pd.factorize(frame.key, sort=True)
    order = np.lexsort((frame.owner.to_numpy(), key_code))
    owner, norm = frame.owner.to_numpy()[order], frame.norm.to_numpy()[order]
    key_code = key_code[order]
    primary_key = keys[primary_norm][owner]
    hashes = np.array([name_hash(n) for n in unique_norm], np.uint32)
    key_array = np.array(list(unique_key), f"S{KEY_WIDTH}")
    key_len = np.char.str_len(key_array).astype(np.uint8)
    endings = np.fromiter(map(ending_of, key_array.tolist()), np.int64, len(key_array))
    ending_order = np.argsort(endings, kind="stable")
    post_start = np.searchsorted(key_code, np.arange(len(unique_key) + 1)).astype(np.int32)
    sizes = places["size"].to_numpy(np.float32)[owner]
    return {
        "keys": key_array,
        "key_len": key_len,
        # the biggest place of each key: a loose spelling looks only among towns' keys
        "key_size": (np.maximum.reduceat(sizes, post_start[:-1]) if len(sizes)
                     else sizes),
        "ending_code": endings[ending_order],   # a misspelt name's keys by its last letters
        "ending_order": ending_order.astype(np.int32),
        "post_start": post_start,
        "post_place": owner.astype(np.int32),
        "post_hash": hashes[norm],
        "post_flags": ((norm == primary_norm[owner]) * PRIMARY_SPELLING
                       + (keys[norm] == primary_key) * PRIMARY_KEY
                       + frame.official.to_numpy()[order] * OFFICIAL).astype(np.uint8),
    }


def ending_of(key: bytes) -> int:
    """A key's last ENDING bytes, last first, as one number (shorter keys: zeros after)."""
    return int.from_bytes(key[:KEY_WIDTH][-ENDING:][::-1].ljust(ENDING, b"\0"), "big")
