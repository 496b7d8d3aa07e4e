"""Export the incidents in view: GeoJSON, CSV, GeoPackage, KML and GeoParquet.

Every format carries the full record: dates with their precision, place as written, the
point and how it was placed (geo_precision, geo_method), source, claimant and claim status.
Incidents known only to country level have no point: CSV leaves latitude/longitude empty;
GeoJSON, GeoPackage, KML and GeoParquet keep the row with an empty (null) geometry, so
every format has the same rows (GIS tools list them in the attribute table; they are not
drawn). Spreadsheet formulas are neutralised in the CSV only (geo.sharing.csv_safety: a
rule for files a spreadsheet opens); every other format keeps text exactly as stored, but
for the KML placemark's name and description, which Google Earth shows as HTML: escaped.
"""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyogrio

from geo.analysis.corroboration import DETECTED, NONE_DETECTED
from geo.analysis.network import NEAREST_COLUMNS
from geo.dates import describe_dates
from geo.errors import ExportError
from geo.schema import CATEGORY_LABELS, CLAIM_LABELS, INCIDENT_COLUMNS
from geo.sharing.csv_safety import neutralise_formulas
from geo.sharing.file_formats import pick_format
from geo.sharing.output import write_whole
from geo.visible import visible

LAYER_NAME = "incidents"
EXPORT_FORMATS = {
    "geojson": ("GeoJSON", "application/geo+json"),
    "csv": (None, "text/csv"),
    "gpkg": ("GPKG", "application/geopackage+sqlite3"),
    "kml": ("LIBKML", "application/vnd.google-earth.kml+xml"),
    "parquet": (None, "application/vnd.apache.parquet"),
}
DATE_COLUMNS = ("date_start", "date_end")
# after site_id: the linked site's name and how the link was made (source/auto/manual)
SITE_COLUMNS = ("site_name", "site_link")


def check_format(fmt: str) -> str:
    return pick_format(fmt, EXPORT_FORMATS, what="export", aliases={"json": "geojson"})


def format_from_path(path: Path) -> str:
    return check_format(Path(path).suffix)


def _thermal_columns(view: pd.DataFrame) -> dict[str, pd.Series]:
    """Corroborating FIRMS detections per strike (geo.analysis.corroboration) where they
    were matched; empty for other incidents, where no matching was done, and where there
    was nothing to search (no FIRMS data for the days and place, or a point too vague)."""
    count = view["thermal_count"] if "thermal_count" in view else pd.Series(
        np.nan, index=view.index)
    status = view["thermal_status"] if "thermal_status" in view else pd.Series(
        "", index=view.index, dtype=object)
    searched = status.isin([DETECTED, NONE_DETECTED])  # no data is not a count of none
    return {"thermal_detections": count.where(searched).astype("Int64"),
            "thermal_status": status.fillna("").astype(object)}


def export_frame(view: pd.DataFrame) -> pd.DataFrame:
    """The exported table: the schema's columns, dates as ISO text, sorted by date; the
    linked site's name and how it was linked follow site_id ('' where not known); the
    thermal corroboration (thermal_detections, thermal_status) and each incident's nearest
    pipeline route with its geodesic distance in km, as the view carries them
    (geo.analysis.view.View.incidents: every export of the app and the CLI is one)."""
    columns = list(INCIDENT_COLUMNS)
    at = columns.index("site_id") + 1
    columns[at:at] = SITE_COLUMNS
    view = view.assign(**{name: "" for name in SITE_COLUMNS if name not in view})
    frame = view.loc[:, columns].assign(**_thermal_columns(view))
    if set(NEAREST_COLUMNS) <= set(view.columns):
        frame = frame.join(view.loc[:, list(NEAREST_COLUMNS)])
    frame = frame.sort_values(["date_start", "incident_id"]).reset_index(drop=True)
    when = describe_dates(frame) if len(frame) else []
    frame = frame.assign(
        **{name: frame[name].dt.strftime("%Y-%m-%d") for name in DATE_COLUMNS},
        date_described=when,
    )
    return frame


def _geo_frame(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    points = gpd.points_from_xy(frame["longitude"], frame["latitude"])
    has_point = frame["latitude"].notna() & frame["longitude"].notna()
    geometry = gpd.GeoSeries(points, crs=4326).where(has_point.to_numpy(), None)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=4326)


def _balloon_text(values: pd.Series) -> pd.Series:
    """Text for a field Google Earth shows as HTML (the balloon's title and description):
    markup escaped, hidden characters as marks, so stored text shows as written and never
    runs (a description is HTML in KML; this project's KML reader decodes it back)."""
    return values.map(lambda value: html.escape(visible(value), quote=False))


