"""The offline gazetteer index as the geocoder loads it: places, regions and countries.

Built once from its sources (geo.geocoding.gazetteer_sources lists them; gazetteer_build
builds) and cached as .npy arrays plus a JSON table of regions under
`<cache_dir>/gazetteer/<fingerprint>/`, or written where `python -m geo gazetteer build -o`
says. The fingerprint covers every source and the folding rules, so a change to any of them
rebuilds the index; loading memory-maps the large arrays (about 0.1 s). Places are found by
phonetic key (geo.geocoding.normalize): each posting keeps a CRC of the exact normalised name,
which tells an exact spelling from a folded variant, and flags (gazetteer_build).
"""

from __future__ import annotations

import functools
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from geo.errors import GeocodeError
from geo.geocoding.gazetteer_build import (
    KEY_WIDTH,
    OFFICIAL,
    PRECISIONS,
    PRIMARY_KEY,
    PRIMARY_SPELLING,
    build_index,
    ending_of,
)
from geo.geocoding.gazetteer_merge import SECTION_FEATURES
from geo.geocoding.gazetteer_sources import GazetteerSources
from geo.geocoding.normalize import normalize_many
from geo.geocoding.place_text import strip_level
from geo.geocoding.region_names import MIN_KEY_LENGTH, NameTable

__all__ = ["MIN_KEY_LENGTH", "OFFICIAL", "PRECISIONS", "PRIMARY_KEY", "PRIMARY_SPELLING",
           "GazetteerIndex", "GazetteerSources", "load_index", "source_label"]

ARRAYS = ("place_lat", "place_lon", "place_pop", "place_size", "place_sources", "place_ref",
          "place_country", "place_admin1", "place_admin2", "place_feature", "place_precision",
          "place_names", "place_name_end",
          "keys", "key_len", "key_size", "post_start", "post_place", "post_hash", "post_flags",
          "ending_code", "ending_order")
MAPPED = {"keys", "post_place", "post_hash", "post_flags", "place_names", "place_ref",
          "place_feature", "ending_code", "ending_order"}
CITY_POPULATION = 50_000
STALE_DAYS = 7   # an index of other sources built this long ago is removed
SOURCE_LABELS = {"geonames": "GeoNames", "osm": "OpenStreetMap", "postal": "GeoNames postal"}


