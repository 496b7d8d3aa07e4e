"""Exports of other tools met in the seventh round (tests/data/README.md): rows whose file
states no category, HDX's and ACLED's tables of counts (HDX HAPI's conflict events, HDX's
'Start Date, End Date, ..., Events' with its HXL row, ACLED's aggregated workbook with its
terms-of-use sheet first) and a file about a region the map ships no countries for."""

from __future__ import annotations

import pytest

from geo.errors import ValidationError
from geo.importing.pipeline import ImportOptions, preview_import, read_upload
from tests.support.cli import geo
from tests.support.database import outside
from tests.support.files import TEST_DATA as DATA
from tests.support.geocoding import session_geocoder
from tests.support.imports import preview_bytes
from tests.support.xlsx import workbook

UNSTATED = "state no category (no category column, or an empty cell): stored as 'Other'"


def test_a_row_that_states_no_category_is_other_not_a_strike(store):
    """GDAL's real GPX test file (tests/data/gdal_autotest_test.gpx): its dated waypoint was
    stored as a strike without a word, as was each event of Bellingcat's TimeMap (whose
    download states no category) and every row of any table without a category column."""
    gpx = preview_bytes(store, (DATA / "gdal_autotest_test.gpx").read_bytes(), "test.gpx")
    kept = gpx.incidents.drop(index=list(gpx.issues.rejected))
    assert list(kept["category"]) == ["other"]
    assert any(UNSTATED in note and "--category strike" in note
               for note in gpx.notes)
    timemap = preview_bytes(store, (DATA / "timemap_bellingcat_civharm.json").read_bytes(),
                            "civharm.json")
    assert set(timemap.incidents["category"]) == {"other"}
    # a person's choice for rows without a category is taken, and not said again
    chosen = preview_bytes(store, (DATA / "gdal_autotest_test.gpx").read_bytes(), "test.gpx",
                           defaults={"category": "strike"})
    assert list(chosen.incidents.drop(index=list(chosen.issues.rejected))["category"]) \
        == ["strike"]
    assert not any(UNSTATED in note for note in chosen.notes)
    # a file that states its categories is read as it states them, without the note
    acled = preview_bytes(store, (DATA / "acled_constructed_export.csv").read_bytes(),
                          "acled.csv")
    assert "strike" in set(acled.incidents["category"])
    assert not any(UNSTATED in note for note in acled.notes)