def _kml_frame(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """KML reads `name`, `description`, `begin` and `end` as the placemark's own fields:
    Google Earth then titles each point and offers its time slider. Both are HTML to it
    (its balloon), so they are escaped; the record's own columns (ExtendedData) are kept
    exactly as stored, as in every other format."""
    category = frame["category"].map(CATEGORY_LABELS).fillna(frame["category"])
    claim = frame["claim_status"].map(CLAIM_LABELS).fillna(frame["claim_status"])
    description = (frame["date_described"] + " · " + category + ". " + frame["description"]
                   + " Source: " + frame["source_name"] + ". Claim status: " + claim
                   + ". Location: " + frame["geo_precision"] + " (" + frame["geo_method"] + ").")
    name = frame["place"].where(frame["place"] != "", frame["incident_id"])
    out = frame.assign(name=_balloon_text(name), description=_balloon_text(description),
                       begin=frame["date_start"], end=frame["date_end"])
    return _geo_frame(out)


KML = "http://www.opengis.net/kml/2.2"
BALLOON_ID = "incident-balloon"
BALLOON_TEXT = "<b>$[name]</b><br/>$[description]"


def _with_plain_balloon(kml: bytes) -> bytes:
    """Each placemark's balloon holds its (escaped) name and description only: Google
    Earth's default balloon also lays out the ExtendedData values, kept exactly as stored
    for GIS tools, as HTML, where stored markup would run."""
    ET.register_namespace("", KML)
    root = ET.fromstring(kml)
    document = root.find(f"{{{KML}}}Document")
    style = ET.Element(f"{{{KML}}}Style", id=BALLOON_ID)
    ET.SubElement(ET.SubElement(style, f"{{{KML}}}BalloonStyle"), f"{{{KML}}}text").text = \
        BALLOON_TEXT
    document.insert(0, style)
    for placemark in root.iter(f"{{{KML}}}Placemark"):
        link = ET.Element(f"{{{KML}}}styleUrl")
        link.text = f"#{BALLOON_ID}"
        data = placemark.find(f"{{{KML}}}ExtendedData")
        placemark.insert(list(placemark).index(data) if data is not None else len(placemark),
                         link)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    # utf-8-sig: Excel then reads Cyrillic and other non-ASCII place names correctly
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def _parquet_bytes(frame: pd.DataFrame) -> bytes:
    """GeoParquet 1.1: the point as WKB with its CRS (EPSG:4326) in the file's `geo`
    metadata, and a bbox covering column: readers that filter by area (DuckDB, GDAL) find
    the rows in a box without decoding every point.

    Dates are Parquet dates (date32), not the ISO text of the other exports: Parquet has a
    type for a calendar day, so QGIS, DuckDB and pandas filter and sort them as dates with no
    parsing, and a date32 holds exactly what the text does (a day, no time, no zone; it
    prints as the same YYYY-MM-DD). Text columns are UTF-8 strings even in an empty view
    (one type per column whatever the rows), numbers stay numbers, and a missing value is a
    Parquet null."""
    dates = {name: pd.to_datetime(frame[name], format="%Y-%m-%d").astype(
        pd.ArrowDtype(pa.date32())) for name in DATE_COLUMNS}
    text = {name: frame[name].astype(pd.ArrowDtype(pa.string())) for name in frame.columns
            if name not in dates and pd.api.types.is_string_dtype(frame[name].dtype)}
    buffer = io.BytesIO()
    _geo_frame(frame.assign(**dates, **text)).to_parquet(
        buffer, index=False, geometry_encoding="WKB", write_covering_bbox=True,
        schema_version="1.1.0")
    return buffer.getvalue()


def _ogr_bytes(frame: gpd.GeoDataFrame, driver: str) -> bytes:
    buffer = io.BytesIO()
    try:
        pyogrio.write_dataframe(frame, buffer, driver=driver, layer=LAYER_NAME)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
        raise ExportError(f"Cannot write {driver}: {error}") from error
    return buffer.getvalue()


def export_bytes(view: pd.DataFrame, fmt: str) -> bytes:
    fmt = check_format(fmt)
    frame = export_frame(view)
    if fmt == "csv":
        return _csv_bytes(frame)
    if fmt == "parquet":
        return _parquet_bytes(frame)
    if fmt == "kml":
        return _with_plain_balloon(_ogr_bytes(_kml_frame(frame), EXPORT_FORMATS[fmt][0]))
    return _ogr_bytes(_geo_frame(frame), EXPORT_FORMATS[fmt][0])


def write_export(view: pd.DataFrame, path: Path, fmt: str | None = None) -> int:
    """Write `view` to `path` (format from the suffix unless given); return the row count."""
    path = Path(path)
    data = export_bytes(view, fmt or format_from_path(path))
    write_whole(path, data)
    return len(view)


def mime_type(fmt: str) -> str:
    return EXPORT_FORMATS[check_format(fmt)][1]
