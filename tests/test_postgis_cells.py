"""Geometry columns as PostgreSQL/PostGIS exports write them: EWKT ('SRID=4326;POINT(...)')
and hex EWKB (a geometry column in a CSV from psql, Supabase or Metabase). Both were refused
as 'not a WKT geometry'; a geometry in metres (EPSG:3857) is refused by its SRID. The cells
are constructed: the point is Odesa's, written by PostGIS's rules."""

from __future__ import annotations

from geo.importing.pipeline import read_upload

CSV = """id,date,geom
1,2025-08-08,SRID=4326;POINT(30.7438 46.4857)
2,2025-08-09,0101000020E61000001B2FDD2406C13E40F38E537424274740
3,2025-08-10,0101000000000000000000F03F000000000000F03F
4,2025-08-11,SRID=3857;POINT(3422000 5860000)
5,2025-08-12,POINT Z (30.52 50.45 120)
"""


def test_ewkt_and_hex_ewkb_cells_are_points():
    raw = read_upload(CSV.encode(), "postgis.csv")
    assert [raw.frame["longitude"][row] for row in (1, 2, 3, 5)] == ["30.7438", "30.754",
                                                                      "1", "30.52"]
    assert [raw.frame["latitude"][row] for row in (1, 2, 3, 5)] == ["46.4857", "46.3058",
                                                                     "1", "50.45"]
    assert set(raw.row_problems) == {4}


def test_a_geometry_in_metres_is_refused_by_its_srid():
    raw = read_upload(CSV.encode(), "postgis.csv")
    assert raw.row_problems[4] == [
        "Row 4: geom 'SRID=3857;POINT(3422000 5860000)' is in the reference system "
        "EPSG:3857, not longitude and latitude degrees; export it in EPSG:4326 (WGS 84)"]
    assert raw.frame["latitude"][4] == ""