class GazetteerIndex:
    """The loaded index: place arrays, the key -> postings table, regions and countries."""

    def __init__(self, folder: Path):
        self.folder = folder
        for name in ARRAYS:
            array = np.load(folder / f"{name}.npy", mmap_mode="r" if name in MAPPED else None)
            setattr(self, name, array.view(np.ndarray))  # np.memmap slicing is slow
        self.place_name_start = np.concatenate(([0], self.place_name_end[:-1]))
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.admin1 = meta["admin1"]
        self.admin2 = meta["admin2"]
        self.countries = {c["iso"]: c for c in meta["countries"]}
        self.iso3 = {c["iso3"]: c["iso"] for c in meta["countries"]}
        self.admin1_names = NameTable.from_tables(meta["admin1_names"])
        self.admin2_names = NameTable.from_tables(meta["admin2_names"])
        self.country_names = NameTable.from_tables(meta["country_names"])
        self.quarters = meta["quarters"]
        self.quarter_names = NameTable.from_tables(meta["quarter_names"])
        self.hromadas = meta["hromadas"]
        self.hromada_names = NameTable.from_tables(meta["hromada_names"])
        self.admin1_index = {a["code"]: i for i, a in enumerate(self.admin1)}
        self.admin2_at = {f"geonames:{d['geonameid']}": i for i, d in enumerate(self.admin2)}

    @functools.cached_property
    def settlements(self) -> np.ndarray:
        """Indexes of the places that are settlements: not named sites, not postal-code places
        (their points are weak). What reverse geocoding and the map's settlements draw on."""
        refs = self.place_ref
        first_letter = refs.view(np.uint8).reshape(len(refs), refs.dtype.itemsize)[:, 0]
        return np.flatnonzero((self.place_precision == PRECISIONS.index("town"))
                              & (first_letter != ord("p")))   # "postal:..."

    @functools.cached_property
    def cities(self) -> np.ndarray:
        """Indexes of the settlements of at least CITY_POPULATION people, not parts of one."""
        towns = self.settlements
        section = np.isin(self.place_feature[towns], [f.encode() for f in SECTION_FEATURES])
        return towns[(self.place_pop[towns] >= CITY_POPULATION) & ~section]

    def lookup(self, keys: list[str]) -> list[slice | None]:
        """Posting ranges of many phonetic keys at once (None where a key is unknown)."""
        wanted = np.array([k.encode()[:KEY_WIDTH] for k in keys], dtype=f"S{KEY_WIDTH}")
        found = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        hit = self.keys[found] == wanted
        return [slice(self.post_start[f], self.post_start[f + 1]) if h else None
                for f, h in zip(found.tolist(), hit.tolist(), strict=True)]

    def similar_keys(self, key: str, cutoff: float, limit: int = 3,
                     least_size: float = 0.0) -> list[tuple[str, float]]:
        """Keys spelt like `key` (same first 3 letters, length within 2), best first; with
        `least_size`, only keys of a place at least that big."""
        prefix = key[:3].encode()
        lo, hi = np.searchsorted(self.keys, np.array([prefix, prefix + b"\x7f"], self.keys.dtype))
        return self._similar_among(key, np.arange(lo, hi), cutoff, limit, least_size)

    def similar_keys_by_ending(self, key: str, cutoff: float, limit: int = 3,
                               least_size: float = 0.0) -> list[tuple[str, float]]:
        """Keys spelt like `key` with its last ENDING letters, length within 2, best first: a name
        misspelt at its start ('Karkiv', 'Homstomel')."""
        ending = ending_of(key.encode())
        lo, hi = np.searchsorted(self.ending_code, [ending, ending + 1])
        return self._similar_among(key, self.ending_order[lo:hi], cutoff, limit, least_size)

    def _similar_among(self, key: str, near: np.ndarray, cutoff: float,
                       limit: int, least_size: float = 0.0) -> list[tuple[str, float]]:
        near = near[np.abs(self.key_len[near].astype(int) - len(key)) <= 2]
        if least_size:
            near = near[self.key_size[near] >= least_size]
        # keys are ASCII: compared as bytes, only the few returned are decoded
        return [(k.decode(), s) for k, s, _ in process.extract(
            key.encode(), self.keys[near].tolist(), scorer=fuzz.ratio, score_cutoff=cutoff,
            limit=limit)]

    def name_of(self, i: int) -> str:
        start, end = int(self.place_name_start[i]), int(self.place_name_end[i])
        return self.place_names[start:end].tobytes().decode("utf-8")

    def ident_of(self, i: int) -> str:
        """'geonames:698379', 'osm:node/256617872', 'postal:UA 18000'."""
        return self.place_ref[i].decode()

    def feature_of(self, i: int) -> str:
        return self.place_feature[i].decode()

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


def source_label(ref: bytes) -> str:
    """'GeoNames' of b'geonames:698379'."""
    return SOURCE_LABELS.get(ref.split(b":", 1)[0].decode(), "gazetteer")


def say(message: str) -> None:
    print(f"gazetteer: {message}", file=sys.stderr, flush=True)


def index_folder(cache_dir: Path, sources: GazetteerSources) -> Path:
    return Path(cache_dir) / "gazetteer" / sources.fingerprint()


def load_index(cache_dir: Path, sources: GazetteerSources, progress=say) -> GazetteerIndex:
    """The cached index for `sources`, built first if the cache has none (or a stale one)."""
    folder = index_folder(cache_dir, sources)
    if (folder / "meta.json").exists():
        try:
            return GazetteerIndex(folder)
        except (OSError, ValueError, KeyError):
            shutil.rmtree(folder, ignore_errors=True)  # a damaged cache: build it again
    progress(f"building the index into '{folder}' (once, about a minute)")
    write_index(sources, folder, progress)
    remove_stale_indexes(folder)
    return GazetteerIndex(folder)


def remove_stale_indexes(folder: Path, now: float | None = None) -> None:
    """Remove the indexes of other sources built over STALE_DAYS ago. Younger ones stay: two
    versions of the app sharing one cache (an upgrade under way, a second clone) would
    otherwise delete each other's index and rebuild it at every start."""
    cutoff = (time.time() if now is None else now) - STALE_DAYS * 86_400
    for stale in folder.parent.iterdir():
        if stale != folder and not stale.name.startswith("building-") \
                and stale.stat().st_mtime < cutoff:
            shutil.rmtree(stale, ignore_errors=True)


def write_index(sources: GazetteerSources, folder: Path, progress=say) -> None:
    """Build into a staging folder beside `folder`, then move it in place (never half-written)."""
    staging = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="building-", dir=folder.parent))
        build_index(sources, staging, progress)
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    except OSError as error:
        raise GeocodeError(f"Cannot write the gazetteer index in '{folder.parent}': {error}; "
                           "set INCIDENT_MAP_CACHE to a writable folder with 200 MB free"
                           ) from error
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
