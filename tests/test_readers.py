"""geo.importing.readers: every format to text cells and points, detected by content, and the
delimited-text reader's honesty about what it could not read as it is."""

from __future__ import annotations

import io
import json
import zipfile

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import MultiPoint, Point

from geo.errors import InputFileError
from geo.importing.readers.dispatch import read_file
from tests.support.files import TEST_DATA
from tests.support.imports import KML
from tests.support.xlsx import workbook


def frame(**columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=[Point(30.5, 46.5), Point(33.4, 49.1)],
                            crs=4326)


def test_geojson_features_become_rows_with_their_point():
    table = read_file((TEST_DATA / "firms_modis_sumatra.geojson").read_bytes(), "fires.geojson")
    assert table.file_format == "GeoJSON" and table.unit == "feature"
    assert len(table.frame) == 25 and list(table.frame.index[:2]) == [1, 2]
    first = table.frame.loc[1]
    assert (first["ACQ_TIME"], first["ACQ_DATE"], first["CONFIDENCE"]) == ("0025",
                                                                            "2018-05-23", "41")
    assert (first["latitude"], first["longitude"]) == ("-5.538", "148.422")
    assert "latitude (attribute)" not in table.frame  # LATITUDE is another name: kept as is


def test_kml_and_kmz_placemarks_with_their_folders_and_times():
    kmz = io.BytesIO()
    with zipfile.ZipFile(kmz, "w") as archive:
        archive.writestr("doc.kml", KML)
    for data, name in ((KML.encode(), "strikes.kml"), (kmz.getvalue(), "strikes.kmz")):
        table = read_file(data, name)
        assert table.unit == "placemark" and len(table.frame) == 2
        first, area = table.frame.loc[1], table.frame.loc[2]
        assert (first["Name"], first["description"], first["source"]) == (
            "Depot fire", "drone strike", "Suspilne")  # its HTML as plain text
        assert first["timestamp"].startswith("2025-08-08")
        assert (first["latitude"], first["longitude"], first["layer"]) == ("46.70118",
                                                                           "30.61204", "Odesa")
        assert area["begin"].startswith("2025-08-01") and area["end"].startswith("2025-08-03")
        assert "altitudeMode" not in table.frame and "tessellate" not in table.frame
        assert any("lines or areas" in note for note in table.notes)


def test_geopackage_layers_are_reprojected_to_wgs84(tmp_path):
    path = tmp_path / "strikes.gpkg"
    frame(place=["Odesa depot", "Kremenchuk"], date=["2025-08-08", "2025-08-09"]).to_crs(
        3857).to_file(path, layer="strikes", driver="GPKG")
    table = read_file(path.read_bytes(), "strikes.gpkg")
    assert table.file_format == "GeoPackage"
    assert list(table.frame["place"]) == ["Odesa depot", "Kremenchuk"]
    assert float(table.frame.loc[1, "latitude"]) == pytest.approx(46.5, abs=1e-6)
    assert any("EPSG:3857" in note for note in table.notes)


def test_geoparquet_and_plain_parquet(tmp_path):
    path = tmp_path / "strikes.parquet"
    frame(place=["A", "B"], fatalities=[1, 2]).to_parquet(path)
    table = read_file(path.read_bytes(), "strikes.parquet")
    assert table.file_format == "GeoParquet"
    assert list(table.frame["fatalities"]) == ["1", "2"]
    assert table.frame.loc[2, "longitude"] == "33.4"
    plain = tmp_path / "plain.parquet"
    frame(place=["A", "B"]).drop(columns="geometry").assign(lat=[46.1, 46.2]).to_parquet(plain)
    assert list(read_file(plain.read_bytes(), "plain.parquet").frame["lat"]) == ["46.1", "46.2"]


def test_a_point_layer_stored_as_multipoints_reads_as_points(tmp_path):
    """QGIS and shapefiles keep point layers as MultiPoint: a one-point MultiPoint was said
    to be a line or area placed at a point inside it."""
    path = tmp_path / "points.gpkg"
    gpd.GeoDataFrame({"date": ["2025-08-08", "2025-08-09"]}, crs=32636, geometry=[
        MultiPoint([(388000.0, 5151000.0)]),
        MultiPoint([(388000.0, 5151000.0), (389000.0, 5152000.0)])]).to_file(path)
    table = read_file(path.read_bytes(), "points.gpkg")
    assert (table.frame.loc[1, "latitude"], table.frame.loc[1, "longitude"]) == (
        "46.503254", "31.540277")
    assert [note for note in table.notes if "lines or areas" in note] == [
        "1 feature(s) are lines or areas (or several points), not one point: each is placed "
        "at a point inside its shape, and its location precision is unknown unless the file "
        "states one"]


