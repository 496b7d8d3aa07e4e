"""The gazetteer's sources and index: the standard GeoNames files read as GeoNames writes them,
the sources merged into one place each, the fingerprint that rebuilds on change, the
settlements of a bounding box, and `python -m geo gazetteer`."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import time
import zipfile

import numpy as np
import pytest

from geo.errors import GeocodeError
from geo.geocoding.gazetteer import STALE_DAYS, remove_stale_indexes
from geo.geocoding.gazetteer_sources import GazetteerSources
from geo.geocoding.settlements import settlements_in_bbox
from geo.geocoding.source_readers import read_geonames_dump, read_osm_places, read_postal
from geo.settings import DATA_DIR, PROJECT_ROOT
from tests.support.geocoding import session_geocoder, session_settings

GAZETTEER = DATA_DIR / "gazetteer"


@pytest.fixture(scope="session")
def index(tmp_path_factory):
    return session_geocoder(tmp_path_factory).index


def test_the_shipped_geonames_dump_reads_every_populated_place_raion_and_city_district():
    places, divisions = read_geonames_dump(GAZETTEER / "geonames" / "UA.zip")
    raions = divisions[divisions.feature.str.startswith("ADM2")]
    districts = divisions[divisions.feature.str.startswith("ADM3")]
    populated = places.feature.str.startswith("PPL")
    assert populated.sum() == 33_681                 # data/gazetteer/geonames/UA.zip's class P
    assert set(raions.feature) == {"ADM2", "ADM2H"} and len(raions) == 583
    assert len(districts) == 402 and "697287" in set(districts.ref)   # Donetsk's Petrovsky
    assert not districts.name.str.contains("Hromada").any()   # 2020 communities are not parts
    communities = divisions[divisions.feature == "HROMADA"]    # ...but hromadas of their own
    assert len(communities) == 1395 and communities.name.str.lower().str.contains("hromada").all()
    natural = places.feature.isin(["ISL", "HLL", "MT", "PK"])   # islands, hills: town-wide
    assert set(places.loc[~populated & ~natural, "precision"]) == {"site"}
    assert set(places.loc[natural, "precision"]) == {"town"} and natural.sum() > 500
    assert (places.loc[populated, "precision"] == "town").all()
    airport = places[places.ref == "6300953"].iloc[0]
    assert (airport["name"], airport.feature) == ("Donetsk International Airport", "AIRP")
    assert places.admin2.str.match(r"^(UA\.\d\d\.\w+)?$").all()


def test_a_dump_a_user_adds_reads_as_txt_gz_or_zip(tmp_path):
    with zipfile.ZipFile(GAZETTEER / "geonames" / "UA.zip") as archive:
        lines = archive.read("UA.txt").decode("utf-8").splitlines()
    rows = [line for line in lines if "\tP\tPPL" in line][:3]   # three real dump rows
    plain = tmp_path / "XX.txt"
    plain.write_text("\n".join(rows) + "\n", encoding="utf-8")
    packed = tmp_path / "XX.txt.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    zipped = tmp_path / "XX.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(plain, "XX.txt")
        archive.writestr("readme.txt", "GeoNames readme")
    for path in (plain, packed, zipped):
        places, _ = read_geonames_dump(path)
        assert places["name"].tolist() == [row.split("\t")[1] for row in rows], path.name


def test_a_file_that_is_not_a_dump_is_the_projects_error(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(GeocodeError, match=r"notes\.txt"):
        read_geonames_dump(bad)
    empty = tmp_path / "two.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("a.txt", "")
        archive.writestr("b.txt", "")
    with pytest.raises(GeocodeError, match="one data file"):
        read_geonames_dump(empty)


def test_postal_places_are_romanised_and_shared_points_are_not_town_precise():
    places = read_postal(GAZETTEER / "postal" / "UA.txt.gz")
    assert places.name.str.isascii().all()
    cherkasy = places[places.alternates == "Черкаси"].iloc[0]
    assert cherkasy["name"] == "Cherkasy" and cherkasy.admin1 == "UA.01"
    shared = places.groupby(["lat", "lon"]).name.transform("nunique") >= 3
    assert (places.loc[shared, "precision"] == "admin2").all()
    russian = read_postal(GAZETTEER / "postal" / "RU.csv.gz")
    assert (russian.country == "RU").all() and russian.name.str.isascii().all()


def test_osm_nodes_keep_their_ukrainian_name():
    nodes = read_osm_places(GAZETTEER / "osm" / "ua_settlements_with_regions.csv.gz")
    assert (nodes.country == "UA").all() and nodes.feature.str.startswith("OSM_").all()
    kyiv = nodes[nodes["name"] == "Kyiv"].iloc[0]
    assert kyiv.alternates == "Київ" and kyiv.feature == "OSM_city"


def test_sources_merge_into_one_place_each(index):
    refs = np.char.partition(index.place_ref, b":")[:, 0]
    ukraine = index.place_country == b"UA"
    assert (refs[ukraine] == b"geonames").sum() >= 33_000
    confirmed = (index.place_sources >= 2) & ukraine
    assert confirmed.sum() > 20_000            # GeoNames villages OpenStreetMap also has
    assert 0 < (refs[ukraine] == b"osm").sum() < 5_000    # OSM nodes GeoNames lacks
    assert (refs == b"postal").sum() > 0


def test_adding_a_source_file_changes_the_fingerprint(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(GAZETTEER, data / "gazetteer")
    before = GazetteerSources.from_data_dir(data)
    shutil.copy(GAZETTEER / "geonames" / "UA.zip", data / "gazetteer" / "geonames" / "MD.zip")
    after = GazetteerSources.from_data_dir(data)
    assert len(after.dumps) == len(before.dumps) + 1
    assert after.fingerprint() != before.fingerprint()
    (data / "gazetteer" / "aliases.csv").unlink()
    with pytest.raises(GeocodeError, match=r"aliases\.csv"):
        after.fingerprint()


def test_settlements_in_a_box_largest_first_without_sites_or_postal_points(index):
    kyiv = settlements_in_bbox(30.2, 50.3, 30.8, 50.6, index=index)
    assert kyiv["ident"].iat[0] == "geonames:703448"
    assert list(kyiv.columns) == ["name", "latitude", "longitude", "feature", "population",
                                  "size", "ident"]
    assert kyiv["latitude"].between(50.3, 50.6).all() and kyiv["longitude"].between(
        30.2, 30.8).all()
    assert not kyiv["ident"].str.startswith("postal:").any()
    assert not kyiv["feature"].isin(["AIRP", "RSTN", "PS"]).any()
    assert (np.diff(kyiv["size"].to_numpy()) <= 0).all()
    assert len(settlements_in_bbox(30.2, 50.3, 30.8, 50.6, index=index, limit=5)) == 5
    across = settlements_in_bbox(179.0, 60.0, -179.0, 70.0, index=index)
    assert ((across.longitude >= 179.0) | (across.longitude <= -179.0)).all()
    with pytest.raises(GeocodeError, match="south <= north"):
        settlements_in_bbox(30.0, 51.0, 31.0, 50.0, index=index)


def test_the_gazetteer_verb_describes_the_index(tmp_path_factory):
    session_geocoder(tmp_path_factory)
    env = dict(os.environ, INCIDENT_MAP_CACHE=str(session_settings(tmp_path_factory).cache_dir))
    done = subprocess.run([sys.executable, "-m", "geo", "gazetteer", "info"], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "UA.zip" in done.stdout and "places" in done.stdout and "MB on disk" in done.stdout
    wrong = subprocess.run([sys.executable, "-m", "geo", "gazetteer", "rebuild-all"],
                           cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                           timeout=120)
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr


def test_indexes_of_other_sources_go_only_once_a_week_old(tmp_path):
    """Two versions of the app sharing one cache keep each other's index for a week, instead
    of deleting it and rebuilding their own at every start."""
    current, recent, old = (tmp_path / name for name in ("current", "recent", "old"))
    building = tmp_path / "building-x1"
    for folder in (current, recent, old, building):
        folder.mkdir()
    week_ago = time.time() - STALE_DAYS * 86_400 - 60
    for folder in (old, building):
        os.utime(folder, (week_ago, week_ago))
    remove_stale_indexes(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["building-x1", "current", "recent"]
