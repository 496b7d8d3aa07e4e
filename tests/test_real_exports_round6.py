"""Exports of other tools met in the sixth round (tests/data/README.md): FIRMS's Landsat
layout, FIRMS's KML/KMZ (fields only in the placemarks' descriptions), tables that are not
events (ACLED's aggregated counts, GDELT's Mentions and GKG files), ..."""

from __future__ import annotations

import io
import json

import pytest

from geo.errors import InputFileError, ValidationError
from geo.importing.pipeline import read_upload
from tests.support.files import TEST_DATA as DATA
from tests.support.imports import kmz, preview_bytes

# FIRMS's Landsat 30 m CSV layout (as FIRMS documents it and `openwfm/wrfxpy`-style readers
# list it: latitude,longitude,path,row,scan,track,acq_date,acq_time,satellite,confidence,
# daynight): no frp, no brightness, confidence H/M/L, satellite L8/L9, scan and track the
# pixel's place in the scene. Constructed rows in that layout.
LANDSAT = ("latitude,longitude,path,row,scan,track,acq_date,acq_time,satellite,confidence,"
           "daynight\n"
           "47.51234,34.58812,177,27,756,2664,2025-07-06,832,L9,H,D\n"
           "47.50111,34.60012,177,27,760,2670,2025-07-06,832,L8,M,D\n")


def test_firms_landsat_csv_is_thermal_detections_at_unknown_precision(store):
    """It was taken for a table of strikes (no FIRMS signature matched: no frp, no
    brightness); with the FIRMS preset chosen every row was rejected for its empty frp and
    'M' confidence, and scan/track would have been read as a 756 km x 2664 km pixel."""
    result = preview_bytes(store, LANDSAT.encode(), "fire_nrt_LS_123.csv")
    rows = result.incidents
    assert result.preset.name == "firms" and result.counts()["new"] == 2
    assert set(rows["category"]) == {"thermal_detection"}
    assert set(rows["subtype"]) == {"landsat_oli"} and set(rows["geo_precision"]) == {"unknown"}
    first, second = rows.iloc[0], rows.iloc[1]
    assert first["incident_id"] == "firms-L9-20250706T0832-47.51234-34.58812"
    assert "a Landsat OLI pixel (30 m)" in first["geo_method"] and "km" not in first["geo_method"]
    assert "no fire radiative power given, confidence high" in first["description"]
    assert "confidence medium" in second["description"]
    detections = result.thermal.detections
    assert list(detections["confidence"]) == ["high", "medium"]
    assert detections["frp"].isna().all()