def test_excel_workbook_reads_its_first_sheet_with_data():
    table = read_file((TEST_DATA / "timemap_datasheet_server.xlsx").read_bytes(), "tm.xlsx")
    assert table.file_format == "Excel workbook, sheet 'Events'"
    assert table.frame.loc[2, "Description"] == ("Person A appears on the scene and sprays "
                                                 "tear gas.")  # row 2: the sheet's own
    assert (table.frame.loc[2, "Date"], table.frame.loc[2, "Time"]) == ("2015-10-10",
                                                                        "16:20:00")
    assert any("other sheets" in note and "Sources" in note for note in table.notes)


def test_excel_workbook_skips_a_read_me_sheet_before_its_data(tmp_path):
    """A notes sheet first (as shared OSINT workbooks have) was read instead of the data:
    the import found no date and stored nothing."""
    path = tmp_path / "strikes.xlsx"
    notes = pd.DataFrame({"About this workbook": ["Strikes on energy sites", "Sources: news"]})
    data = pd.DataFrame({"Date": ["2025-08-08", "2025-08-09"], "Place": ["Orlivka", "Odesa"],
                         "Lat": ["45.3166", "46.48"], "Lon": ["28.4405", "30.72"]})
    pyogrio.write_dataframe(notes, path, layer="Read me", driver="XLSX")
    pyogrio.write_dataframe(data, path, layer="Strikes", driver="XLSX", append=True)
    table = read_file(path.read_bytes(), "strikes.xlsx")
    assert table.file_format == "Excel workbook, sheet 'Strikes'"
    assert list(table.frame["Place"]) == ["Orlivka", "Odesa"]
    assert any("other sheets (Read me)" in note for note in table.notes)


def test_excel_sheet_with_a_title_above_its_header():
    """A report's title in A1 was taken for the header: one column named after it, the
    real header a data row, nothing importable."""
    data = workbook({"Strikes": [
        ["Strikes on energy infrastructure, August 2025"], [],
        ["Date", "Place", "Latitude", "Longitude"],
        ["2025-08-08", "Orlivka", "45.3166", "28.4405"], ["2025-08-09", "Odesa", "46.48", ""]]})
    table = read_file(data, "report.xlsx")
    assert list(table.frame.columns) == ["Date", "Place", "Latitude", "Longitude"]
    assert list(table.frame["Place"]) == ["Orlivka", "Odesa"]
    assert list(table.frame.index) == [4, 5]  # as the spreadsheet numbers them
    assert any("('Strikes on energy infrastructure August 2025') are a title" in note
               for note in table.notes)


