"""GeoJSON (RFC 7946, and older files with a `crs` member) -> text cells and points.

A file of points (or features without geometry) in WGS84, as nearly every export is, is
read with the standard library's JSON parser: properties become text exactly as written,
coordinates as JSON wrote them (100,000 features in about half a second). Any other file
(lines, areas, another CRS) goes through GDAL (pyogrio, geo.importing.readers.features),
which places each shape at a point inside it and reprojects.
"""

from __future__ import annotations

import json
from itertools import chain
from operator import itemgetter

from pandas._libs.lib import dicts_to_array  # DataFrame.from_records' own helper

from geo.allocation import paused_gc
from geo.errors import InputFileError
from geo.importing.readers.description_fields import with_description_fields
from geo.importing.readers.features import (
    POINT_COLUMNS,
    on_disk,
    read_layers,
    table_from_layers,
)
from geo.importing.readers.geojson_shapes import geometry_problem
from geo.importing.readers.json_document import parse_json
from geo.importing.readers.nested import spread_objects
from geo.importing.readers.table import RawTable, text_frame

# uMap's styling of a feature (colour, icon, popup template): display, never event data
STYLE_PROPERTIES = ("_umap_options", "_storage", "_storage_options")
WGS84_NAMES = ("urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84",
               "EPSG:4326", "urn:ogc:def:crs:EPSG::4326")


def _plain_points(document) -> list | None:
    """The features when every geometry is a point or none and the CRS is WGS84."""
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        return None
    crs = ((document.get("crs") or {}).get("properties") or {}).get("name", WGS84_NAMES[0])
    features = document.get("features")
    if crs not in WGS84_NAMES or not isinstance(features, list):
        return None
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if geometry is not None and (geometry.get("type") != "Point" or not isinstance(
                geometry.get("coordinates"), list) or len(geometry["coordinates"]) < 2):
            return None
    return features


def _point_texts(features: list) -> tuple[list, list]:
    """(latitudes, longitudes) as JSON wrote them; '' for a feature without geometry."""
    geometries = [f.get("geometry") for f in features]
    if all(geometries):  # the usual file: map() in C, not a Python call per value
        coordinates = [g["coordinates"] for g in geometries]
        return (list(map(repr, map(itemgetter(1), coordinates))),
                list(map(repr, map(itemgetter(0), coordinates))))
    coordinates = [g["coordinates"] if g else None for g in geometries]
    return ([repr(c[1]) if c else "" for c in coordinates],
            [repr(c[0]) if c else "" for c in coordinates])


def _read_points(features: list, name: str) -> RawTable:
    properties = [f.get("properties") or {} for f in features]
    names = [n for n in dict.fromkeys(chain.from_iterable(properties))
             if n not in STYLE_PROPERTIES]
    cells = dicts_to_array(properties, names)  # NaN where a feature lacks one
    columns = {column: cells[:, i] for i, column in enumerate(names)}
    if "id" not in columns and any("id" in f for f in features):
        columns["id"] = [f.get("id") for f in features]
    for clash in POINT_COLUMNS:
        if clash in columns:
            columns[f"{clash} (attribute)"] = columns.pop(clash)
    columns = spread_objects(columns)
    columns["latitude"], columns["longitude"] = _point_texts(features)
    for column, values in columns.items():
        if {dict, list} & set(map(type, values)):
            columns[column] = [json.dumps(v, ensure_ascii=False)
                               if isinstance(v, (dict, list)) else v for v in values]
    frame = text_frame(columns, name, unit="feature")
    return RawTable(frame, name, file_format="GeoJSON", unit="feature",
                    derived={column: () for column in POINT_COLUMNS})


def _json_kind(value) -> str:
    if isinstance(value, dict):
        return f"an object of type '{value['type']}'" if isinstance(value.get("type"), str) \
            else "an object"
    return {str: "a string", bool: "true or false", int: "a number", float: "a number",
            list: "a list", type(None): "null"}.get(type(value), type(value).__name__)


def _check_members(document, name: str) -> None:
    """Every member of a FeatureCollection's features is a Feature whose geometry and
    properties are objects (or null): another member (a bare geometry, a string, a list of
    properties) would be lost without a word, or stop the reader."""
    if not isinstance(document, dict) or not isinstance(document.get("features"), list):
        return
    for number, feature in enumerate(document["features"], start=1):
        if not isinstance(feature, dict) or feature.get("type", "Feature") != "Feature":
            problem = f"is {_json_kind(feature)}, not a Feature"
        elif not isinstance(feature.get("geometry"), dict | None):
            problem = f"has a geometry that is {_json_kind(feature['geometry'])}"
        elif not isinstance(feature.get("properties"), dict | None):
            problem = f"has properties that are {_json_kind(feature['properties'])}"
        else:
            continue
        raise InputFileError(
            f"'{name}': feature {number:,} of {len(document['features']):,} {problem}; each "
            "member of 'features' must be an object with \"type\": \"Feature\" and an object "
            "(or null) as its geometry and properties: fix that feature, or export the file "
            "again")


def _check_shapes(document, name: str) -> None:
    """Before GDAL reads the file: each feature's geometry one GeoJSON defines (GDAL reads
    another as none, and the point written was lost unsaid)."""
    if not isinstance(document, dict) or not isinstance(document.get("features"), list):
        return
    features = document["features"]
    for number, feature in enumerate(features, start=1):
        if (problem := geometry_problem(feature.get("geometry"))) is not None:
            raise InputFileError(
                f"'{name}': feature {number:,} of {len(features):,} has {problem}; fix its "
                "geometry (or make it null to place the row by its place name), or export "
                "the file again")


def _read_plain(data: bytes, name: str) -> RawTable | None:
    """A file of WGS84 points read with the json module; None when GDAL must read it."""
    try:
        document = parse_json(data, name)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None  # GDAL says what is wrong with it
    _check_members(document, name)
    features = _plain_points(document)
    if features is None:
        _check_shapes(document, name)
        return None
    if not features:
        raise InputFileError(f"'{name}' is a GeoJSON file with no features; check that "
                             "you exported the right layer")
    return _read_points(features, name)


def read_geojson(data: bytes, name: str) -> RawTable:
    # The parsed document (a few dicts per feature) is gone before the collector resumes:
    # resumed with it alive, the collector's next pass would walk all of it (0.1-0.2 s).
    with paused_gc():
        table = _read_plain(data, name)
    if table is None:
        with on_disk(data, ".geojson") as path:
            layers = read_layers(path, name, "GeoJSON")
        table = table_from_layers(layers, name, file_format="GeoJSON", unit="feature",
                                  drop=STYLE_PROPERTIES)
    # a KML turned into GeoJSON (ogr2ogr, togeojson) keeps its balloons' fields there
    return with_description_fields(table)


def read_esri_json(data: bytes, name: str) -> RawTable:
    """Esri JSON (an ArcGIS layer's query answer or export: features of 'attributes' and an
    x/y 'geometry', a 'spatialReference'), read by GDAL's ESRIJSON driver: its date fields
    as dates, its points reprojected from the layer's reference (Web Mercator, often)."""
    with on_disk(data, ".json") as path:
        layers = read_layers(path, name, "Esri JSON")
    return table_from_layers(layers, name, file_format="Esri JSON", unit="feature")
