"""GPX (GPS Exchange Format: Garmin, OsmAnd, Organic Maps, Google Earth's GPS export) ->
text cells and points, read by GDAL through pyogrio.

A waypoint is a marked place (its name, time, description, link): one row each. Routes
and tracks are paths travelled or planned, not the place of an incident: they are left out
and said so, and a file that holds only paths is refused with what to do. GDAL gives every
waypoint the whole GPX schema (hdop, magvar, sat, ...); fields no waypoint fills are not the
file's columns and are dropped. A waypoint's `time` is a date and time (ISO 8601), not a
time of day: it is the column `when`, as a KML placemark's time. Times, latitudes and
longitudes are taken as the file writes them (geo.importing.readers.gpx_xml).
"""

from __future__ import annotations

from geo.errors import InputFileError
from geo.importing.readers.features import on_disk, read_layers, table_from_layers
from geo.importing.readers.gpx_xml import written_waypoints
from geo.importing.readers.table import RawTable
from geo.importing.readers.xml_doctype import refuse_doctype

WAYPOINTS = "waypoints"
PATHS = {"routes": "route", "tracks": "track"}
# GDAL keeps a waypoint's first 2 links unless told more; the rest would go unsaid
GPX_OPTIONS = {"GPX_N_MAX_LINKS": "100"}


def read_gpx(data: bytes, name: str) -> RawTable:
    import pyogrio

    previous = {key: pyogrio.get_gdal_config_option(key) for key in GPX_OPTIONS}
    pyogrio.set_gdal_config_options(GPX_OPTIONS)
    try:
        return _read_gpx(data, name)
    finally:
        pyogrio.set_gdal_config_options(previous)


def _read_gpx(data: bytes, name: str) -> RawTable:
    refuse_doctype(data, name)
    with on_disk(data, ".gpx") as path:
        try:
            layers = read_layers(path, name, "GPX", only=(WAYPOINTS,))
        except InputFileError as error:
            if not (paths := _path_counts(path)):
                raise
            raise InputFileError(
                f"'{name}' is a GPX file with {_said(paths)} but no waypoints: a route or "
                "track is a path, not the place of an incident. Mark each incident as a "
                "waypoint in the GPS or map app and export again") from error
        paths = _path_counts(path)
    written = written_waypoints(data)
    layers = [(layer, _with_written_times(
        frame.loc[:, [c for c in frame.columns
                      if c == frame.geometry.name or frame[c].notna().any()]], written))
              for layer, frame in layers]
    table = table_from_layers(layers, name, file_format="GPX", unit="waypoint")
    if written is not None and len(written) == len(table.frame):
        for column in ("latitude", "longitude"):
            table.frame[column] = [getattr(waypoint, column) for waypoint in written]
    if paths:
        table.notes.append(f"Not imported: the file's {_said(paths)}, paths rather than "
                           "places; only its waypoints were read")
    return table


def _with_written_times(frame, written):
    """The waypoints' times as the file writes them (geo.importing.readers.gpx_xml) in the
    column `when`, when the XML holds one for each waypoint GDAL read."""
    times = [waypoint.time for waypoint in written or ()]
    if written is not None and len(written) == len(frame) and any(times):
        frame = frame.assign(time=times)
    return frame.rename(columns={"time": "when"})


def _path_counts(path) -> dict[str, int]:
    """Routes and tracks in the file; none when GDAL cannot open it (read_layers says why)."""
    import pyogrio

    counts = {}
    try:
        for layer, _ in pyogrio.list_layers(path):
            if layer in PATHS:
                info = pyogrio.read_info(path, layer=layer, force_feature_count=True)
                if features := info["features"]:
                    counts[PATHS[layer]] = features
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError):
        return {}
    return counts


def _said(paths: dict[str, int]) -> str:
    return " and ".join(f"{count:,} {kind}{'s' if count != 1 else ''}"
                        for kind, count in paths.items())