# FIRMS's KML/KMZ (FirespotArea_<region>_<satellite>_24h.kmz): folders of 'Fire Detection
# Centroids (Last 0 to 6hrs)', each placemark's fields only as lines of its description, no
# TimeStamp and no ExtendedData. The Landsat placemark's description is the one a public
# FIRMS URT KMZ reader quotes in its docstring; the VIIRS one is constructed in the layout
# that reader parses (Scan/Track in km, FRP in MW, Brightness in K).
FIRMS_KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://earth.google.com/kml/2.1">
<Document><name>FirespotArea_usa_contiguous_and_hawaii_24h</name>
<Folder><name>30m Fire Detection Centroids (Last 0 to 6hrs)</name>
<Placemark><name> Fire Detection Centroid </name>
<description><![CDATA[
                    <b>Latitude: </b> 45.731552<br/>
                    <b>Longitude: </b> -121.5075<br/>
                    <b>Detection Time: </b> 2024-09-03 18:55 UTC<br/>
                    <b>Sensor: </b> Landsat 8 OLI<br/>
                    <b>Confidence: </b> High<br/>
                    <b>Day/Night: </b> Day<br/>
                    <b>WRS-2 Path: </b> 046<br/>
                    <b>WRS-2 Row: </b> 028
]]></description>
<Point><coordinates>-121.5075,45.731552,0</coordinates></Point></Placemark>
</Folder>
<Folder><name>Fire Detection Centroids (Last 6 to 12hrs)</name>
<Placemark><name> Fire Detection Centroid </name>
<description><![CDATA[
                    <b>Latitude: </b> 45.70122<br/>
                    <b>Longitude: </b> -121.49013<br/>
                    <b>Detection Time: </b> 2024-09-03 10:12 UTC<br/>
                    <b>Sensor: </b> VIIRS NOAA-20<br/>
                    <b>Confidence: </b> nominal<br/>
                    <b>Day/Night: </b> Night<br/>
                    <b>Scan: </b> 0.39 km<br/>
                    <b>Track: </b> 0.36 km<br/>
                    <b>FRP: </b> 5.3 MW<br/>
                    <b>Brightness: </b> 330.1 K
]]></description>
<Point><coordinates>-121.49013,45.70122,0</coordinates></Point></Placemark>
</Folder></Document></kml>"""


def test_firms_kmz_reads_the_fields_its_descriptions_list(store):
    """It was refused: 'Missing column for date; found: Name, description, latitude,
    longitude' (the time, sensor and confidence are only in the balloon)."""
    raw = read_upload(kmz(FIRMS_KML.encode()), "FirespotArea_usa_contiguous_and_hawaii_24h.kmz")
    assert {"Detection Time", "Sensor", "Confidence", "FRP"} <= set(raw.columns)
    assert any("read as the column(s) 'Detection Time', 'Sensor'" in n for n in raw.notes)
    result = preview_bytes(store, kmz(FIRMS_KML.encode()), "FirespotArea_24h.kmz")
    rows = result.incidents
    assert result.preset.name == "firms" and result.counts()["new"] == 2
    assert set(rows["category"]) == {"thermal_detection"}
    assert set(rows["geo_precision"]) == {"unknown"}
    landsat, viirs = rows.iloc[0], rows.iloc[1]
    assert landsat["incident_id"] == "firms-Landsat8OLI-20240903T1855-45.73155--121.50750"
    assert landsat["subtype"] == "landsat_oli" and viirs["subtype"] == "viirs"
    assert landsat["date_text"] == "2024-09-03 18:55 UTC"
    assert "0.39 km × 0.36 km VIIRS pixel" in viirs["geo_method"]
    assert viirs["description"].startswith("Thermal detection: fire radiative power 5.3 MW, "
                                           "confidence nominal, satellite VIIRS NOAA-20")
    detections = result.thermal.detections
    assert [str(t) for t in detections["detected_at"]] == ["2024-09-03 18:55:00",
                                                           "2024-09-03 10:12:00"]
    assert list(detections["frp"].fillna(-1)) == [-1, 5.3]
    assert list(detections["daynight"]) == ["day", "night"]


def test_a_firms_kml_with_footprints_reads_each_detection_once(store):
    """A FIRMS KML giving each detection's footprint too ('Fire Detection Footprints'
    folders, the pixel's outline with the same description) imported it twice."""
    footprint = FIRMS_KML.split("<Folder>")[2].replace(
        "Fire Detection Centroids (Last 6 to 12hrs)", "Fire Detection Footprints (Last 6 to 12hrs)"
    ).replace("<Point><coordinates>-121.49013,45.70122,0</coordinates></Point>",
              "<Polygon><outerBoundaryIs><LinearRing><coordinates>-121.4923,45.7029 "
              "-121.4879,45.7029 -121.4879,45.6995 -121.4923,45.6995 -121.4923,45.7029"
              "</coordinates></LinearRing></outerBoundaryIs></Polygon>")
    kml = FIRMS_KML.replace("</Document>", "<Folder>" + footprint.split("</Document>")[0]
                            + "</Document>")
    result = preview_bytes(store, kml.encode(), "firms.kml")
    assert result.counts()["new"] == 2
    assert any("1 placemark(s) in folders of fire detection footprints" in note
               for note in result.notes)


def test_a_description_of_prose_stays_a_description():
    """A balloon of sentences, one with a colon, is no list of fields."""
    kml = FIRMS_KML.replace("<b>Scan: </b> 0.39 km<br/>", "").split("<Folder>")[0] + (
        "<Folder><name>Notes</name><Placemark><name>Depot</name><description>Strike on the "
        "depot. Source: https://example.org/a<br/>Fire seen at night.</description>"
        "<TimeStamp><when>2025-08-08</when></TimeStamp>"
        "<Point><coordinates>30.6,46.7,0</coordinates></Point></Placemark></Folder>"
        "</Document></kml>")
    raw = read_upload(kml.encode(), "notes.kml")
    assert "Source" not in raw.columns and not any("read as the column" in n for n in raw.notes)


