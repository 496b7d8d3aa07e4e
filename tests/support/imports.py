"""Helpers for import tests: a file through the real pipeline into a preview, without a
geocoder (rows in these tests carry coordinates)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from geo.importing.pipeline import ImportOptions, preview_import, read_upload

TODAY = dt.date(2026, 1, 1)
# A KML of two placemarks in two folders: a point with a time stamp and extended data, and
# an area with a time span (constructed for these tests)
KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>strikes</name>
<Folder><name>Odesa</name>
<Placemark><name>Depot fire</name><description><![CDATA[<b>drone</b> strike]]></description>
<TimeStamp><when>2025-08-08</when></TimeStamp>
<ExtendedData><Data name="source"><value>Suspilne</value></Data></ExtendedData>
<Point><coordinates>30.61204,46.70118,0</coordinates></Point></Placemark></Folder>
<Folder><name>Areas</name>
<Placemark><name>Area</name><TimeSpan><begin>2025-08-01</begin><end>2025-08-03</end></TimeSpan>
<Polygon><outerBoundaryIs><LinearRing><coordinates>30,46 31,46 31,47 30,46</coordinates>
</LinearRing></outerBoundaryIs></Polygon></Placemark></Folder>
</Document></kml>"""

# A uMap map export (.umap) of two layers, in the structure of uMap's fixture
# umap/tests/fixtures/test_upload_data.umap (constructed values, see tests/data/README.md)
UMAP = {
    "type": "umap", "uri": "https://umap.openstreetmap.fr/en/map/strikes_1",
    "geometry": {"type": "Point", "coordinates": [31.0, 47.0]},  # the map's centre
    "properties": {"name": "Strikes", "zoom": 6, "description": "Map description"},
    "layers": [
        {"type": "FeatureCollection", "_umap_options": {"name": "Odesa", "color": "Red"},
         "features": [{"type": "Feature",
                       "geometry": {"type": "Point", "coordinates": [30.61204, 46.70118]},
                       "properties": {"name": "Depot fire", "date": "2025-08-08",
                                      "_umap_options": {"color": "Orange"}}}]},
        {"type": "FeatureCollection", "properties": {"name": "Kremenchuk"},
         "features": [{"type": "Feature",
                       "geometry": {"type": "Point", "coordinates": [33.42, 49.07]},
                       "properties": {"name": "Refinery", "date": "2025-07-02"}}]},
    ],
}


def preview_bytes(store, data: bytes, name: str, **options):
    raw = read_upload(data, name)
    return preview_import(raw, store, ImportOptions(today=TODAY, **options))


def kmz(document: bytes) -> bytes:
    """A KML document zipped as a KMZ (its doc.kml)."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("doc.kml", document)
    return data.getvalue()
