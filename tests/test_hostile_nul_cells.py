"""NUL characters in the text cells of Parquet and GeoPackage files (CSV refuses the file,
JSON marks its '\\u0000' escapes): from Parquet the NUL was stored as it came (PostgreSQL
refuses one), from a GeoPackage GDAL cut the text at it and the rest was lost without a
word. Each NUL is stored as its mark, the text after it kept, and the notes say so."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from geo.commands._cli import main
from tests.support.database import scalar

ROW = {"date": ["2025-08-01"], "place": ["Kyiv"], "description": ["strike"]}


def parquet_file(tmp_path):
    path = tmp_path / "strikes.parquet"
    pd.DataFrame({**ROW, "latitude": [50.45], "longitude": [30.52], "place": ["Ky\x00iv"],
                  "description": ["hit\x00 the depot"]}).to_parquet(path)
    return path


def geopackage_file(tmp_path):
    """A GeoPackage whose text holds NULs, as a program writing SQLite directly stores them
    (GDAL itself cuts them on writing)."""
    path = tmp_path / "strikes.gpkg"
    gpd.GeoDataFrame(ROW, geometry=[Point(30.52, 50.45)], crs=4326).to_file(path)
    with sqlite3.connect(path) as db:
        for function in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
            db.create_function(function, 1, lambda _: 0)  # GDAL's triggers call them
        db.execute("UPDATE strikes SET place = ?, description = ?",
                   ("Ky\x00iv", "hit\x00 the depot"))
    return path


@pytest.mark.parametrize("make", [parquet_file, geopackage_file])
def test_a_nul_in_a_cell_is_stored_as_its_mark_and_nothing_after_it_is_lost(tmp_path, capsys,
                                                                             database_url,
                                                                             make):
    """On PostgreSQL, which refuses a NUL in text, as on SQLite."""
    assert main(["import", str(make(tmp_path)), "--db", database_url]) == 0
    said = capsys.readouterr().out
    assert "1 added" in said and "2 NUL character(s)" in said and "‹U+0000›" in said, said
    where = "WHERE date_start = '2025-08-01' AND description LIKE 'hit%'"
    assert scalar(database_url, f"SELECT place FROM incidents {where}") == "Ky‹U+0000›iv"
    assert scalar(database_url, f"SELECT description FROM incidents {where}") == \
        "hit‹U+0000› the depot"


def test_bytes_that_are_no_utf8_in_a_binary_cell_are_stored_as_their_marks(tmp_path, capsys):
    """A Parquet table's binary column: each byte that was no UTF-8 became '�', which says
    neither that there was one nor which."""
    path = tmp_path / "strikes.parquet"
    pd.DataFrame({**ROW, "latitude": [50.45], "longitude": [30.52],
                  "description": [b"\xff\xfe strike"], "place": ["Київ".encode()]}).to_parquet(path)
    db = tmp_path / "store.sqlite"
    assert main(["import", str(path), "--db", str(db)]) == 0, capsys.readouterr()
    url = f"sqlite:///{db}"
    assert scalar(url, "SELECT description FROM incidents WHERE place = 'Київ'") == \
        "‹0xFF›‹0xFE› strike"


def test_a_shapefile_row_whose_text_gdal_cut_at_a_nul_is_refused_naming_the_cell(tmp_path,
                                                                                  capsys):
    """GDAL reads a .dbf text cell up to its first NUL: 'Ky\\0\\0iv' came in as 'Ky'. A NUL
    only padding a cell's end, as some writers pad, is no text and changes nothing."""
    import zipfile

    folder = tmp_path / "shape"
    folder.mkdir()
    gpd.GeoDataFrame({"date": ["2025-08-01", "2025-08-02"], "place": ["KyQQiv", "OdesaQQ"]},
                     geometry=[Point(30.52, 50.45), Point(30.72, 46.48)],
                     crs=4326).to_file(folder / "strikes.shp")
    dbf = folder / "strikes.dbf"
    dbf.write_bytes(dbf.read_bytes().replace(b"QQ", b"\0\0"))
    path = tmp_path / "strikes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for part in folder.iterdir():
            archive.write(part, part.name)
    assert main(["import", str(path), "--db", str(tmp_path / "s.sqlite")]) == 0
    said = capsys.readouterr().out
    assert "1 added" in said and "rejected: 1" in said, said
    assert ("Row 1: its 'place' cell holds a NUL character, after which the shapefile reader "
            "reads nothing (it read only 'Ky')") in said, said


def flatgeobuf_with_nuls(tmp_path, columns: dict) -> Path:
    """A FlatGeobuf whose text (names, cells) holds NULs where 'QQ' is written: FlatGeobuf
    states each string's length, so a writer may store any character (GDAL cuts them)."""
    path = tmp_path / "strikes.fgb"
    gpd.GeoDataFrame({"date": ["2025-08-01"], **columns}, geometry=[Point(30.52, 50.45)],
                     crs=4326).to_file(path)
    path.write_bytes(path.read_bytes().replace(b"QQ", b"\0\0"))
    return path


def test_a_flatgeobuf_cell_holding_a_nul_is_stored_as_its_mark(tmp_path, capsys):
    path = flatgeobuf_with_nuls(tmp_path, {"place": ["KyQQiv"], "description": ["hit"]})
    db = tmp_path / "store.sqlite"
    assert main(["import", str(path), "--db", str(db)]) == 0
    assert "2 NUL character(s)" in capsys.readouterr().out
    assert scalar(f"sqlite:///{db}", "SELECT place FROM incidents WHERE description = 'hit'") \
        == "Ky‹U+0000›‹U+0000›iv"


def test_a_flatgeobuf_column_name_holding_a_nul_is_read_whole(tmp_path, capsys):
    """GDAL reads a FlatGeobuf column's name up to its first NUL: 'description\\0\\0 (old)'
    came in as 'description' and its cells were stored as the incidents' descriptions, and
    two names cut to one ('a\\0\\0x', 'a\\0\\0y') ended the import in a traceback."""
    path = flatgeobuf_with_nuls(tmp_path, {"place": ["Kyiv"], "descriptionQQ (old)": ["x"],
                                           "aQQx": ["1"], "aQQy": ["2"]})
    db = tmp_path / "store.sqlite"
    assert main(["import", str(path), "--db", str(db)]) == 0
    said = capsys.readouterr().out
    assert "1 added" in said, said
    assert ("'description‹U+0000›‹U+0000› (old)', 'a‹U+0000›‹U+0000›x', "
            "'a‹U+0000›‹U+0000›y'") in said, said
    assert scalar(f"sqlite:///{db}", "SELECT count(*) FROM incidents WHERE description = 'x'") \
        == 0
