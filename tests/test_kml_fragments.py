"""A KML document whose root is a feature, without <kml> around it: a placemark as some
tools write one alone (giscore's Placemark/AllElements.kml, kmz/simple/big.kmz: real
samples, not copied; Apache 2.0). The first was refused as 'an XML or HTML document that is
neither KML nor GPX', the second as 'kml contains no Containers'. The placemark below is
constructed in their form."""

from __future__ import annotations

from geo.importing.readers.dispatch import read_file
from tests.support.imports import kmz, preview_bytes

PLACEMARK = b"""<?xml version="1.0" encoding="UTF-8"?>
<Placemark xmlns="http://www.opengis.net/kml/2.2">
  <name>Constructed strike</name>
  <TimeStamp><when>2025-08-08</when></TimeStamp>
  <Point><coordinates>33.42,49.068,0</coordinates></Point>
</Placemark>
"""


def test_a_lone_placemark_is_a_kml_file(store):
    table = read_file(PLACEMARK, "placemark.kml")
    assert table.file_format == "KML" and list(table.frame["Name"]) == ["Constructed strike"]
    preview = preview_bytes(store, PLACEMARK, "placemark.kml")
    assert preview.counts()["new"] == 1


def test_a_lone_placemark_in_a_kmz(store):
    old = PLACEMARK.replace(b"http://www.opengis.net/kml/2.2", b"http://earth.google.com/kml/2.1")
    preview = preview_bytes(store, kmz(old), "placemark.kmz")
    assert preview.counts()["new"] == 1