# ACLED's aggregated data (weekly, by admin1, as ACLED's 'aggregated data' downloads lay it
# out) and HDX's monthly conflict summaries: counts, not events. Constructed rows.
ACLED_WEEKLY = ("WEEK,REGION,COUNTRY,ADMIN1,EVENT_TYPE,SUB_EVENT_TYPE,EVENTS,FATALITIES,"
                "POPULATION_EXPOSURE,DISORDER_TYPE,ID,CENTROID_LATITUDE,CENTROID_LONGITUDE\n"
                "2025-07-05,Europe,Ukraine,Kharkiv,Explosions/Remote violence,"
                "Shelling/artillery/missile attack,55,3,,Political violence,1,49.7,36.5\n")
HDX_MONTHLY = ("Country,Admin1,ISO3,Admin1 Pcode,Month,Year,Events\n"
               "Ukraine,Kharkiv,UKR,UA63,January,2024,512\n")
COUNTRY_MONTHLY = "Country,Month,Year,Fatalities\nUkraine,January,2024,1020\n"


@pytest.mark.parametrize(("data", "said"), [
    (ACLED_WEEKLY, "EVENTS per WEEK"), (HDX_MONTHLY, "Events per Month"),
    (COUNTRY_MONTHLY, "Fatalities per Month")])
def test_a_table_of_counts_is_refused_as_counts_not_events(store, data, said):
    """Each was refused 'Missing column for date; found: WEEK, ...' (and mapped by hand,
    each region-week would have become one incident)."""
    with pytest.raises(ValidationError, match=f"holds counts, not events: {said}. This map "
                                              "stores one incident per event"):
        preview_bytes(store, data.encode(), "aggregated.csv")


def test_acled_counts_name_the_event_data_to_import_and_a_chosen_date_reads_them(store):
    with pytest.raises(ValidationError, match="for ACLED: the Data Export Tool's event data"):
        preview_bytes(store, ACLED_WEEKLY.encode(), "acled_weekly.csv")
    chosen = preview_bytes(store, ACLED_WEEKLY.encode(), "acled_weekly.csv",
                           mapping={"date_start": "WEEK"})
    assert chosen.counts()["new"] == 1


# GDELT 2.0's Mentions (16 columns) and GKG 2.1 (27 columns) files, tab-separated without
# a header, as GDELT's codebooks lay them out; and the Mentions table with its header (as
# BigQuery exports it). Constructed rows.
MENTION = ["1040557290", "20220301001500", "20220301001500", "1", "example.com",
           "https://example.com/a", "1", "-1", "1240", "1262", "1", "10", "2750", "-1.2", "",
           ""]
GKG = ["20220301001500-0", "20220301001500", "1", "example.com", "https://example.com/a",
       *[""] * 22]
MENTION_HEADER = ["GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType",
                  "MentionSourceName", "MentionIdentifier", "SentenceID", "Actor1CharOffset",
                  "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
                  "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras"]


def test_gdelt_mentions_and_gkg_files_say_what_they_are_and_which_file_to_import(store):
    """The headerless ones were refused as files without a header row, with advice to add
    one; with its header, the Mentions table was asked for a date column."""
    mentions = ("\t".join(MENTION) + "\n") * 2
    with pytest.raises(InputFileError, match="is a GDELT Mentions file: one row per article "
                                             r"that mentions an event.*export\.CSV"):
        read_upload(mentions.encode(), "20220301001500.mentions.CSV")
    gkg = ("\t".join(GKG) + "\n") * 2
    with pytest.raises(InputFileError, match="is a GDELT Global Knowledge Graph"):
        read_upload(gkg.encode(), "20220301001500.gkg.csv")
    headed = ",".join(MENTION_HEADER) + "\n" + ",".join(MENTION) + "\n"
    with pytest.raises(ValidationError, match="is a GDELT Mentions file"):
        preview_bytes(store, headed.encode(), "mentions.csv")


