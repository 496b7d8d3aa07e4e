"""KML as Google My Maps and Google Earth export it: HTML descriptions stored as plain
text, the date from ExtendedData or a TimeStamp/TimeSpan (its folder's when it has none,
at the precision the file writes), and clear words when a file has no date or holds only
a network link. The giscore_kml_* files are real (tests/data/README.md).

The KML here is constructed in the structure of a My Maps "Export to KML" (styles named
icon-1899-..., a Folder per layer, CDATA descriptions with <br>, links and images, Data
named by the layer's columns, gx_media_links); its values are made up."""

from __future__ import annotations

import re

import pytest

from geo.errors import InputFileError, ValidationError
from geo.importing.readers.dispatch import read_file
from geo.importing.readers.html_text import plain_text
from tests.support.files import TEST_DATA
from tests.support.imports import KML, preview_bytes

MY_MAPS = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
  <Document>
    <name>Energy strikes</name>
    <description/>
    <Style id="icon-1899-0288D1-normal"><IconStyle><color>ffd18802</color><scale>1</scale>
      <Icon><href>https://www.gstatic.com/mapspro/images/stock/503-wht-blank_maps.png</href>
      </Icon><hotSpot x="32" xunits="pixels" y="64" yunits="insetPixels"/></IconStyle>
      <LabelStyle><scale>0</scale></LabelStyle></Style>
    <StyleMap id="icon-1899-0288D1"><Pair><key>normal</key>
      <styleUrl>#icon-1899-0288D1-normal</styleUrl></Pair></StyleMap>
    <Folder>
      <name>Strikes</name>
      <Placemark>
        <name>Depot fire</name>
        <description>{DESCRIPTION}</description>
        <styleUrl>#icon-1899-0288D1</styleUrl>
        <ExtendedData>
          <Data name="Date">
            <value>08/08/2025</value>
          </Data>
          <Data name="gx_media_links">
            <value><![CDATA[https://mymaps.usercontent.google.com/hostedimage/m/x]]></value>
          </Data>
        </ExtendedData>
        <Point>
          <coordinates>
            30.61204,46.70118,0
          </coordinates>
        </Point>
      </Placemark>
    </Folder>
  </Document>
</kml>""".replace("{DESCRIPTION}", (
    '<![CDATA[<img src="https://mymaps.usercontent.google.com/hostedimage/m/x" height="200"/>'
    '<br><br>Fire at the fuel depot &amp; rail yard<br>Source: '
    '<a href="https://t.me/example/1">Telegram</a><br>Date: 08/08/2025]]>'))


def test_html_becomes_the_text_a_reader_saw():
    assert plain_text('<div>2 crews<br></div><div>1 truck</div>') == "2 crews\n\n1 truck"
    assert plain_text('Source: <a href="https://t.me/x/1">Telegram</a>') == (
        "Source: Telegram (https://t.me/x/1)")
    assert plain_text('<a href="javascript:alert(1)">click</a><script>x()</script>') == "click"
    assert plain_text("casualties < 5 and > 2") == "casualties < 5 and > 2"


def test_my_maps_export_stores_its_description_as_plain_text(store):
    table = read_file(MY_MAPS.encode(), "Energy strikes.kml")
    first = table.frame.iloc[0]
    assert first["description"] == ("Fire at the fuel depot & rail yard\n"
                                    "Source: Telegram (https://t.me/example/1)\n"
                                    "Date: 08/08/2025")
    assert "hostedimage" not in first["description"]
    assert any("stored as plain text" in note for note in table.notes)
    preview = preview_bytes(store, MY_MAPS.encode(), "Energy strikes.kml")
    row = preview.incidents.iloc[0]
    assert row["date_start"].strftime("%Y-%m-%d") == "2025-08-08"
    assert row["geo_precision"] == "unknown" and "<" not in row["description"]


def test_the_first_web_link_of_a_description_is_the_placemark_s_source(store):
    preview = preview_bytes(store, MY_MAPS.encode(), "Energy strikes.kml")
    assert preview.incidents.iloc[0]["source_url"] == "https://t.me/example/1"
    assert any("read as its source URL" in note for note in preview.notes)
    # a file with a link column of its own keeps it; a description without a link gives none
    own = MY_MAPS.replace('<Data name="Date">', '<Data name="url"><value>https://example.org/'
                          'report</value></Data><Data name="Date">')
    assert preview_bytes(store, own.encode(), "own.kml").incidents.iloc[0]["source_url"] == \
        "https://example.org/report"
    bare = MY_MAPS.replace('<a href="https://t.me/example/1">Telegram</a>', "Telegram")
    assert preview_bytes(store, bare.encode(), "bare.kml").incidents.iloc[0]["source_url"] == ""


def test_a_folder_time_dates_the_placemarks_without_their_own(store):
    data = (TEST_DATA / "giscore_kml_nested_inherits.kml").read_bytes()
    table = read_file(data, "nestedInherits.kml")
    assert any("3 placemark(s) without a time of their own took their folder's" in note
               for note in table.notes)
    preview = preview_bytes(store, data, "nestedInherits.kml", keep_duplicates=True)
    assert preview.incidents["date_start"].notna().all()
    assert set(preview.incidents["date_start"].dt.strftime("%Y-%m-%d")) == {"2007-01-14"}


def test_kml_times_keep_the_precision_the_file_writes(store):
    data = (TEST_DATA / "giscore_kml_timestamps.kml").read_bytes()
    incidents = preview_bytes(store, data, "timestamps.kml").incidents.set_index("place")
    days = {place: (row["date_start"].strftime("%Y-%m-%d"), row["date_end"].strftime(
        "%Y-%m-%d"), row["date_precision"]) for place, row in incidents.iterrows()}
    assert days["when 2009"] == ("2009-01-01", "2009-12-31", "approximate")
    assert days["span 2009"] == ("2009-01-01", "2009-12-31", "approximate")
    assert days["when 2009-02"] == ("2009-02-01", "2009-02-28", "month")
    assert days["span 2009-02"] == ("2009-02-01", "2009-02-28", "month")
    assert days["when 2009-03-01"] == ("2009-03-01", "2009-03-01", "day")


def test_kml_2_0_old_style_schema_placemarks_are_read(store):
    """KML 2.0's <Schema parent="Placemark"> elements (removed in 2.1; ArcGIS and early Google
    Earth wrote them): the file was refused as having no features."""
    data = (TEST_DATA / "giscore_kml_old_style_schema.kml").read_bytes()
    table = read_file(data, "SchemaOldStyle.kml")
    assert list(table.frame["DATE"]) == ["2008-07-08T18:01:53.000Z", "2008-07-08T18:02:03.000Z",
                                         "2008-07-08T18:02:11.000Z"]
    assert list(table.frame["MGRS"]) == ["38SMB4587388305"] * 3
    preview = preview_bytes(store, data, "SchemaOldStyle.kml", keep_duplicates=True)
    assert preview.counts()["rejected"] == 0
    assert set(preview.incidents["date_start"].dt.strftime("%Y-%m-%d")) == {"2008-07-08"}
    assert round(preview.incidents.iloc[0]["longitude"], 5) == -71.23379


def test_kml_without_any_time_asks_for_the_date_column(store):
    undated = re.sub(r"<TimeStamp>.*?</TimeStamp>|<TimeSpan>.*?</TimeSpan>", "", KML,
                     flags=re.S).encode()
    with pytest.raises(ValidationError, match="Missing column for date; found: Name, "
                                              "description, source, latitude"):
        preview_bytes(store, undated, "undated.kml")


def test_kml_holding_only_a_network_link_says_how_to_export_the_data():
    linked = (b'<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/'
              b'2.2"><Document><name>Map</name><NetworkLink><name>Map</name><Link><href>'
              b'https://www.google.com/maps/d/u/0/kml?mid=EXAMPLE</href></Link></NetworkLink>'
              b'</Document></kml>')
    with pytest.raises(InputFileError, match=r"only a network link to https://www\.google"
                                             r"\.com/maps/d/u/0/kml\?mid=EXAMPLE.*unticked"):
        read_file(linked, "Map.kml")


# Google's KML tutorial's Pentagon as OpenSextant/giscore's MultiGeomMixed-Pentagon.kml
# mixes it: a MultiGeometry holding a bare LinearRing and a Polygon (valid KML; GDAL gives
# WKB that shapely cannot parse). Constructed points near Odesa, dated.
MULTI_GEOMETRY_WITH_RING = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>Depot</name><TimeStamp><when>2025-08-08</when></TimeStamp>
<Point><coordinates>30.61204,46.70118,0</coordinates></Point></Placemark>
<Placemark><name>Airfield</name><TimeStamp><when>2025-08-09</when></TimeStamp>
<MultiGeometry>
<LinearRing><coordinates>30,46,0 30.1,46,0 30.1,46.1,0 30,46,0</coordinates></LinearRing>
<Polygon><outerBoundaryIs><LinearRing><coordinates>30.02,46.02,0 30.05,46.02,0 30.05,46.05,0
30.02,46.02,0</coordinates></LinearRing></outerBoundaryIs></Polygon>
</MultiGeometry></Placemark>
</Document></kml>"""


def test_a_shape_gdal_cannot_hand_over_refuses_its_row_not_the_file(store):
    preview = preview_bytes(store, MULTI_GEOMETRY_WITH_RING.encode(), "mixed.kml")
    assert preview.status.to_dict() == {1: "new", 2: "rejected"}
    (problem,) = preview.issues.messages(2)
    assert "Row 2: the placemark's shape could not be read" in problem
    assert "MultiGeometry holding a bare LinearRing" in problem
    assert "give its latitude and longitude" in problem


# A track as Google's Location History (Latitude) export writes it (the structure of the
# input shown by r4vi/latitude2gpx's README): a gx:Track of <when>/<gx:coord> pairs directly
# in the Document. Constructed times and points.
TRACK = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Document><name>Location history from 08/07/2025 to 08/09/2025</name>
<Placemark><name>Convoy</name><description>Column seen moving south</description>
<gx:Track><altitudeMode>clampToGround</altitudeMode>
<when>2025-08-07T16:01:54.272-07:00</when><gx:coord>30.61 46.70 0</gx:coord>
<when>2025-08-07T23:40:00.000-07:00</when><gx:coord>30.62 46.69 0</gx:coord>
<when>2025-08-08T02:05:14.345-07:00</when><gx:coord>30.63 46.68 0</gx:coord>
</gx:Track></Placemark>
<Placemark><name>Depot</name><TimeStamp><when>2025-08-09</when></TimeStamp>
<Point><coordinates>30.7,46.5,0</coordinates></Point></Placemark>
</Document></kml>"""


def test_a_gx_track_is_dated_from_its_first_to_its_last_when(store):
    raw = read_file(TRACK.encode(), "history.kml")
    track = raw.frame.loc[1]
    assert (track["when"], track["end"]) == ("2025-08-07T16:01:54.272-07:00",
                                             "2025-08-08T02:05:14.345-07:00")
    preview = preview_bytes(store, TRACK.encode(), "history.kml")
    assert preview.counts()["new"] == 2
    row = preview.incidents.loc[1]
    assert (str(row["date_start"].date()), str(row["date_end"].date())) == ("2025-08-07",
                                                                            "2025-08-08")
    assert row["geo_precision"] == "unknown"   # a point on the path, not a stated place