def test_the_command_line_chooses_the_category_of_rows_without_one(database_url, tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("date,lat,lon,place\n2025-08-08,46.48,30.72,Odesa\n", encoding="utf-8")
    done = geo("import", path, db=database_url)
    assert done.returncode == 0, done.stderr
    assert UNSTATED in done.stdout and "--category strike" in done.stdout
    again = tmp_path / "strikes.csv"
    again.write_text("date,lat,lon,place\n2025-08-09,46.1,30.1,Somewhere\n", encoding="utf-8")
    done = geo("import", again, "--category", "strike", db=database_url)
    assert done.returncode == 0, done.stderr
    with outside(database_url) as conn:
        rows = dict(conn.exec_driver_sql(
            "SELECT place, category FROM incidents WHERE batch_id != 'seed'").all())
    assert rows == {"Odesa": "other", "Somewhere": "strike"}
    bad = geo("import", again, "--category", "picnic", db=database_url)
    assert bad.returncode == 2 and "invalid choice: 'picnic'" in bad.stderr


# HDX HAPI's conflict events (hdx_hapi_conflict_event_global_2025.csv; ACLED's counts per
# admin area and month): the header as `OCHA-DAP/hdx-scraper-acled` @
# e5dd3f64cf080e208f97ed565875e72cccd3f38c, tests/fixtures/, holds it (with its BOM);
# constructed values (ACLED's terms keep its data out of this repository).
HAPI = ("\ufefflocation_code,has_hrp,in_gho,provider_admin1_name,provider_admin2_name,"
        "admin1_code,admin1_name,admin2_code,admin2_name,admin_level,event_type,events,"
        "fatalities,reference_period_start,reference_period_end,dataset_hdx_id,"
        "resource_hdx_id,warning,error\n"
        "UKR,Y,Y,Kharkivska,,UA63,Kharkivska,,,1,political_violence,12,3,2025-01-01,"
        "2025-01-31,921fe117,fb139931,,\n")
# HDX's ACLED conflict events and fatalities, with its HXL row (the same repository @
# a5666a0d498e862fafccd7b010c61dcc534e9bc3, tests/fixtures/conflict_events_and_fatalities
# .csv: the header and HXL row verbatim, constructed values)
HDX_SPAN = ("Country ISO3,Admin 1 PCode,Admin 1 Name,Admin 2 PCode,Admin 2 Name,Start Date,"
            "End Date,Event Type,Events,Fatalities,Dataset Id,Resource Id\n"
            "#country+code,#adm1+code,#adm1+name,#adm2+code,#adm2+name,#date+start,#date+end,"
            "#event+type,#event+num,#fatality+num,#meta+dataset_id,#meta+resource_id\n"
            "UKR,UA63,Kharkivska,,,2025-01-01 00:00:00+00:00,2025-01-31 00:00:00+00:00,"
            "political_violence,12,3,921fe117,fb139931\n")


@pytest.mark.parametrize(("data", "said"), [
    (HAPI, "events per reference_period_start, reference_period_end"),
    (HDX_SPAN, "Events per Start Date, End Date")])
def test_hdx_conflict_event_counts_are_refused_as_counts(store, data, said):
    """HAPI's file was refused 'Missing column for date' and HDX's 'Missing column for a
    location': neither said the table holds counts, nor what to import instead."""
    with pytest.raises(ValidationError, match=f"holds counts, not events: {said}.*for ACLED: "
                                              "the Data Export Tool's event data"):
        preview_bytes(store, data.encode(), "conflict_events.csv")


def test_an_event_list_with_start_and_end_dates_is_no_count_table(store):
    rows = ("start_date,end_date,lat,lon,fatalities\n2025-08-08,2025-08-09,46.1,30.1,2\n")
    assert preview_bytes(store, rows.encode(), "events.csv").counts()["new"] == 1


def test_acleds_aggregated_workbook_is_refused_as_counts_not_for_its_terms_sheet(store):
    """ACLED's aggregated workbook on HDX (download-political-violence-events-and-
    fatalities-as-of-2025-01-10.xlsx in the same repository at its HEAD above: sheets 'TOU',
    'Non_HRP', 'HRP_1', 'HRP_2') was refused for its first sheet's columns: 'Missing column
    for date; found: Licensing, Field2, Field3, Field4'. Its sheets' headers verbatim,
    constructed values."""
    data = workbook({
        "TOU": [["Licensing"], ["By using ACLED data you agree to abide by the Terms of Use"]],
        "Non_HRP": [["Country", "Month", "Year", "Events", "Fatalities"],
                    ["Albania", "January", "2025", "0", "0"]],
        "HRP_1": [["Country", "Admin1", "Admin2", "ISO3", "Admin2 Pcode", "Admin1 Pcode",
                   "Month", "Year", "Events", "Fatalities"],
                  ["Ukraine", "Kharkiv", "Kharkivskyi", "UKR", "UA6312", "UA63", "January",
                   "2025", "12", "3"]]})
    with pytest.raises(ValidationError, match="holds counts, not events: Events per Month"):
        preview_bytes(store, data, "download-political-violence-events-and-fatalities.xlsx")


# Town points in Africa (Dabat, Mogadishu, Khartoum, Lagos, Nairobi), the map shipping none
# of Africa's countries: swapped, Dabat falls in Sicily, the others in no shipped country.
AFRICA = ("event_date,latitude,longitude,location\n"
          "2016-01-08,12.98085,37.76239,Dabat\n2016-01-09,2.0469,45.3182,Mogadishu\n"
          "2016-01-10,15.5007,32.5599,Khartoum\n2016-01-11,6.5244,3.3792,Lagos\n"
          "2016-01-12,-1.2921,36.8219,Nairobi\n")


def test_a_file_about_a_region_the_map_ships_no_countries_for_holds_no_point_as_swapped(
        store):
    """ACLED's All Africa file of 2016 (6,831 events, `OCHA-DAP/hdx-scraper-acled` @
    d90df8d9527b8105fb39263657c9594b37edd143, tests/fixtures/2016/06/ACLED-All-Africa-
    File_20160101-to-20160528.xlsx; not copied: ACLED's terms) held Dabat, Ethiopia, for
    review as 'outside every country of the map, but swapped in Italy, where most of the
    file's points are': one point of thousands, swapped in Sicily, made Italy the file's
    country."""
    result = preview_bytes(store, AFRICA.encode(), "africa.csv")
    assert result.counts()["new"] == 5 and not result.issues.review
    # a Ukrainian file with its columns swapped is still held (Kyiv, Odesa, Kharkiv)
    swapped = ("date,lat,lon\n2025-08-08,30.5234,50.4501\n2025-08-08,30.7233,46.4825\n"
               "2025-08-08,36.2304,49.9935\n")
    held = preview_bytes(store, swapped.encode(), "swapped.csv")
    assert len(held.issues.review) == 3


def test_an_empty_place_column_gives_way_and_a_column_of_links_is_the_source(store):
    """OCHA's Ukraine hostilities layer (tests/data/ocha_ukr_hostilities_sample.geojson,
    real): `Location__`, null in every feature, was taken as the place, so none of the 596
    rows had one though `Name` holds the settlement; the reports the rows cite
    (`Humanitari`, one link or several) were left out as a column that matches no field."""
    data = (DATA / "ocha_ukr_hostilities_sample.geojson").read_bytes()
    result = preview_bytes(store, data, "UKR_Hostilities.geojson")
    assert result.mapping["place"] == "Name" and result.mapping["source_url"] == "Humanitari"
    rows = result.incidents
    assert list(rows["place"]) == ["Hirnyk", "Klishchiivka", "Avdiivka", "Bakhmut",
                                   "Zaliznychne", "Bakhmut"]
    assert rows["source_url"].iat[0] == "https://t.me/pavlokyrylenko_donoda/5889"
    assert rows["source_url"].iat[4].endswith("stanom-na-14.12.2022,-294-doba.html")
    several = rows.iloc[5]
    assert several["source_url"] == "https://t.me/pavlokyrylenko_donoda/5910"
    assert several["description"].startswith("Other sources: https://dn.npu.gov.ua/news/")
    assert set(rows["geo_precision"]) == {"unknown"} and set(rows["category"]) == {"other"}


def test_a_column_of_links_beside_words_or_a_named_source_is_not_taken(store):
    rows = ("date,lat,lon,source,seen\n2025-08-08,46.1,30.1,Suspilne,https://a.example/1\n")
    result = preview_bytes(store, rows.encode(), "named.csv")
    assert result.mapping["source_url"] is None and result.mapping["source_name"] == "source"
    words = ("date,lat,lon,seen\n2025-08-08,46.1,30.1,see https://a.example/1\n")
    assert preview_bytes(store, words.encode(), "words.csv").mapping["source_url"] is None
    pictures = ("date,lat,lon,gx_media_links\n2025-08-08,46.1,30.1,"
                "https://mymaps.usercontent.google.com/hostedimage/m/x\n")
    assert preview_bytes(store, pictures.encode(), "my_maps.csv").mapping["source_url"] is None


# FIRMS's older KML (FireMapper): each placemark's fields on one line of its description,
# the date ('05 Jun 2013') and time ('19:35') apart, the sensor 'NPP VIIRS' or 'Aqua MODIS',
# as `openwfm/wrf-fire` @ 885222fe9c70f18c5bf9d697dea35774a2de0720,
# other/Matlab/detection/read_fire_kml.m, parses it; constructed values, one placemark
# stating no confidence.
def _firemapper(lat, lon, time, sensor, confidence=""):
    fields = [("Latitude", lat), ("Longitude", lon), ("Detection Date", "05 Jun 2013"),
              ("Detection Time", time), ("Sensor", sensor),
              *([("Confidence", confidence)] if confidence else [])]
    line = "".join(f"<b>{name}: </b> {value}<br/>" for name, value in fields)
    return (f"<Placemark><name> Fire Detection Centroid </name>\n"
            f"<description><![CDATA[{line}]]></description>\n"
            f"<Point><coordinates>{lon},{lat},0</coordinates></Point></Placemark>\n")


FIREMAPPER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<kml xmlns="http://earth.google.com/kml/2.1"><Document><name>FireMapper</name>\n'
              "<Folder><name>Fire Detection Centroids</name>\n"
              + _firemapper("39.1123", "-105.1234", "19:35", "NPP VIIRS", "nominal")
              + _firemapper("39.2001", "-105.2002", "17:50", "Aqua MODIS")
              + "</Folder></Document></kml>")