def test_two_date_columns_named_alike_but_for_case_say_which_was_read(store):
    """'Date' and 'date' (two exports pasted side by side): the first was read and the
    other listed only as a column not imported, though they differ."""
    data = ("Date,date,latitude,longitude\n2025-08-10,2025-08-08,46.7,30.6\n"
            "2025-08-11,2025-08-11,46.7,30.7\n")
    result = preview_bytes(store, data.encode(), "pasted.csv")
    assert str(result.incidents.iloc[0]["date_start"].date()) == "2025-08-10"
    assert ("Columns 'Date' and 'date' have the same name but for case or spacing: 'Date' was "
            "read as date_start, 'date' was not, and they differ in 1 row(s) (row 1: "
            "'2025-08-10' / '2025-08-08'). If 'date' holds it, choose it") in " ".join(
        result.notes)


# Liveuamap's map data as community scrapers save it (`venues`: id, name, lat, lng, time in
# Unix seconds, source, link): constructed records in that layout
LIVEUAMAP = {"venues": [
    {"id": 23178861, "name": "Explosions reported in Odesa", "lat": 46.4825, "lng": 30.7233,
     "time": 1723100000, "source": "https://t.me/example/1", "cat_id": "32",
     "link": "https://liveuamap.com/en/2024/8-august/23178861-explosions-reported-in-odesa"},
    {"id": 23178862, "name": "Drone attack on a depot in Kremenchuk", "lat": 49.067,
     "lng": 33.4204, "time": 1723186400, "source": "https://t.me/example/2", "cat_id": "19",
     "link": "https://liveuamap.com/en/2024/9-august/23178862-drone-attack"}]}


def test_a_name_column_of_headlines_is_the_description_not_the_place(store):
    """'Explosions reported in Odesa' was stored as the name of the place."""
    result = preview_bytes(store, json.dumps(LIVEUAMAP).encode(), "liveuamap.json")
    rows = result.incidents
    assert result.mapping["place"] is None and result.mapping["description"] == "name"
    assert list(rows["description"]) == ["Explosions reported in Odesa",
                                         "Drone attack on a depot in Kremenchuk"]
    assert str(rows.iloc[0]["date_start"].date()) == "2024-08-08"
    named = {"venues": [{**v, "name": "Odesa Sea Port"} for v in LIVEUAMAP["venues"]]}
    kept = preview_bytes(store, json.dumps(named).encode(), "named.json")
    assert kept.mapping["place"] == "name"


def test_a_qgis_geopackage_leaves_out_its_saved_styles_and_reads_an_event_dt(store, tmp_path):
    """A GeoPackage saved by QGIS keeps its layer styles in a table 'layer_styles': it was
    read as one more layer (its style a row to import), and the layer's date field
    'event_dt' was not found ('Missing column for date'). Built here as QGIS writes it."""
    import sqlite3

    import geopandas as gpd
    import pandas as pd
    import shapely

    path = tmp_path / "strikes.gpkg"
    gpd.GeoDataFrame({"name": ["Depot"], "event_dt": pd.to_datetime(["2025-08-08 03:10"])},
                     geometry=[shapely.Point(30.61, 46.70)], crs=4326).to_file(
        path, layer="strikes", driver="GPKG")
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE layer_styles (id INTEGER PRIMARY KEY, f_table_name TEXT, "
                   "styleName TEXT, styleQML TEXT, update_time DATETIME)")
        db.execute("INSERT INTO layer_styles VALUES (1, 'strikes', 'default', '<qgis/>', "
                   "'2025-08-09 10:00')")
    result = preview_bytes(store, path.read_bytes(), "strikes.gpkg")
    assert "f_table_name" not in result.raw.columns and result.counts()["new"] == 1
    assert result.mapping["date_start"] == "event_dt"
    assert any("QGIS's own table(s) 'layer_styles'" in note for note in result.notes)


