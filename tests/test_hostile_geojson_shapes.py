"""GeoJSON features whose geometry is none RFC 7946 defines (a type it does not name,
coordinates nested one level too deep, true and false as coordinates): GDAL read each as
no shape, so the point written was lost without a word and the row refused for 'no
coordinates', or placed by its place name somewhere else. The file is refused, naming the
feature and what is wrong."""

from __future__ import annotations

import json

import pytest

from geo.errors import InputFileError
from geo.importing.readers.dispatch import read_file

AREA = {"type": "Polygon", "coordinates": [[[30, 46], [31, 46], [31, 47], [30, 46]]]}


def collection(*geometries) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": geometry,
         "properties": {"date": "2025-08-08", "place": "Kyiv"}} for geometry in geometries
    ]}).encode()


@pytest.mark.parametrize(("geometry", "said"), [
    ({"type": "Pointy", "coordinates": [30.7, 46.5]}, "the type 'Pointy'"),
    ({"type": "Point", "coordinates": [[30.7, 46.5]]}, "coordinates [[30.7, 46.5]]"),
    ({"type": "Point", "coordinates": [True, False]}, "coordinates [True, False]"),
    ({"type": "LineString", "coordinates": [[30, 46], ["31", "47"]]}, "a LineString"),
    ({"type": "Polygon", "coordinates": [[30, 46], [31, 46], [31, 47]]}, "a Polygon"),
    ({"type": "GeometryCollection", "geometries": [{"type": "Circle"}]}, "'Circle'"),
])
def test_a_feature_whose_shape_geojson_does_not_define_is_named_not_read_as_none(
        geometry, said):
    with pytest.raises(InputFileError) as refused:
        read_file(collection(AREA, geometry), "shapes.geojson")
    message = str(refused.value)
    assert "feature 2 of 2" in message and said in message, message


def test_every_shape_geojson_defines_is_still_read():
    shapes = [AREA, {"type": "Point", "coordinates": [30.7, 46.5, 120]},
              {"type": "MultiPolygon", "coordinates": [AREA["coordinates"]]},
              {"type": "GeometryCollection", "geometries": [AREA]}, None,
              {"type": "LineString", "coordinates": [[30, 46], [31, 47]]}]
    table = read_file(collection(*shapes), "shapes.geojson")
    assert len(table.frame) == len(shapes)
    assert (table.frame["latitude"] != "").sum() == len(shapes) - 1