def _with_formula(data: bytes, reference: str) -> bytes:
    """The workbook with cell `reference` a formula and no saved value, as a script writes."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = body.decode()
                start = text.index(f'<c r="{reference}"')
                end = text.index("</c>", start) + len("</c>")
                body = f'{text[:start]}<c r="{reference}"><f>45+0.3</f></c>{text[end:]}'.encode()
            archive.writestr(item, body)
    return out.getvalue()


def test_a_formula_without_a_value_below_a_title_refuses_its_own_row_or_the_file():
    """Below a title, and after a blank row GDAL left out, the formula's row is the sheet's
    own (GDAL's numbering made it unknowable after the blank row: the file was refused)."""
    header = ["Date", "Place", "Latitude", "Longitude"]
    rows = [["Strikes, August 2025"], header, ["2025-08-08", "Orlivka", "45.3", "28.4"],
            ["2025-08-09", "Odesa", "x", "30.7"]]
    table = read_file(_with_formula(workbook({"S": rows}), "C4"), "report.xlsx")
    assert list(table.row_problems) == [4] and table.row_problems[4][0].startswith(
        "Row 4: cell C4 holds a formula")
    blank = [rows[0], [], *rows[1:]]
    table = read_file(_with_formula(workbook({"S": blank}), "C5"), "report.xlsx")
    assert list(table.row_problems) == [5] and table.row_problems[5][0].startswith(
        "Row 5: cell C5 holds a formula")


def test_excel_data_under_a_one_name_header_is_not_taken_for_a_title():
    data = workbook({"Sheet1": [["Date"], ["2025-08-08", "46.1", "30.1"]]})
    table = read_file(data, "odd.xlsx")
    assert list(table.frame.loc[2]) == ["2025-08-08", "46.1", "30.1"]


def test_json_record_lists_in_every_wrapper():
    records = json.loads((TEST_DATA / "firms_modis_nrt_hawaii_team.json").read_text())
    plain = read_file(json.dumps(records).encode(), "fires.json")
    assert plain.file_format == "JSON records" and len(plain.frame) == 40
    assert plain.frame.loc[1, "acq_time"] == "0306" and plain.frame.loc[1, "frp"] == "7.09"
    api = {"status": 200, "success": True, "count": 40, "data": records}
    assert len(read_file(json.dumps(api).encode(), "acled.json").frame) == 40
    with pytest.raises(InputFileError, match="holds no list of records"):
        read_file(b'{"status": 200, "messages": []}', "empty.json")


def test_timemap_domain_sources_are_resolved_into_each_event():
    domain = {"events": [{"id": "1", "date": "08/08/2025", "sources": ["s1", "s2"]}],
              "sources": {"s1": {"paths": ["https://example.org/v"], "description": "video"}}}
    cell = json.loads(read_file(json.dumps(domain).encode(), "tm.json").frame.loc[1, "sources"])
    assert cell == [{"id": "s1", "path": "https://example.org/v", "description": "video"}, "s2"]


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.7\n...", "it looks like a PDF document"),
    (b"\xd0\xcf\x11\xe0rest", "old Excel (.xls)"),
    (b"<html><body>x</body></html>", "an XML or HTML document that is neither KML nor GPX"),
    (b"SQLite format 3\x00" + b"\x00" * 100, "a SQLite database that is not a GeoPackage"),
    (b"\x00\x00\x27\x0a" + b"\x00" * 96, "the .shp part of a shapefile alone; import the ZIP"),
])
def test_a_format_not_read_is_named_with_the_formats_accepted(data, message):
    with pytest.raises(InputFileError) as error:
        read_file(data, "f.bin")
    assert message in str(error.value)
    assert "Accepted: CSV or TSV text, Excel (.xlsx), GeoJSON, KML or KMZ" in str(error.value)


def test_gpx_waypoints_become_rows_and_its_paths_are_said_to_be_left_out():
    table = read_file((TEST_DATA / "gdal_autotest_test.gpx").read_bytes(), "marks.gpx")
    assert table.file_format == "GPX" and table.unit == "waypoint" and len(table.frame) == 2
    first = table.frame.loc[1]
    assert (first["name"], first["desc"], first["link1_href"]) == (
        "waypoint name", "waypoint description", "href")
    assert first["when"].startswith("2007-11-25T17:58:00")
    assert (first["latitude"], first["longitude"]) == ("0", "1")
    assert first["link3_href"] == "href3"  # GDAL keeps only 2 links unless told
    assert "hdop" not in table.frame  # GDAL's schema, not the file's
    assert any("the file's 2 routes and 3 tracks, paths rather than places" in note
               for note in table.notes)


def test_a_gpx_of_tracks_only_is_refused_with_what_to_do():
    track = (b'<?xml version="1.0"?><gpx version="1.1" creator="t" '
             b'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
             b'<trkpt lat="1" lon="2"/><trkpt lat="1.1" lon="2.1"/></trkseg></trk></gpx>')
    with pytest.raises(InputFileError, match=r"1 track but no waypoints.*Mark each incident"):
        read_file(track, "walk.gpx")


def test_a_zip_that_holds_something_else_says_what_it_holds():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("map.png", b"\x89PNG")
        z.writestr("Readme.txt", "see the site")
    with pytest.raises(InputFileError, match=r"a ZIP archive \(map.png, Readme.txt\); unpack"):
        read_file(archive.getvalue(), "DL_FIRE.zip")