def _shapefile_zip(folder, encoding: str) -> bytes:
    """A zipped point shapefile whose .dbf states no code page (no .cpg, language byte 0),
    as older ArcView and MapInfo exports are."""
    import zipfile

    import geopandas as gpd
    import shapely

    gpd.GeoDataFrame({"nazva": ["Одеса, порт"], "date": ["2025-08-08"],
                      "opys": ["удар БПЛА"]}, geometry=[shapely.Point(30.61, 46.70)],
                     crs=4326).to_file(folder / "strikes.shp", encoding=encoding)
    (folder / "strikes.cpg").unlink()
    dbf = bytearray((folder / "strikes.dbf").read_bytes())
    dbf[29] = 0
    (folder / "strikes.dbf").write_bytes(bytes(dbf))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for part in folder.iterdir():
            archive.write(part, part.name)
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["cp1251", "utf-8"])
def test_a_shapefile_whose_dbf_states_no_code_page_is_read_as_its_bytes_show(tmp_path,
                                                                           encoding):
    """Windows-1251 was refused: 'has text that cannot be read (Unknown error: Wrapping
    ... failed); save it again as UTF-8'."""
    raw = read_upload(_shapefile_zip(tmp_path, encoding), "strikes.zip")
    assert list(raw.frame["nazva"]) == ["Одеса, порт"]
    assert list(raw.frame["opys"]) == ["удар БПЛА"]
    said = [n for n in raw.notes if "states no code page" in n]
    assert said == ([] if encoding == "utf-8" else [
        "'strikes.dbf' states no code page (no .cpg beside it): its text was read as "
        "Windows-1251 (Cyrillic), as its bytes show"])


def test_a_geojson_saved_in_windows_1251_is_read_and_said(store):
    """Refused: 'has text that cannot be read (Unknown error: Wrapping ���� failed)'."""
    data = json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"date": "2025-08-08", "name": "Одеса, порт"},
        "geometry": {"type": "Point", "coordinates": [30.61, 46.7]}}]},
        ensure_ascii=False).encode("cp1251")
    result = preview_bytes(store, data, "strikes.geojson")
    assert list(result.incidents["place"]) == ["Одеса, порт"]
    assert ("The file is not in UTF-8, as JSON is written: its text was read as Windows-1251 "
            "(Cyrillic), as its bytes show") in result.notes


def test_a_firms_csv_resaved_with_decimal_commas_keeps_its_power_and_pixel(store):
    """The real VIIRS sample as a spreadsheet in most of Europe saves it (';', decimal
    commas, dates 19.03.2025): every row was rejected ("frp '0,95' is not a fire radiative
    power"), and the pixel's size was not read."""
    import csv

    lines = list(csv.reader(io.StringIO((DATA / "firms_viirs_nrt_silex.csv").read_text())))
    header, numbers = lines[0], {"latitude", "longitude", "bright_ti4", "scan", "track",
                                 "bright_ti5", "frp"}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    for line in lines[1:]:
        cells = dict(zip(header, line, strict=True))
        year, month, day = cells["acq_date"].split("-")
        cells["acq_date"] = f"{day}.{month}.{year}"
        writer.writerow([cells[h].replace(".", ",") if h in numbers else cells[h]
                         for h in header])
    result = preview_bytes(store, out.getvalue().encode("cp1252"), "fire_nrt_SV-C2.csv")
    first = result.incidents.iloc[0]
    assert result.counts()["new"] == len(lines) - 1
    assert str(first["date_start"].date()) == "2025-03-19"
    assert "0.39 km × 0.36 km VIIRS pixel" in first["geo_method"]
    assert first["description"].startswith("Thermal detection: fire radiative power 0.95 MW")
    assert result.thermal.detections["frp"].iloc[0] == 0.95