def test_an_old_firms_kml_reads_its_date_and_time_apart_and_says_no_confidence(store):
    """Read right but for the detection that states no confidence: its description said
    'confidence , satellite Aqua MODIS'."""
    result = preview_bytes(store, FIREMAPPER.encode(), "FireMapper.kml")
    rows = result.incidents
    assert result.preset.name == "firms" and result.counts()["new"] == 2
    assert list(rows["date_text"]) == ["05 Jun 2013 19:35 UTC", "05 Jun 2013 17:50 UTC"]
    assert list(rows["subtype"]) == ["viirs", "modis"]
    assert "confidence nominal, satellite NPP VIIRS" in rows["description"].iat[0]
    assert ", no confidence given, satellite Aqua MODIS" in rows["description"].iat[1]


MERGED = [["Event", "", "", "Location", ""], ["date", "type", "source", "lat", "lon"],
          ["2025-08-08", "drone strike", "Suspilne", "46.1", "30.1"]]


def test_a_row_of_merged_group_names_over_the_header_is_left_out_and_said(store):
    """A spreadsheet's merged cells over its header ('Event' over three columns, 'Location'
    over two), saved as a workbook or a CSV: the group row was read as the header ('Event,
    column_2, column_3, Location, column_5') and the file refused for want of a date."""
    said = "The line above the header names groups of its columns ('Event', 'Location'"
    for data, name in ((workbook({"Sheet1": MERGED}), "merged.xlsx"),
                       ("\n".join(",".join(row) for row in MERGED).encode(), "merged.csv")):
        result = preview_bytes(store, data, name)
        assert result.counts()["new"] == 1 and result.mapping["date_start"] == "date"
        assert any(said in note for note in result.notes), result.notes