def test_a_firms_download_zip_reads_every_data_file_with_rows_numbered_on():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("fire_archive_SV-C2_1.csv", "latitude,longitude,acq_date,type\n"
                                               "46.1,30.1,2025-08-01,0\n46.2,30.2,2025-08-02,2\n")
        z.writestr("fire_nrt_SV-C2_1.csv", "latitude,longitude,acq_date\n46.3,30.3,2025-08-03\n"
                                           "46.4,30.4\n")
        z.writestr("Readme.txt", "not data")
    table = read_file(archive.getvalue(), "DL_FIRE_SV-C2_1.zip")
    assert list(table.frame.index) == [1, 2, 3, 4]
    assert list(table.frame["file"]) == ["fire_archive_SV-C2_1.csv"] * 2 + [
        "fire_nrt_SV-C2_1.csv"] * 2
    assert list(table.frame["type"]) == ["0", "2", "", ""]
    assert any(note.startswith("fire_nrt_SV-C2_1.csv: ") for note in table.notes)
    assert "Read 2 files from the archive 'DL_FIRE_SV-C2_1.zip'" in table.notes[0]


def test_a_zipped_shapefile_and_flatgeobuf_are_read(tmp_path):
    table = read_file((TEST_DATA / "firms_modis_c6_global_24h_shapefile.zip").read_bytes(),
                      "DL_FIRE_M-C61_1.zip")
    assert table.file_format == "Shapefile (zipped)" and len(table.frame) == 25
    first = table.frame.loc[1]
    assert (first["ACQ_DATE"], first["ACQ_TIME"], first["latitude"]) == (
        "2020-05-05", "0020", "-16.018")
    path = tmp_path / "strikes.fgb"
    frame(place=["A", "B"]).to_file(path, driver="FlatGeobuf")
    fgb = read_file(path.read_bytes(), "strikes.fgb")
    assert fgb.file_format == "FlatGeobuf" and sorted(fgb.frame["place"]) == ["A", "B"]


def test_cr_only_line_endings_are_read():
    table = read_file(b"date,lat,lon\r2025-08-08,46.1,30.1\r2025-08-09,46.2,30.2\r", "mac.csv")
    assert list(table.frame["lat"]) == ["46.1", "46.2"] and list(table.frame.index) == [1, 2]


def test_an_unclosed_quote_is_reported_and_does_not_swallow_the_next_rows():
    data = (b'date,lat,lon,place,notes\n'
            b'2025-08-08,46.1,30.1,Odesa,fine\n'
            b'2025-08-09,46.2,30.2,"Kremenchuk refinery,strike\n'
            b'2025-08-10,46.3,30.3,Kharkiv,next row\n'
            b'2025-08-11,46.4,30.4,Dnipro,last row\n')
    table = read_file(data, "quote.csv")
    assert list(table.frame.index) == [1, 2, 3, 4]
    assert list(table.frame["notes"]) == ["fine", "strike", "next row", "last row"]
    assert table.frame.loc[2, "place"] == '"Kremenchuk refinery'
    assert table.row_problems[2] == [
        "Row 2: a quote (\") opened in this row is not closed, so the 2 line(s) after it were "
        "read into one cell; close the quote or remove it (the rows after it are read on "
        "their own)"]


def test_a_quoted_line_break_inside_a_cell_stays_one_row():
    table = read_file(b'date,lat,lon,notes\n2025-08-08,46.1,30.1,"one, two\nthree"\n'
                      b'2025-08-09,46.2,30.2,x\n', "multi.csv")
    assert table.frame.loc[1, "notes"] == "one, two\nthree" and not table.row_problems


def test_lines_in_another_encoding_are_decoded_as_such_and_their_rows_named():
    data = ("date,place,notes\n2025-08-08,Орлівка,удар\n".encode()
            + "2025-08-09,Кременчук,пожежа\n".encode("cp1251")
            + "2025-08-10,Одеса,ок\n".encode())
    table = read_file(data, "mixed.csv")
    assert list(table.frame["place"]) == ["Орлівка", "Кременчук", "Одеса"]
    assert table.encoding == "mixed"
    assert ("The file mixes encodings: rows 2 (1 row(s)) are not UTF-8 like the rest and were "
            "read as Windows-1251 (Cyrillic)") in table.notes[0]