def test_a_workbook_of_a_sheet_per_month_reads_every_month(store):
    """Only the first sheet was read ('the other sheets (August) were not read')."""
    from tests.support.xlsx import workbook

    header = ["Date", "Place", "Latitude", "Longitude"]
    data = workbook({"Read me": [["Strikes by month"], ["Source: own notes"]],
                     "July": [header, ["2025-07-02", "Kremenchuk", 49.07, 33.42]],
                     "August": [header, ["2025-08-08", "Odesa", 46.70, 30.61],
                                ["2025-08-09", "Odesa", 46.71, 30.62]],
                     "Sources": [["Name", "Link"], ["Suspilne", "https://suspilne.media"]]})
    result = preview_bytes(store, data, "strikes_2025.xlsx")
    assert result.counts()["new"] == 3
    assert list(result.raw.frame["sheet"]) == ["July", "August", "August"]
    assert list(result.raw.frame.index) == [2, 4, 5]  # each sheet's own, numbered on
    assert any("plus 2 on sheet 'August' (its row 2 is row 4 here)" in n for n in result.notes)
    assert any("Read 2 sheets of the same columns ('July', 'August')" in n for n in result.notes)
    assert any("other sheets (Read me, Sources) were not read" in n for n in result.notes)


def test_sheets_read_together_keep_a_column_of_their_own_named_sheet(store):
    """The column saying which sheet a row came from took the name 'sheet' over the file's
    own column 'sheet', whose values were lost without a word."""
    from tests.support.xlsx import workbook

    header = ["Date", "Place", "Latitude", "Longitude", "Sheet"]
    data = workbook({"July": [header, ["2025-07-02", "Kremenchuk", 49.07, 33.42, "A-1"]],
                     "August": [header, ["2025-08-08", "Odesa", 46.70, 30.61, "B-7"]]})
    result = preview_bytes(store, data, "strikes_2025.xlsx")
    frame = result.raw.frame
    own = next(c for c in frame.columns if c.lower() == "sheet")
    assert list(frame[own]) == ["A-1", "B-7"]
    assert list(frame["sheet_2"]) == ["July", "August"]
    assert any("the column 'sheet_2' says which each row came from" in n for n in result.notes)


def test_a_file_without_dates_says_no_column_holds_one_and_a_dated_column_is_named(store):
    """A map layer of areas and places (DeepStateMap's GeoJSON: name, description, no date)
    was asked to 'Choose the date column', though none holds a date; a column of dates not
    named for it ('reported') was not pointed to."""
    layer = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Окупована територія", "description": ""},
         "geometry": {"type": "Polygon", "coordinates": [
             [[37.5, 48.5], [37.9, 48.5], [37.9, 48.8], [37.5, 48.5]]]}},
        {"type": "Feature", "properties": {"name": "Бахмут", "description": "Місто"},
         "geometry": {"type": "Point", "coordinates": [38.0, 48.59]}}]}
    with pytest.raises(ValidationError, match="No column of the file holds dates, and each "
                                              "incident needs the day it happened"):
        preview_bytes(store, json.dumps(layer).encode(), "deepstate.geojson")
    dated = "reported,place,lat,lon,count\n08.08.2025,Odesa,46.7,30.6,3\n"
    with pytest.raises(ValidationError, match="'reported' holds dates: choose the column of "
                                              r"each event's date.*--map date_start=reported"):
        preview_bytes(store, dated.encode(), "reported.csv")


OVERLAY = ("<GroundOverlay><name>Satellite image</name><Icon><href>files/overlay.jpg</href>"
           "</Icon><LatLonBox><north>46.8</north><south>46.6</south><east>30.7</east>"
           "<west>30.5</west></LatLonBox></GroundOverlay>")


def test_a_kmz_image_overlay_is_left_out_not_refused_as_an_undated_incident(store):
    """Google Earth keeps a picture laid on the map as a GroundOverlay beside the
    placemarks: GDAL read it as an area, refused as 'Row 2: date is empty; fill it in'."""
    kml = ("<?xml version='1.0' encoding='UTF-8'?><kml xmlns='http://www.opengis.net/kml/2.2'>"
           "<Document><name>Strikes</name><Folder><name>August</name><Placemark><name>Depot "
           "fire</name><TimeStamp><when>2025-08-08T03:10:00Z</when></TimeStamp><Point>"
           "<coordinates>30.61,46.70,0</coordinates></Point></Placemark>" + OVERLAY
           + "</Folder></Document></kml>")
    result = preview_bytes(store, kmz(kml.encode()), "strikes.kmz")
    assert result.counts() == {"new": 1, "changed": 0, "duplicate": 0, "needs review": 0,
                               "rejected": 0}
    assert any("1 image overlay(s) (GroundOverlay" in note for note in result.notes)
    only = kml.split("<Placemark>")[0] + OVERLAY + "</Folder></Document></kml>"
    with pytest.raises(InputFileError, match=r"holds 1 image overlay.*and no placemark"):
        read_upload(kmz(only.encode()), "overlay.kmz")


