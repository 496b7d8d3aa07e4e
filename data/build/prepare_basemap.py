"""Derive the small, region-trimmed basemap, boundary and pipeline files shipped in data/.

The app must never read the shared source folder at run time (a user's clone does not
have it), so maintainers run this script once and commit its output:

    .venv/bin/python data/build/prepare_basemap.py /work/shared/data

The source folder defaults to ../shared/data relative to the repository root. The output
is deterministic: the same sources always give byte-identical files.
See data/SOURCES.md for origin, licence and changes of every file written here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod
from shapely.geometry import box, mapping

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE_DIR = REPO_ROOT.parent / "shared" / "data"
DATA_DIR = REPO_ROOT / "data"

# lon 12..62 E, lat 34..60 N: Ukraine, Moldova, Romania, the Black Sea, the Caucasus,
# Baku, the Caspian, Aktau and Yekaterinburg (60.6E 56.8N).
REGION_BBOX = (12.0, 34.0, 62.0, 60.0)
REGION = box(*REGION_BBOX)
# Land around the region, coarser, so no view the app offers shows land as sea at the
# region's edge (layers/basemap.py draws sea only inside this box: keep the two equal).
SURROUNDINGS_BBOX = (-15.0, 25.0, 95.0, 72.0)
SURROUNDINGS_TOLERANCE = 0.05
SURROUNDINGS_DECIMALS = 2  # about 1 km: finer than the 5 km simplification

COORDINATE_DECIMALS = 5  # about 1 m: far finer than the simplification

SOURCE_FILES = {
    "countries": "naturalearth/ne_50m_admin_0_countries.json",
    "coastline": "naturalearth/ne_10m_coastline.subset_10E-62E_34N-60N.geojson",
    "rivers": "naturalearth/ne_10m_rivers_lake_centerlines.subset_10E-62E_34N-60N.geojson",
    "lakes": "naturalearth/ne_10m_lakes.subset_10E-62E_34N-60N.geojson",
    "oblasts": "boundaries/geoBoundaries-UKR-ADM1_simplified.geojson",
    "key_pipelines": "pipelines/key_pipelines_region.geojson",
    "gas_tracker": "pipelines/gem_europe_gas_tracker_pipelines.geojson",
}

OUTPUT_FILES = {
    "countries": DATA_DIR / "basemap" / "countries.geojson",
    "land_beyond": DATA_DIR / "basemap" / "land_beyond.geojson",
    "coastline": DATA_DIR / "basemap" / "coastline.geojson",
    "rivers": DATA_DIR / "basemap" / "rivers.geojson",
    "lakes": DATA_DIR / "basemap" / "lakes.geojson",
    "oblasts": DATA_DIR / "boundaries" / "ukraine_admin1.geojson",
    "pipelines": DATA_DIR / "pipelines.geojson",
}

# Tolerances in degrees. Countries and oblasts use coverage (Visvalingam-Whyatt)
# simplification, whose tolerance is roughly the square root of the triangle area
# removed; lines use Douglas-Peucker with preserve_topology.
COUNTRY_TOLERANCE = 0.02
LINE_TOLERANCE = 0.01
LAKE_TOLERANCE = 0.01
OBLAST_TOLERANCE = 0.005

NE_MISSING_CODE = "-99"
# Natural Earth v4 writes -99 for these ISO_A2 codes; the key is ADM0_A3.
ISO_A2_BY_ADM0_A3 = {"NOR": "NO", "FRA": "FR", "KOS": "XK"}
# Names that changed officially after Natural Earth v4 (2017).
COUNTRY_RENAMES = {"Macedonia": "North Macedonia"}

MAX_RIVER_SCALERANK = 7
# Rivers the story needs although Natural Earth ranks them minor (scalerank 8).
ALWAYS_KEPT_RIVERS = ("Kura", "Southern Bug")
# One name per river (NE names the upper Danube in German and misspells the upper
# Dnipro), and two names whose non-ASCII letters were lost in the source conversion.
RIVER_RENAMES = {
    "Donau": "Danube",
    "Dnepre": "Dnipro",
    "Gta lv": "Göta älv",
    "Kiz?lirmak": "Kızılırmak",
}
MAX_LAKE_SCALERANK = 7
# Current official romanisation, as for the oblasts.
LAKE_RENAMES = {"Kiev Reservoir": "Kyiv Reservoir", "Mingevir Reservoir": "Mingachevir Reservoir"}

# geoBoundaries uses older romanisations for two oblasts; every other shapeName is
# already the current official one (Kyiv, Mykolaiv, Kharkiv ...).
OBLAST_NAME_EN = {
    "Odessa Oblast": "Odesa Oblast",
    "Zaporizhia Oblast": "Zaporizhzhia Oblast",
}

UKRAINE_ADM0_A3 = "UKR"

GEM_OIL_SOURCE_NAME = "Global Energy Monitor, Global Oil Infrastructure Tracker (2024-03)"
GEM_GAS_SOURCE_NAME = "Global Energy Monitor, Europe Gas Tracker (2024-05)"
GAS_ROUTE_ACCURACY = "not stated"
# A route with fewer vertices than this per 100 km only joins a few known points.
MIN_VERTICES_PER_100_KM = 2.0

REQUIRED_CORRIDORS = (
    "Trans-Balkan",
    "Odesa–Brody",
    "Baku–Tbilisi–Ceyhan (BTC)",
    "South Caucasus Pipeline (SCP)",
    "TANAP",
    "TAP",
    "Baku–Novorossiysk",
    "Baku–Supsa",
    "Soyuz",
    "Urengoy–Pomary–Uzhhorod (Brotherhood)",
    "Dolyna–Drohobych",
    "Mala Pavlivka–Kremenchuk",
    "Lysychansk–Kremenchuk",
    "Kremenchuk–Kherson",
)

PIPELINE_COLUMNS = [
    "name",
    "segment",
    "commodity",
    "operator",
    "status",
    "route_accuracy",
    "schematic",
    "schematic_reason",
    "length_km",
    "source_name",
    "source_id",
    "source_url",
]

GEOD = Geod(ellps="WGS84")


# --------------------------------------------------------------------------- helpers


def read_source(source_dir: Path, key: str) -> gpd.GeoDataFrame:
    path = source_dir / SOURCE_FILES[key]
    if not path.is_file():
        raise FileNotFoundError(f"missing source file {path} (see {source_dir / 'SOURCES.md'})")
    frame = gpd.read_file(path, engine="pyogrio")
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise ValueError(f"{path} is not in EPSG:4326 (got {frame.crs})")
    return frame


def text_or_empty(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def single_spaced(value: object) -> str:
    """NE writes some names with doubled spaces ("Syr  Darya")."""
    return " ".join(text_or_empty(value).split())


def clip_to_region(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    clipped = frame.copy()
    clipped["geometry"] = shapely.intersection(clipped.geometry.values, REGION)
    return drop_empty(clipped)


def drop_empty(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    geometries = np.asarray(frame.geometry.values)
    keep = ~shapely.is_missing(geometries) & ~shapely.is_empty(geometries)
    return frame[keep].reset_index(drop=True)


def keep_line_parts(geometry: shapely.Geometry) -> shapely.Geometry:
    """Clipping a line can leave stray points in a collection; keep only the lines."""
    lines = [part for part in shapely.get_parts(geometry) if part.geom_type == "LineString"]
    if not lines:
        return shapely.LineString()
    return lines[0] if len(lines) == 1 else shapely.MultiLineString(lines)


def keep_polygon_parts(geometry: shapely.Geometry) -> shapely.Geometry:
    polygons = [part for part in shapely.get_parts(geometry) if part.geom_type == "Polygon"]
    if not polygons:
        return shapely.Polygon()
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def simplify_lines(frame: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    simplified = frame.copy()
    geometries = shapely.simplify(simplified.geometry.values, tolerance, preserve_topology=True)
    simplified["geometry"] = [keep_line_parts(geometry) for geometry in geometries]
    return drop_empty(simplified)


def round_coordinates(geometry: shapely.Geometry) -> shapely.Geometry:
    rounded = shapely.transform(geometry, lambda xy: np.round(xy, COORDINATE_DECIMALS))
    if rounded.geom_type in ("Polygon", "MultiPolygon"):
        if not rounded.is_valid:
            rounded = keep_polygon_parts(shapely.make_valid(rounded))
        # RFC 7946: exterior rings counter-clockwise, holes clockwise.
        rounded = shapely.orient_polygons(rounded)
    return rounded


def geodesic_length_km(geometry: shapely.Geometry) -> float:
    return GEOD.geometry_length(geometry) / 1000.0


def write_geojson(frame: gpd.GeoDataFrame, columns: list[str], path: Path) -> None:
    """Write compact RFC 7946 GeoJSON, one feature per line so diffs stay readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for row in frame.itertuples(index=False):
        properties = {column: to_json_value(getattr(row, column)) for column in columns}
        feature = {
            "type": "Feature",
            "properties": properties,
            "geometry": mapping(round_coordinates(row.geometry)),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    body = ",\n".join(lines)
    path.write_text(
        '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n", encoding="utf-8"
    )


def to_json_value(value: object) -> object:
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


# --------------------------------------------------------------------------- countries


def iso_a2_code(row: pd.Series) -> str:
    if row["ISO_A2"] != NE_MISSING_CODE:
        return row["ISO_A2"]
    return ISO_A2_BY_ADM0_A3.get(row["ADM0_A3"], "")


def iso_a3_code(row: pd.Series) -> str:
    if row["ISO_A3"] != NE_MISSING_CODE:
        return row["ISO_A3"]
    return row["ADM0_A3"]


def de_jure_ukraine(countries: gpd.GeoDataFrame, oblasts: gpd.GeoDataFrame) -> shapely.Geometry:
    """Ukraine as the union of its oblasts, Crimea and Sevastopol included.

    The geoBoundaries oblasts also cover a band of territorial sea (about 12 nautical
    miles) along the coast, so the union is cut back to Natural Earth's land. NE's own
    Ukraine polygon is added to fill the hairline gaps along the land borders where the
    two sources generalise the border differently.
    """
    oblast_union = shapely.union_all(oblasts.geometry.values)
    land = shapely.union_all(countries.geometry.values)
    ne_ukraine = countries.loc[countries["ADM0_A3"] == UKRAINE_ADM0_A3, "geometry"].iloc[0]
    return shapely.union(shapely.intersection(oblast_union, land), ne_ukraine)


def replace_ukraine_border(
    countries: gpd.GeoDataFrame, oblasts: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Natural Earth v4 puts Crimea inside Russia; give it back to Ukraine.

    Every other country, Russia first of all, loses whatever the de-jure Ukraine covers.
    """
    ukraine = de_jure_ukraine(countries, oblasts)
    fixed = countries.copy()
    is_ukraine = fixed["ADM0_A3"] == UKRAINE_ADM0_A3
    overlaps_ukraine = fixed.geometry.intersects(ukraine) & ~is_ukraine
    fixed.loc[overlaps_ukraine, "geometry"] = [
        keep_polygon_parts(geometry.difference(ukraine))
        for geometry in fixed.loc[overlaps_ukraine, "geometry"]
    ]
    fixed.loc[is_ukraine, "geometry"] = [ukraine]
    return fixed


def simplify_coverage(geometries: np.ndarray, tolerance: float) -> np.ndarray:
    """Simplify polygons that share borders without opening gaps or overlaps between them."""
    # The border fix leaves shared edges that are noded differently on each side;
    # cleaning makes them identical so the coverage simplification can keep them shared.
    cleaned = shapely.coverage_clean(geometries, merge_strategy="min_index")
    return shapely.coverage_simplify(cleaned, tolerance, simplify_boundary=True)


def build_countries(countries: gpd.GeoDataFrame, oblasts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    in_region = countries[countries.geometry.intersects(REGION)].reset_index(drop=True)
    fixed = clip_to_region(replace_ukraine_border(in_region, oblasts))
    fixed["geometry"] = [keep_polygon_parts(geometry) for geometry in fixed.geometry]
    fixed = drop_empty(fixed)
    # Ukraine first, so it keeps any sliver the cleaning step has to assign.
    fixed = fixed.sort_values("ADM0_A3", key=lambda codes: codes != UKRAINE_ADM0_A3, kind="stable")
    fixed = fixed.reset_index(drop=True)
    fixed["geometry"] = [
        keep_polygon_parts(geometry)
        for geometry in simplify_coverage(fixed.geometry.values, COUNTRY_TOLERANCE)
    ]
    result = gpd.GeoDataFrame(
        {
            "name": fixed["NAME"].replace(COUNTRY_RENAMES),
            "iso_a2": fixed.apply(iso_a2_code, axis=1),
            "iso_a3": fixed.apply(iso_a3_code, axis=1),
        },
        geometry=fixed.geometry.values,
        crs="EPSG:4326",
    )
    return drop_empty(result).sort_values("name").reset_index(drop=True)


def build_land_beyond(countries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The countries between the region and SURROUNDINGS_BBOX, simplified and rounded
    coarser than the region's (Natural Earth's own Crimea line lies inside the region)."""
    ring = box(*SURROUNDINGS_BBOX).difference(REGION)
    around = countries[countries.geometry.intersects(ring)].reset_index(drop=True)
    around["geometry"] = [keep_polygon_parts(g)
                          for g in shapely.intersection(around.geometry.values, ring)]
    around = drop_empty(around)
    simplified = shapely.coverage_simplify(shapely.coverage_clean(around.geometry.values),
                                           SURROUNDINGS_TOLERANCE, simplify_boundary=True)
    rounded = shapely.transform(simplified, lambda xy: np.round(xy, SURROUNDINGS_DECIMALS))
    result = gpd.GeoDataFrame(
        {"name": around["NAME"].replace(COUNTRY_RENAMES)},
        geometry=[keep_polygon_parts(shapely.make_valid(g)) for g in rounded],
        crs="EPSG:4326",
    )
    return drop_empty(result).sort_values("name").reset_index(drop=True)


# --------------------------------------------------------------------------- physical layers


def build_coastline(coastline: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    clipped = simplify_lines(clip_to_region(coastline), LINE_TOLERANCE)
    clipped["scalerank"] = clipped["scalerank"].astype(int)
    return sort_by_position(clipped[["scalerank", "geometry"]])


def is_kept_river(rivers: gpd.GeoDataFrame) -> pd.Series:
    return (rivers["scalerank"] <= MAX_RIVER_SCALERANK) | rivers["name"].isin(ALWAYS_KEPT_RIVERS)


def build_rivers(rivers: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    kept = rivers[is_kept_river(rivers)].copy()
    kept["name"] = kept["name"].map(single_spaced).replace(RIVER_RENAMES)
    kept["scalerank"] = kept["scalerank"].astype(int)
    clipped = simplify_lines(clip_to_region(kept), LINE_TOLERANCE)
    return sort_by_position(clipped[["name", "scalerank", "geometry"]])


def build_lakes(lakes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    kept = lakes[lakes["scalerank"] <= MAX_LAKE_SCALERANK].copy()
    kept["name"] = kept["name"].map(single_spaced).replace(LAKE_RENAMES)
    kept["scalerank"] = kept["scalerank"].astype(int)
    clipped = clip_to_region(kept)
    clipped["geometry"] = [
        keep_polygon_parts(geometry)
        for geometry in shapely.simplify(
            clipped.geometry.values, LAKE_TOLERANCE, preserve_topology=True
        )
    ]
    return sort_by_position(drop_empty(clipped)[["name", "scalerank", "geometry"]])


def sort_by_position(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A stable order that does not depend on the source order."""
    bounds = frame.geometry.bounds.round(COORDINATE_DECIMALS)
    order = np.lexsort((bounds["maxy"], bounds["maxx"], bounds["miny"], bounds["minx"]))
    return frame.iloc[order].reset_index(drop=True)


# --------------------------------------------------------------------------- oblasts


def build_oblasts(oblasts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    unknown = set(OBLAST_NAME_EN) - set(oblasts["shapeName"])
    if unknown:
        raise ValueError(f"geoBoundaries shapeName values changed, not found: {sorted(unknown)}")
    simplified = simplify_coverage(oblasts.geometry.values, OBLAST_TOLERANCE)
    result = gpd.GeoDataFrame(
        {
            "name": oblasts["shapeName"],
            "name_en": oblasts["shapeName"].replace(OBLAST_NAME_EN),
            "iso": oblasts["shapeISO"],
        },
        geometry=[keep_polygon_parts(geometry) for geometry in simplified],
        crs="EPSG:4326",
    )
    return result.sort_values("iso").reset_index(drop=True)


# --------------------------------------------------------------------------- pipelines


def gas_tracker_record(gas_tracker: gpd.GeoDataFrame, feature: pd.Series) -> pd.Series:
    """The Europe Gas Tracker row behind a gas corridor, matched by project name and route."""
    same_project = gas_tracker[gas_tracker["project"] == feature["source_name"]]
    if same_project.empty:
        raise ValueError(f"gas project {feature['source_name']!r} not in the Europe Gas Tracker")
    same_route = same_project[same_project.geometry.geom_equals(feature.geometry)]
    return (same_route if not same_route.empty else same_project).iloc[0]


def gem_owner(record: pd.Series) -> str:
    return text_or_empty(record["owner"]) or text_or_empty(record["parent"])


def schematic_flags(route_accuracy: str, geometry: shapely.Geometry) -> tuple[bool, str, float]:
    length_km = geodesic_length_km(geometry)
    vertex_count = int(shapely.get_num_coordinates(geometry))
    reasons = []
    if route_accuracy == "low":
        reasons.append("GEM route accuracy: low")
    if length_km > 0 and vertex_count / length_km * 100 < MIN_VERTICES_PER_100_KM:
        reasons.append(
            f"{vertex_count} vertices over {length_km:,.0f} km: "
            "only a few points of the route are known"
        )
    return bool(reasons), "; ".join(reasons), length_km


def pipeline_record(feature: pd.Series, gas_tracker: gpd.GeoDataFrame) -> dict:
    if feature["commodity"] == "gas":
        record = gas_tracker_record(gas_tracker, feature)
        operator = gem_owner(record)
        status = text_or_empty(record["status_tabular"]).lower()
        route_accuracy = GAS_ROUTE_ACCURACY
        source_name = GEM_GAS_SOURCE_NAME
        source_url = text_or_empty(record["url"])
    else:
        operator = ""  # GEM's public oil route file carries no owner
        status = text_or_empty(feature["status"]).lower()
        route_accuracy = text_or_empty(feature["route_accuracy"]).lower()
        source_name = GEM_OIL_SOURCE_NAME
        source_url = text_or_empty(feature["url"])
    schematic, reason, length_km = schematic_flags(route_accuracy, feature.geometry)
    return {
        "name": feature["key_name"],
        "segment": text_or_empty(feature["segment"]),
        "commodity": feature["commodity"],
        "operator": operator,
        "status": status,
        "route_accuracy": route_accuracy,
        "schematic": schematic,
        "schematic_reason": reason,
        "length_km": round(length_km, 1),
        "source_name": source_name,
        "source_id": text_or_empty(feature["source_id"]),
        "source_url": source_url,
        "geometry": feature.geometry,
    }


def is_cancelled_outside_region(frame: gpd.GeoDataFrame) -> pd.Series:
    cancelled = frame["status"].map(text_or_empty).str.lower() == "cancelled"
    return cancelled & ~frame.geometry.intersects(REGION)


def build_pipelines(
    key_pipelines: gpd.GeoDataFrame, gas_tracker: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    kept = drop_empty(key_pipelines)
    kept = kept[~is_cancelled_outside_region(kept)]
    records = [pipeline_record(feature, gas_tracker) for _, feature in kept.iterrows()]
    result = gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")
    missing = set(REQUIRED_CORRIDORS) - set(result["name"])
    if missing:
        raise ValueError(f"required pipeline corridors missing from the source: {sorted(missing)}")
    return result.sort_values(["name", "segment", "source_id"]).reset_index(drop=True)


# --------------------------------------------------------------------------- main


def build_all(source_dir: Path) -> dict[str, tuple[gpd.GeoDataFrame, list[str]]]:
    oblasts = read_source(source_dir, "oblasts")
    return {
        "countries": (
            build_countries(read_source(source_dir, "countries"), oblasts),
            ["name", "iso_a2", "iso_a3"],
        ),
        "land_beyond": (build_land_beyond(read_source(source_dir, "countries")), ["name"]),
        "coastline": (
            build_coastline(read_source(source_dir, "coastline")),
            ["scalerank"],
        ),
        "rivers": (
            build_rivers(read_source(source_dir, "rivers")),
            ["name", "scalerank"],
        ),
        "lakes": (build_lakes(read_source(source_dir, "lakes")), ["name", "scalerank"]),
        "oblasts": (build_oblasts(oblasts), ["name", "name_en", "iso"]),
        "pipelines": (
            build_pipelines(
                read_source(source_dir, "key_pipelines"),
                read_source(source_dir, "gas_tracker"),
            ),
            PIPELINE_COLUMNS,
        ),
    }


def report_sizes(paths: Iterable[Path], feature_counts: dict[Path, int]) -> None:
    total = 0
    for path in paths:
        size = path.stat().st_size
        total += size
        relative = path.relative_to(REPO_ROOT)
        print(f"{size / 1024:8.1f} KB  {feature_counts[path]:4d} features  {relative}")
    print(f"{total / 1024:8.1f} KB  total")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "source_dir",
        nargs="?",
        type=Path,
        default=DEFAULT_SOURCE_DIR,
        help=f"folder holding the public source data (default: {DEFAULT_SOURCE_DIR})",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    source_dir = args.source_dir.resolve()
    layers = build_all(source_dir)
    feature_counts = {}
    for key, (frame, columns) in layers.items():
        write_geojson(frame, columns, OUTPUT_FILES[key])
        feature_counts[OUTPUT_FILES[key]] = len(frame)
    report_sizes(OUTPUT_FILES.values(), feature_counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
