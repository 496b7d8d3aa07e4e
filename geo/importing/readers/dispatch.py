"""The one entry to the readers: bytes and a file name -> RawTable, by detected format."""

from __future__ import annotations

from geo.importing.readers import detect, json_lines, json_surrogates
from geo.importing.readers.archive import read_archive
from geo.importing.readers.coordinate_pairs import with_coordinate_pairs
from geo.importing.readers.delimited import read_delimited
from geo.importing.readers.encodings import cyrillic_or_western
from geo.importing.readers.excel import read_excel
from geo.importing.readers.geojson import read_esri_json, read_geojson
from geo.importing.readers.geopackage import read_geopackage
from geo.importing.readers.geoparquet import read_geoparquet
from geo.importing.readers.german_east import with_german_east
from geo.importing.readers.gpx import read_gpx
from geo.importing.readers.hxl import without_hxl_row
from geo.importing.readers.json_records import read_json_records
from geo.importing.readers.kepler import read_kepler
from geo.importing.readers.kml import read_kml
from geo.importing.readers.nul_cells import with_nuls_marked
from geo.importing.readers.repeated_header import without_repeated_headers
from geo.importing.readers.shapefile import read_flatgeobuf, read_shapefile_zip
from geo.importing.readers.table import ENCODING_LABELS, MAX_FILE_BYTES, RawTable, check_size
from geo.importing.readers.umap import read_umap
from geo.importing.readers.wide_text import as_utf8
from geo.importing.readers.wkt_points import with_wkt_points

READERS = {
    detect.EXCEL: read_excel,
    detect.GEOJSON: read_geojson,
    detect.KML: lambda data, name: read_kml(data, name, zipped=False),
    detect.KMZ: lambda data, name: read_kml(data, name, zipped=True),
    detect.GEOPACKAGE: read_geopackage,
    detect.PARQUET: read_geoparquet,
    detect.JSON_RECORDS: read_json_records,
    detect.SHAPEFILE: read_shapefile_zip,
    detect.FLATGEOBUF: read_flatgeobuf,
    detect.UMAP: read_umap,
    detect.KEPLER: read_kepler,
    detect.ESRI_JSON: read_esri_json,
    detect.GPX: read_gpx,
}
JSON_KINDS = (detect.GEOJSON, detect.JSON_RECORDS, detect.UMAP, detect.KEPLER,
              detect.ESRI_JSON)


def read_file(data: bytes, file_name: str, *, encoding: str | None = None,
              delimiter: str | None = None, max_bytes: int = MAX_FILE_BYTES,
              one_column: bool = False) -> RawTable:
    """Every cell of the file as text; raises InputFileError naming the file and the fix.
    `one_column`: a text file of one column is a table too (a list of place names)."""
    table = _read(data, file_name, encoding=encoding, delimiter=delimiter, max_bytes=max_bytes,
                  one_column=one_column)
    return with_coordinate_pairs(with_german_east(with_wkt_points(without_repeated_headers(
        without_hxl_row(table)))))


def _read(data: bytes, file_name: str, *, encoding: str | None, delimiter: str | None,
          max_bytes: int, one_column: bool = False) -> RawTable:
    check_size(data, file_name, max_bytes)
    data = as_utf8(data)
    kind = detect.detect_format(data, file_name)
    if kind == detect.CSV:
        return read_delimited(data, file_name, encoding=encoding, delimiter=delimiter,
                              max_bytes=max_bytes, one_column=one_column)
    if kind == detect.ARCHIVE:
        return read_archive(data, file_name, lambda member, name: read_file(
            member, name, encoding=encoding, delimiter=delimiter, max_bytes=max_bytes))
    if kind not in JSON_KINDS:
        return with_nuls_marked(READERS[kind](data, file_name))
    data, legacy = _single_byte_json(data)
    data, surrogates = json_surrogates.marked(data)
    data, nuls = json_surrogates.marked_nuls(data)
    lines = ""
    if json_lines.is_json_lines(data):
        data, lines = json_lines.as_document(data, file_name)
        kind = detect.detect_format(data, file_name)
    table = READERS[kind](data, file_name)
    if lines:
        table.notes.insert(0, lines)
    if legacy:
        table.notes.insert(0, f"The file is not in UTF-8, as JSON is written: its text was "
                              f"read as {ENCODING_LABELS[legacy]}, as its bytes show")
    if surrogates:
        table.notes.append(json_surrogates.note(surrogates))
    if nuls:
        table.notes.append(json_surrogates.nul_note(nuls))
    return table


def _single_byte_json(data: bytes) -> tuple[bytes, str]:
    """JSON (GeoJSON) a tool saved in Windows-1251 or -1252 instead of UTF-8, as UTF-8, and
    the encoding it was in ('' when it was UTF-8, or is neither): GDAL passed its bytes on
    undecoded and it was refused 'Wrapping ... failed' with the bytes as '�'."""
    try:
        data.decode("utf-8")
        return data, ""
    except UnicodeDecodeError:
        encoding = cyrillic_or_western(data)
    try:
        return data.decode(encoding).encode("utf-8"), encoding
    except UnicodeDecodeError:
        return data, ""
