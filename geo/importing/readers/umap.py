"""uMap's own map export (`.umap`: the map's settings, its centre as `geometry`, and each
data layer as a GeoJSON FeatureCollection under `layers`) -> the layers' features as one
GeoJSON table, with a 'layer' column when there are several.

The map's centre is a view setting, never an event, so it is not read. uMap's styling
(`_umap_options`, `_storage`) is left out by the GeoJSON reader.
"""

from __future__ import annotations

import json

from geo.errors import InputFileError
from geo.importing.readers.geojson import read_geojson
from geo.importing.readers.map_export import map_document
from geo.importing.readers.table import RawTable


def _layer_name(layer: dict, number: int) -> str:
    """The layer's name as uMap keeps it: in `properties` (uMap 2) or `_umap_options`."""
    for holder in ("properties", "_umap_options"):
        settings = layer.get(holder)
        if isinstance(settings, dict) and str(settings.get("name") or "").strip():
            return str(settings["name"]).strip()
    return f"layer {number}"


def _features(layers: list, named: bool) -> list[dict]:
    features = []
    for number, layer in enumerate(layers, 1):
        if not isinstance(layer, dict):
            continue
        name = _layer_name(layer, number)
        for feature in layer.get("features") or []:
            if not isinstance(feature, dict) or not isinstance(feature.get("properties"),
                                                               dict | None):
                features.append(feature)  # read_geojson names what is wrong with it
                continue
            properties = dict(feature.get("properties") or {})
            if named:
                properties["layer"] = name
            features.append({**feature, "properties": properties})
    return features


def read_umap(data: bytes, name: str) -> RawTable:
    document = map_document(data, name, "uMap")
    layers = document.get("layers")
    if not isinstance(layers, list):
        raise InputFileError(f"'{name}' is a uMap export without 'layers'; export the map "
                             "again with its data, or download a layer as GeoJSON")
    named = [layer for layer in layers if isinstance(layer, dict) and layer.get("features")]
    features = _features(layers, named=len(named) > 1)
    if not features:
        raise InputFileError(f"'{name}' is a uMap export whose {len(layers)} layer(s) hold no "
                             "features; check that the map's layers hold the events")
    table = read_geojson(json.dumps({"type": "FeatureCollection", "features": features}
                                    ).encode(), name)
    table.file_format = "uMap"
    title = ((document.get("properties") or {}).get("name") or "").strip()
    what = f"the uMap map '{title}'" if title else "the uMap map"
    table.notes.insert(0, f"Read {len(features):,} features from {len(named)} layer(s) of "
                          f"{what}" + ("; the column 'layer' says which each row came from"
                                       if len(named) > 1 else ""))
    return table