# An ArcGIS layer's query answer (f=json, as ArcGIS dashboards' layers give it): Esri JSON,
# its points in Web Mercator (wkid 102100), its dates in Unix milliseconds. Constructed in
# the layout of ArcGIS's REST API.
ESRI = {"objectIdFieldName": "OBJECTID", "geometryType": "esriGeometryPoint",
        "spatialReference": {"wkid": 102100, "latestWkid": 3857},
        "fields": [{"name": "OBJECTID", "type": "esriFieldTypeOID", "alias": "OBJECTID"},
                   {"name": "EventDate", "type": "esriFieldTypeDate", "alias": "Event Date",
                    "length": 8},
                   {"name": "Place", "type": "esriFieldTypeString", "alias": "Place",
                    "length": 255}],
        "features": [{"attributes": {"OBJECTID": 1, "EventDate": 1723100000000,
                                     "Place": "Odesa"},
                      "geometry": {"x": 3420102.11, "y": 5858010.22}}]}


def test_an_arcgis_esri_json_answer_is_read_as_features(store):
    """Read as a list of records, its field list was taken for the rows ('found: name,
    type, alias, length')."""
    result = preview_bytes(store, json.dumps(ESRI).encode(), "query.json")
    row = result.incidents.iloc[0]
    assert result.counts()["new"] == 1 and row["place"] == "Odesa"
    assert str(row["date_start"].date()) == "2024-08-08"
    assert (round(row["latitude"], 4), round(row["longitude"], 4)) == (46.4825, 30.7233)


def test_coordinates_in_metres_are_said_to_be_a_projection_not_degrees(store):
    """ArcGIS Online's 'Export to CSV' of a Web Mercator layer writes x/y in metres: each
    row was refused for a latitude out of range, and nothing said why."""
    data = ("OBJECTID,EventDate,Place,x,y\n1,8/8/2024 6:53:20 AM,Odesa,3420102.11,"
            "5858010.22\n")
    result = preview_bytes(store, data.encode(), "agol_export.csv")
    assert result.counts()["rejected"] == 1
    assert any(note.startswith("1 row(s) give coordinates in metres, not degrees (row 1: "
                               "5858010.22 / 3420102.11): a projected system, as Web "
                               "Mercator (EPSG:3857)") for note in result.notes)


def test_an_old_ucdp_ged_file_names_its_deaths_best_est(store):
    """GED up to version 2.0 named the estimates best_est, low_est, high_est (upper case
    in its CSV): the deaths were left unread."""
    data = ("ID,YEAR,TYPE_OF_VIOLENCE,WHERE_PREC,WHERE_COORDINATES,ADM_1,LATITUDE,LONGITUDE,"
            "COUNTRY,DATE_PREC,DATE_START,DATE_END,BEST_EST,HIGH_EST,LOW_EST\n"
            "104,2014,1,1,Sloviansk town,Donetsk oblast,48.866667,37.616667,Ukraine,1,"
            "2014-05-02,2014-05-02,2,3,2\n")
    result = preview_bytes(store, data.encode(), "ged20.csv")
    row = result.incidents.iloc[0]
    assert result.preset.name == "ucdp" and row["incident_id"] == "ucdp-104"
    assert row["casualties"] == "2 killed (UCDP best estimate; low 2, high 3)"


