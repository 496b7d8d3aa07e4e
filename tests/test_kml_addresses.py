"""A Google My Maps layer made from a spreadsheet is exported with each placemark's
<address> (what Google placed it by) and no point. GDAL leaves <address> out, so the import
lost it without a word and looked the placemark up by its name, a title ('Odesa port').
The KML is constructed in the layout My Maps writes for such a layer."""

from __future__ import annotations

from geo.importing.columns import auto_mapping
from geo.importing.pipeline import read_upload

KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Strikes</name>
<Folder><name>strikes.csv</name>
<Placemark><name>Kremenchuk</name><address>Kremenchuk, Poltava Oblast, Ukraine</address>
<styleUrl>#icon-1899-0288D1-nodesc</styleUrl>
<ExtendedData><Data name="Date"><value>2025-07-02</value></Data></ExtendedData></Placemark>
<Placemark><name>Odesa port</name><address>Odesa, Ukraine</address>
<styleUrl>#icon-1899-0288D1-nodesc</styleUrl>
<ExtendedData><Data name="Date"><value>2025-08-08</value></Data></ExtendedData></Placemark>
</Folder></Document></kml>"""


def test_a_placemarks_address_is_read_and_places_it():
    raw = read_upload(KML.encode(), "strikes.kml")
    assert list(raw.frame["address"]) == ["Kremenchuk, Poltava Oblast, Ukraine",
                                          "Odesa, Ukraine"]
    assert auto_mapping(raw.frame.columns)["place"] == "address"


def test_an_address_column_of_the_extended_data_is_not_read_twice():
    kml = KML.replace('<Data name="Date">', '<Data name="Address"><value>Odesa</value></Data>'
                      '<Data name="Date">')
    raw = read_upload(kml.encode(), "strikes.kml")
    assert [c for c in raw.frame.columns if c.lower() == "address"] == ["Address"]
