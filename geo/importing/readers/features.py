"""Layers read by GDAL (pyogrio) or pyarrow -> text cells and a point per feature.

Every attribute becomes text (geo.importing.readers.table.text_column). The geometry becomes
`latitude` and `longitude` in WGS84 (the layer is reprojected when it has another CRS):
a point as it is, a line or polygon at a point inside it (said in a note: its precision is
then unknown unless the file states it), no geometry as empty cells. An attribute that
already has one of those names is kept as 'latitude (attribute)'.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from geo.errors import InputFileError
from geo.importing.readers.table import RawTable, text_frame, unique_header
from geo.importing.readers.unreadable_shapes import lost_shape_problem, lost_shapes, read_layer

POINT_COLUMNS = ("latitude", "longitude")


@contextmanager
def on_disk(data: bytes, suffix: str) -> Iterator[Path]:
    """The bytes as a temporary file (GDAL reads zipped formats by name), removed after."""
    with tempfile.TemporaryDirectory(prefix="incident-import-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        yield path


def read_layers(path: Path, name: str, what: str, only: tuple[str, ...] = (),
                encodings: dict[str, str] | None = None) -> list[tuple[str, object]]:
    """(layer name, GeoDataFrame) of every layer with features (of those named in `only`,
    when given), read by pyogrio; a layer named in `encodings` read in that encoding."""
    import pyogrio

    try:
        frames = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pyogrio's notes on JSON subtypes, CRS, GPKG ids
            for layer, _ in pyogrio.list_layers(path):
                if only and layer not in only:
                    continue
                frame = read_layer(path, layer, (encodings or {}).get(str(layer)))
                if len(frame):
                    frames.append((str(layer), frame))
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            UnicodeDecodeError) as error:
        # (every other pyogrio error, field, feature, geometry or CRS, is a DataLayerError;
        # a name or value that is not UTF-8 fails to decode in pyogrio itself)
        said = str(error).replace(str(path), name)    # not the temporary copy's path
        raise InputFileError(f"'{name}' could not be read as {what}: {said}. Check that it "
                             f"is a complete {what} file, or export it again") from error
    if not frames:
        raise InputFileError(f"'{name}' is a {what} file with no features; check that you "
                             "exported the right layer")
    return frames


def points_of(geometry) -> tuple[np.ndarray, np.ndarray, int]:
    """(latitude, longitude, count of shapes that are not one point) of a GeoSeries in
    WGS84."""
    import shapely

    values = np.asarray(geometry.array if hasattr(geometry, "array") else geometry,
                        dtype=object)
    missing = shapely.is_missing(values) | shapely.is_empty(values)
    kinds = shapely.get_type_id(values)
    # a MultiPoint of one point is that point (QGIS and shapefiles store point layers so)
    single = (kinds == 4) & ~missing
    single[single] = shapely.get_num_geometries(values[single]) == 1
    point = (kinds == 0) | single
    shapes = ~missing & ~point
    placed = values.copy()
    placed[single] = shapely.get_geometry(values[single], 0)
    if shapes.any():
        placed[shapes] = shapely.point_on_surface(values[shapes])
    lon = np.full(len(values), np.nan)
    lat = np.full(len(values), np.nan)
    usable = ~missing
    lon[usable], lat[usable] = shapely.get_x(placed[usable]), shapely.get_y(placed[usable])
    return lat, lon, int(shapes.sum())


def coordinate_text(values: np.ndarray) -> np.ndarray:
    return np.array(["" if not np.isfinite(v) else f"{v:.7f}".rstrip("0").rstrip(".")
                     for v in values], dtype=object)


def _text_columns(frame, geometry_name: str | None, drop, name: str) -> dict[str, np.ndarray]:
    import pyarrow

    kept = [i for i, c in enumerate(frame.columns) if c != geometry_name and c not in drop]
    names = [frame.columns[i] for i in kept]
    if len(set(names)) < len(names):   # a FlatGeobuf's or Parquet's column named twice:
        names = unique_header(names)   # each kept, as a CSV's ('a', 'a (2)'), not a crash
    try:
        return {name: frame.iloc[:, i].to_numpy(dtype=object)
                for name, i in zip(names, kept, strict=True)}
    except pyarrow.ArrowException as error:   # text GDAL passed on undecoded
        raise InputFileError(f"'{name}' has text that cannot be read ({error}); save it "
                             "again as UTF-8 and import it again") from error


def table_from_layers(layers: list[tuple[str, object]], name: str, *, file_format: str,
                      unit: str, drop=()) -> RawTable:
    """One table of every layer's features, with a 'layer' column when there are several."""
    parts, shapes, notes, lost, said = [], 0, [], [], ""
    for layer, frame in layers:
        layer_lost, layer_said = lost_shapes(frame)
        lost.append(layer_lost)
        said = said or layer_said
        geometry_name = getattr(frame, "_geometry_column_name", None)
        geometry = frame.geometry if geometry_name in frame else None
        if geometry is not None and frame.crs is not None and not frame.crs.equals(4326):
            notes.append(f"Layer '{layer}' is in {frame.crs.to_string()}; its points were "
                         "converted to WGS84 longitude/latitude")
            geometry = frame.to_crs(4326).geometry
        columns = _text_columns(frame, geometry_name, drop, name)
        for clash in POINT_COLUMNS:
            if geometry is not None and clash in columns:
                columns[f"{clash} (attribute)"] = columns.pop(clash)
        if geometry is not None:
            lat, lon, count = points_of(geometry)
            shapes += count
            columns.update(latitude=coordinate_text(lat), longitude=coordinate_text(lon))
        if len(layers) > 1:
            columns["layer"] = np.full(len(frame), layer, dtype=object)
        parts.append(pd.DataFrame(columns))
    whole = pd.concat(parts, ignore_index=True, sort=False)
    frame = text_frame({c: whole[c].to_numpy(dtype=object) for c in whole.columns}, name,
                       unit=unit)
    table = RawTable(frame, name, file_format=file_format, unit=unit, notes=notes,
                     derived={column: () for column in POINT_COLUMNS if column in frame})
    for row in np.flatnonzero(np.concatenate(lost)) + 1:
        if row in frame.index:
            table.row_problems[int(row)] = [f"Row {row}: {lost_shape_problem(unit, said)}"]
    if len(layers) > 1:
        table.notes.append(f"Read {len(layers)} layers ({', '.join(n for n, _ in layers)}); "
                           "the column 'layer' says which each row came from")
    if shapes:
        table.notes.append(shapes_note(shapes, unit))
    return table


def shapes_note(count: int, unit: str) -> str:
    return (f"{count:,} {unit}(s) are lines or areas (or several points), not one point: "
            "each is placed at a point inside its shape, and its location precision is "
            "unknown unless the file states one")
