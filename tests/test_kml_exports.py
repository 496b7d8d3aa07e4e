"""KML as Google My Maps and Google Earth export it: HTML descriptions stored as plain
text, the date from ExtendedData or a TimeStamp/TimeSpan, and clear words when a file has
no date or holds only a network link.

The KML here is constructed in the structure of a My Maps "Export to KML" (styles named
icon-1899-..., a Folder per layer, CDATA descriptions with <br>, links and images, Data
named by the layer's columns, gx_media_links); its values are made up."""

from __future__ import annotations

from geo.importing.readers.dispatch import read_file
from geo.importing.readers.html_text import plain_text
from tests.support.imports import preview_bytes

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