def test_ochas_timeseries_with_grouped_columns_is_refused_by_its_own_column_names(store):
    """OCHA's Ukraine time series (tests/data/ocha_ukraine_timeseries_grouped_header.csv:
    its first three lines, real): 'Flash Appeal', 'Update' and 'Funding' over its columns.
    It was refused naming 'Flash Appeal, column_2, column_3, ...'; now by its columns (it
    has no place: national figures, not events)."""
    data = (DATA / "ocha_ukraine_timeseries_grouped_header.csv").read_bytes()
    with pytest.raises(ValidationError, match=r"Missing column for a location .*; found: "
                                              r"Total Population\(Flash Appeal\), People"):
        preview_bytes(store, data, "timeseries.csv")


def test_a_row_that_states_no_category_still_duplicates_a_stored_strike_at_its_place(store):
    """A point at the seed's SOCAR depot on the day of its strike: once rows without a
    category were 'other', it was kept as new beside the stored strike."""
    point = b"date,lat,lon\n2025-08-08,46.64206,30.56863\n"
    result = preview_bytes(store, point, "again.csv")
    assert result.duplicates.iat[0].startswith("no category stated, 0.0 km away and on an "
                                               "overlapping date as stored incident")
    stated = preview_bytes(store, b"date,lat,lon,category\n2025-08-08,46.64206,30.56863,"
                                  b"other\n", "stated.csv")
    assert stated.duplicates.iat[0] == ""   # 'other' by the file's word: another event


def test_hdxs_ucdp_summary_of_deaths_per_year_is_refused_as_counts(store):
    """HDX's UCDP summary for Bangladesh (`OCHA-DAP/hdx-scraper-ucdp` @
    9cb5fc6ad8e5c31886ff4bb61d8e42bd43fdaf79, tests/fixtures/qc_conflict_data_BGD.csv: its
    header, HXL row and first two records; UCDP GED, CC BY 4.0) was refused as a file
    without dates ('no column of the file holds dates ... a map layer of places')."""
    data = ("year,adm_1,best\n#date+year,#adm1+name,#affected+killed\n"
            "2013,Barisāl Division,1\n1989,Chittagong Division,6\n")
    with pytest.raises(ValidationError, match="holds counts, not events: best per year"):
        preview_bytes(store, data.encode(), "qc_conflict_data_BGD.csv")


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    return session_geocoder(tmp_path_factory)


def test_an_oblast_and_raion_written_in_each_others_columns_are_put_back(store, geocoder):
    """Record 13 of the official air-raid alerts (tests/data/air_raid_alerts_official_uk_
    sample.csv, real) names 'Лубенський район' as its oblast and 'Полтавська область' as its
    raion: it was placed at the whole oblast, its raion no hint."""
    sample = DATA / "air_raid_alerts_official_uk_sample.csv"
    raw = read_upload(sample.read_bytes(), sample.name)
    preview = preview_import(raw, store, ImportOptions(), geocoder=lambda: geocoder)
    row = preview.incidents.loc[13]    # its hromada, narrowed by the raion put back
    assert row["place"] == "Гребінківська територіальна громада"
    assert "Hrebinkivska hromada" in row["geo_method"] and "Лубенський район" in row["geo_method"]
    assert any("1 row(s) name an oblast in the raion column" in note for note in preview.notes)