def test_a_my_maps_balloon_of_fields_gives_the_date(store):
    """A My Maps layer typed by hand, its fields only in the balloon ('Дата: 08.08.2025'),
    was refused for want of a date column."""
    placemark = ("<Placemark><name>{name}</name><description><![CDATA[Дата: {date}<br>Тип: "
                 "{kind}<br>Джерело: https://t.me/x/{n}]]></description><Point><coordinates>"
                 "{point},0</coordinates></Point></Placemark>")
    kml = ("<?xml version='1.0' encoding='UTF-8'?><kml xmlns='http://www.opengis.net/kml/2.2'>"
           "<Document><name>Удари</name><Folder><name>Серпень</name>"
           + placemark.format(name="Нафтобаза", date="08.08.2025", kind="удар БПЛА", n=1,
                              point="30.61,46.70")
           + placemark.format(name="НПЗ", date="02.07.2025", kind="ракетний удар", n=2,
                              point="33.42,49.07")
           + "</Folder></Document></kml>")
    result = preview_bytes(store, kml.encode(), "udary.kml")
    rows = result.incidents
    assert [str(d.date()) for d in rows["date_start"]] == ["2025-08-08", "2025-07-02"]
    assert list(rows["subtype"]) == ["drone", "missile"]
    assert list(rows["source_url"]) == ["https://t.me/x/1", "https://t.me/x/2"]


def test_an_arcgis_kml_balloon_table_gives_every_field(store):
    """ArcGIS's 'Layer To KML' writes a feature's attributes only as a table in its balloon
    (a title row, then a nested table of name/value rows): refused for want of a date."""
    rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in (
        ("FID", "0"), ("EVENT_DATE", "2025/08/08"), ("TYPE", "drone strike"),
        ("SOURCE", "Suspilne")))
    balloon = ("<html><body><table><tr style='text-align:center'><td>Depot</td></tr><tr><td>"
               f"<table>{rows}</table></td></tr></table></body></html>")
    kml = ("<?xml version='1.0' encoding='UTF-8'?><kml xmlns='http://www.opengis.net/kml/2.2'>"
           "<Document><Folder><name>Strikes</name><Placemark id='ID_00000'><name>Depot</name>"
           f"<description><![CDATA[{balloon}]]></description><Point><coordinates>30.61,46.70,0"
           "</coordinates></Point></Placemark></Folder></Document></kml>")
    raw = read_upload(kml.encode(), "strikes.kml")
    assert {"FID", "EVENT_DATE", "TYPE", "SOURCE"} <= set(raw.columns)
    row = preview_bytes(store, kml.encode(), "strikes.kml").incidents.iloc[0]
    assert str(row["date_start"].date()) == "2025-08-08" and row["subtype"] == "drone"


def test_a_telegram_export_says_how_to_read_the_places_its_messages_name(store):
    """Telegram Desktop's result.json (messages with date, date_unixtime, text,
    text_entities) was refused only for want of a location column. Constructed."""
    export = {"name": "Channel", "type": "public_channel", "id": 1, "messages": [
        {"id": 1, "type": "message", "date": "2025-08-08T03:15:00",
         "date_unixtime": "1754622900", "from": "Channel", "from_id": "channel1",
         "text": "Вибухи в Одесі", "text_entities": [{"type": "plain",
                                                      "text": "Вибухи в Одесі"}]}]}
    with pytest.raises(ValidationError, match=r"a Telegram chat or channel export "
                                              r"\(result.json\).*python -m geo parse"):
        preview_bytes(store, json.dumps(export).encode(), "result.json")


def test_a_firms_kml_turned_into_geojson_reads_its_balloon_fields(store):
    """ogr2ogr or togeojson keep a KML's balloon as the 'description' property: the FIRMS
    KML as GeoJSON was refused for want of a date, as the KML was."""
    import re

    balloons = re.findall(r"<description><!\[CDATA\[(.*?)\]\]></description>", FIRMS_KML,
                          re.DOTALL)
    points = [[-121.5075, 45.731552], [-121.49013, 45.70122]]
    layer = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"Name": " Fire Detection Centroid ",
                                           "description": balloon},
         "geometry": {"type": "Point", "coordinates": point}}
        for balloon, point in zip(balloons, points, strict=True)]}
    result = preview_bytes(store, json.dumps(layer).encode(), "firms.geojson")
    assert result.preset.name == "firms" and result.counts()["new"] == 2
    assert list(result.incidents["subtype"]) == ["landsat_oli", "viirs"]
