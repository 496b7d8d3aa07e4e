"""Which format a file is, from its content (the name only breaks ties): a ZIP holding a
workbook, a KML, a shapefile or data files (FIRMS's CSV download), FlatGeobuf, a SQLite
database that is a GeoPackage, Parquet, JSON (GeoJSON or a list of records), KML, GPX, or
else delimited text. Formats that cannot be read are named with what to do instead."""

from __future__ import annotations

import io
import re
import zipfile

from geo.errors import InputFileError
from geo.importing.readers.archive import data_members
from geo.importing.readers.table import ACCEPTED
from geo.importing.readers.unpacking import check_unpacked

CSV, EXCEL, GEOJSON, KML, KMZ, GEOPACKAGE, PARQUET, JSON_RECORDS = (
    "csv", "xlsx", "geojson", "kml", "kmz", "gpkg", "parquet", "json")
SHAPEFILE, FLATGEOBUF, ARCHIVE, GPX = "shp.zip", "fgb", "zip", "gpx"
UMAP, KEPLER, ESRI_JSON = "umap", "keplergl", "esrijson"
LABELS = {CSV: "CSV text", EXCEL: "Excel workbook (.xlsx)", GEOJSON: "GeoJSON",
          KML: "KML", KMZ: "KMZ (zipped KML)", GEOPACKAGE: "GeoPackage",
          PARQUET: "(Geo)Parquet", JSON_RECORDS: "JSON records",
          SHAPEFILE: "zipped shapefile", FLATGEOBUF: "FlatGeobuf",
          ARCHIVE: "ZIP of data files", UMAP: "uMap map export (.umap)",
          KEPLER: "kepler.gl map export (keplergl.json)", GPX: "GPX (GPS waypoints)",
          ESRI_JSON: "Esri JSON (an ArcGIS layer's query or export)"}
# Leading bytes of formats that cannot be imported, with what to do instead.
REFUSED = {
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) or Office workbook; save it as .xlsx or CSV",
    b"%PDF": "a PDF document; export the table as CSV or Excel",
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive; unpack it first", b"Rar!": "a RAR archive; unpack it first",
    b"7z\xbc\xaf": "a 7-Zip archive; unpack it first",
    b"\x00\x00\x27\x0a": "the .shp part of a shapefile alone; import the ZIP holding its "
                         ".shp, .shx, .dbf and .prj (as FIRMS downloads it)",
}
GEOPACKAGE_IDS = (b"GPKG", b"GP10", b"GP11")


# a KML feature as the root, without <kml> around it ('<Placemark xmlns="...kml/2.2">')
KML_FEATURE_ROOT = re.compile(r"<(?:Placemark|Document|Folder)\s[^>]*xmlns=\"http://"
                              r"(?:www\.opengis\.net/kml/|earth\.google\.com/kml/)")


def _refuse(name: str, what: str) -> InputFileError:
    return InputFileError(f"'{name}' is not a CSV text file nor another format this map "
                          f"imports: it looks like {what}. Accepted: {ACCEPTED}")


def _zip_kind(data: bytes, name: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, UnicodeDecodeError, ValueError,
            EOFError) as error:   # (a member's name that is not the UTF-8 its flag says)
        raise InputFileError(f"'{name}' looks like a ZIP archive or an Excel/ODS workbook "
                             f"but cannot be opened ({error}); save it again as .xlsx or CSV"
                             ) from error
    check_unpacked(archive, name)
    members = archive.namelist()
    if "xl/workbook.xml" in members:
        return EXCEL
    if any(m.lower().endswith(".kml") for m in members):
        return KMZ
    if any(m.lower().endswith(".shp") for m in members):
        return SHAPEFILE
    if data_members(members):
        return ARCHIVE
    if "content.xml" in members and "mimetype" in members:
        raise _refuse(name, "an OpenDocument (.ods/.odt) file; save the sheet as .xlsx or CSV")
    if "word/document.xml" in members:
        raise _refuse(name, "a Word document; export the table as CSV or Excel")
    shown = ", ".join(members[:5]) + (", ..." if len(members) > 5 else "")
    raise _refuse(name, f"a ZIP archive ({shown}); unpack it and import the file inside")


def _json_kind(head: str, name: str) -> str:
    """uMap's and kepler.gl's map exports by their top-level keys, else GeoJSON by its type,
    else Esri JSON (ArcGIS's features of 'attributes' and 'geometry': read as records, its
    field list was taken for the rows), else a list of records."""
    if re.match(r'\{\s*"type"\s*:\s*"umap"', head) or (
            re.search(r'"type"\s*:\s*"umap"', head) and re.search(r'"layers"\s*:', head)):
        return UMAP
    if re.search(r'"datasets"\s*:', head) and re.search(r'"allData"\s*:', head):
        return KEPLER
    if re.search(r'"visState"\s*:', head) and not re.search(r'"datasets"\s*:', head):
        raise _refuse(name, "a kepler.gl map configuration without its data (its layers and "
                            "filters only); in kepler.gl export the map as JSON with its data, "
                            "or export the dataset as CSV")
    if re.search(r'"type"\s*:\s*"(FeatureCollection|Feature)"', head):
        return GEOJSON
    if re.search(r'"features"\s*:\s*\[', head) and re.search(r'"attributes"\s*:\s*\{', head) \
            and re.search(r'"(geometryType|spatialReference|objectIdFieldName)"\s*:', head):
        return ESRI_JSON
    return JSON_RECORDS


def detect_format(data: bytes, name: str) -> str:
    """One of CSV, EXCEL, GEOJSON, KML, KMZ, GEOPACKAGE, PARQUET, JSON_RECORDS, SHAPEFILE,
    FLATGEOBUF, ARCHIVE, UMAP, KEPLER, GPX."""
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, name)
    if data.startswith(b"SQLite format 3\x00"):
        if data[68:72] in GEOPACKAGE_IDS or name.lower().endswith(".gpkg"):
            return GEOPACKAGE
        raise _refuse(name, "a SQLite database that is not a GeoPackage; export a table as "
                            "CSV or a layer as GeoPackage")
    if data.startswith(b"PAR1"):
        return PARQUET
    if data.startswith(b"fgb\x03"):
        return FLATGEOBUF
    for signature, what in REFUSED.items():
        if data.startswith(signature):
            raise _refuse(name, what)
    # \x1e: the separator before each feature of a GeoJSON text sequence (RFC 8142)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n\x1e").decode("utf-8", "replace")
    if head.startswith(("{", "[")):
        return _json_kind(data[:2**20].decode("utf-8", "replace"), name)
    if head.startswith("<"):
        if re.search(r"<kml[\s>]", data[:8192].decode("utf-8", "replace")) \
                or KML_FEATURE_ROOT.search(head):
            return KML
        if re.search(r"<gpx[\s>]", data[:8192].decode("utf-8", "replace")):
            return GPX
        raise _refuse(name, "an XML or HTML document that is neither KML nor GPX; export "
                            "the data as CSV, GeoJSON or KML")
    return CSV
