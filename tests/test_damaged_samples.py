"""Every real sample of tests/data, damaged at random (cut short, bytes changed, a quote,
line break, NUL, formula, brace or huge number put in, a stretch repeated), through the
whole import (read, preview, commit): it is imported or refused with the project's error,
never a traceback. Seeded, so a failure names a file and a mutation that repeats."""

from __future__ import annotations

import random
import warnings

import pytest

from geo.errors import IncidentMapError
from geo.importing.pipeline import ImportOptions, commit_import, preview_import, read_upload
from tests.support.files import TEST_DATA
from tests.support.geocoding import session_geocoder

TRIALS = 20
SUFFIXES = (".csv", ".json", ".geojson", ".zip", ".xlsx", ".kml", ".kmz", ".gpkg",
            ".parquet", ".fgb", ".gpx")
INSERTS = (b'"', b"\n", b",", b"\x00", b"\xff\xfe", b"=cmd|' /C calc'!A0", b"{", b"]", b"<",
           b"&", b"NaN", b"1e309", b"-999999999999")
SAMPLES = sorted(p for p in TEST_DATA.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                 and "accuracy" not in p.name)


def damaged(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    copy = bytearray(data)
    kind = rng.choice(("cut", "change", "insert", "repeat"))
    if kind == "cut":
        copy = copy[:rng.randrange(1, len(copy))]
    elif kind == "change":
        for _ in range(rng.randint(1, 8)):
            copy[rng.randrange(len(copy))] = rng.randrange(256)
    elif kind == "insert":
        at = rng.randrange(len(copy))
        copy[at:at] = rng.choice(INSERTS)
    else:
        start = rng.randrange(len(copy))
        end = min(len(copy), start + rng.randint(1, 200))
        copy[end:end] = copy[start:end]
    return kind, bytes(copy)


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    return session_geocoder(tmp_path_factory)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_a_damaged_sample_is_imported_or_refused_with_the_projects_error(sample, store,
                                                                        geocoder):
    rng = random.Random(sample.name)
    data = sample.read_bytes()
    for trial in range(TRIALS):
        kind, copy = damaged(data, rng)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")   # GDAL's notes on what it could not parse
                raw = read_upload(copy, sample.name)
                preview = preview_import(raw, store, ImportOptions(default_country="UA"),
                                         geocoder=lambda: geocoder)
                commit_import(preview, store)
        except IncidentMapError:
            continue
        except Exception as error:   # the test is that nothing else gets here
            pytest.fail(f"{sample.name}, trial {trial} ({kind}): {type(error).__name__}: "
                        f"{error}")


@pytest.mark.parametrize("name", ["events.json", "strikes.geojson", "map.umap",
                                  "keplergl.json"])
def test_json_nested_too_deep_to_parse_is_refused_by_name(name):
    deep = b"[" * 100_000 + b"]" * 100_000
    if name != "events.json":
        deep = b'{"type": "FeatureCollection", "features": ' + deep + b"}"
    with pytest.raises(IncidentMapError) as error:
        read_upload(deep, name)
    assert f"'{name}' nests its JSON too deep to read" in str(error.value)


def test_a_missing_column_message_lists_the_first_columns_of_a_wide_file(store):
    # as wide as a file is read (geo.importing.readers: 1,000 columns; wider is refused)
    header = ",".join(f"c{i}" for i in range(1_000))
    raw = read_upload(f"{header}\n{header}\n".encode(), "wide.csv")
    with pytest.raises(IncidentMapError) as error:
        preview_import(raw, store, ImportOptions())
    assert "c39 and 960 more" in str(error.value) and len(str(error.value)) < 2_000
