"""The matplotlib renderer draws the same layer objects as the folium one: projection,
extent, symbols by precision, dashed schematic routes and non-overlapping labels."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.path import Path

from geo.analysis.filters import split_mapped
from geo.errors import FilterError
from geo.render.compose import build_layers
from geo.render.extents import (
    REGIONS,
    extent_from_bounds,
    parse_bbox,
    projection_for,
    resolve_extent,
)
from geo.render.static_map import draw_layers, frame_for
from layers import strikes
from layers.base import MapLayers
from tests.support.seed import seed_data


@pytest.fixture(scope="module")
def seed_layers() -> MapLayers:
    incidents, sites, pipelines, basemap_parts = seed_data()
    mapped, _ = split_mapped(incidents)
    return build_layers(mapped_incidents=mapped, sites=sites, pipeline_routes=pipelines,
                        basemap_parts=basemap_parts)


def drawn(layers: MapLayers, extent=REGIONS["ukraine"]):
    figure = Figure(figsize=(8, 5), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_axes([0.02, 0.02, 0.96, 0.96])
    frame = draw_layers(ax, layers, extent)
    return figure, ax, frame


def test_the_map_is_a_conic_projection_fitted_to_the_axes(seed_layers):
    _, ax, frame = drawn(seed_layers)
    assert frame.crs.coordinate_operation.method_name.startswith("Lambert Conic Conformal")
    xmin, ymin, xmax, ymax = frame.bounds
    assert (xmax - xmin) / (ymax - ymin) == pytest.approx(8 * 0.96 / (5 * 0.96), rel=1e-6)
    assert ax.get_xlim() == pytest.approx((xmin, xmax))
    west, south, east, north = frame.geographic_box()
    assert west <= REGIONS["ukraine"][0] and east >= REGIONS["ukraine"][2]
    assert south <= REGIONS["ukraine"][1] and north >= REGIONS["ukraine"][3]


def test_each_layer_alone_through_the_static_renderer(seed_layers):
    for layer in seed_layers.overlays:
        _, ax, _ = drawn(MapLayers(seed_layers.basemap, [layer]))
        _, ax_base, _ = drawn(MapLayers(seed_layers.basemap, []))
        assert len(ax.collections) > len(ax_base.collections), layer.key


def point_collections(ax, color: str) -> list[PathCollection]:
    rgb = to_rgba(color)[:3]
    return [c for c in ax.collections if isinstance(c, PathCollection)
            and any(tuple(np.round(e[:3], 3)) == tuple(np.round(rgb, 3))
                    for e in list(c.get_edgecolors()) + list(c.get_facecolors()))]


def _alpha(collection) -> float:
    faces = collection.get_facecolors()
    return float(faces[0][3]) if len(faces) else 0.0


def _dash_count(collection) -> int:
    codes = collection.get_paths()[0].codes
    return 0 if codes is None else int((codes == Path.MOVETO).sum())


def test_precision_is_drawn_as_solid_hollow_or_dashed(seed_layers):
    # at full opacity (geolocated): weaker claim statuses fade every symbol alike
    incidents, sites, _, _ = seed_data()
    mapped, _ = split_mapped(incidents.assign(claim_status="geolocated"))
    strikes_only = MapLayers(seed_layers.basemap, [strikes.build(mapped, sites)])
    _, ax, _ = drawn(strikes_only)
    strike_marks = point_collections(ax, "#D55E00")
    solid = [c for c in strike_marks if _alpha(c) > 0.8]
    hollow = [c for c in strike_marks if _alpha(c) == 0 and _dash_count(c) <= 1]
    region_disc = [c for c in strike_marks if 0 < _alpha(c) < 0.3]
    dashed_ring = [c for c in strike_marks if _alpha(c) == 0 and _dash_count(c) >= 8]
    assert solid and hollow and region_disc and dashed_ring


def test_schematic_pipelines_are_dashed(seed_layers):
    _, ax, _ = drawn(MapLayers(seed_layers.basemap, [seed_layers.overlays[0]]),
                     REGIONS["wide"])
    lines = [c for c in ax.collections if isinstance(c, LineCollection)
             and c.get_zorder() >= 2]
    dashes = [c.get_linestyles()[0][1] for c in lines]
    assert any(d is not None for d in dashes) and any(d is None for d in dashes)


def test_site_labels_are_drawn_and_never_overlap(seed_layers):
    figure, ax, _ = drawn(seed_layers)
    renderer = figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text() and t.get_color() != "white"]
    texts = {t.get_text() for t in labels}
    assert {"Kremenchuk oil refinery", "Orlivka gas distribution station",
            "SOCAR oil depot (Odesa Oblast)"} <= texts
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1:]:
            assert not first.overlaps(second), (first, second)


def test_frame_widens_the_extent_to_the_aspect():
    extent = (22.0, 44.0, 41.0, 53.0)
    wide = frame_for(extent, 3.0, projection_for(extent))
    xmin, ymin, xmax, ymax = wide.bounds
    assert (xmax - xmin) / (ymax - ymin) == pytest.approx(3.0)


def test_extents_from_names_boxes_and_map_bounds():
    _, sites, _, _ = seed_data()
    story = resolve_extent(region="story", sites=sites)
    assert story[0] < 23.5 and story[2] > 49.9  # Drohobych to Baku
    assert resolve_extent(bbox=parse_bbox("22,44,41,53")) == (22.0, 44.0, 41.0, 53.0)
    bounds = {"_southWest": {"lat": 40.0, "lng": -10.0}, "_northEast": {"lat": 70.0, "lng": 90}}
    assert extent_from_bounds(bounds) == (-10.0, 40.0, 90.0, 70.0)
    assert resolve_extent(bounds=bounds) == (12.0, 40.0, 62.0, 60.0)  # clipped to the basemap
    assert resolve_extent(bounds=None, sites=sites) == story
    with pytest.raises(FilterError, match="Unknown region 'mars'"):
        resolve_extent(region="mars", sites=sites)
    with pytest.raises(FilterError, match="not four numbers"):
        parse_bbox("22,44,41")
    with pytest.raises(FilterError, match="outside the offline basemap"):
        resolve_extent(bbox=(-80.0, 30.0, -70.0, 40.0))


@pytest.mark.parametrize(("bbox", "drawn"), [
    ((30.5, 50.4, 30.5000001, 50.4000001), (30.25, 50.15, 30.75, 50.65)),  # one depot
    ((61.9, 59.9, 62.0, 60.0), (61.5, 59.5, 62.0, 60.0)),  # in the basemap's corner
])
def test_an_extent_smaller_than_half_a_degree_inside_the_basemap_is_widened(bbox, drawn):
    """It was refused as 'outside the offline basemap', which it is not: the CLI's small
    bbox, and the live map zoomed in on a town (the snapshot fell back to the story)."""
    assert resolve_extent(bbox=bbox) == pytest.approx(drawn)
    zoomed = {"_southWest": {"lat": bbox[1], "lng": bbox[0]},
              "_northEast": {"lat": bbox[3], "lng": bbox[2]}}
    assert resolve_extent(bounds=zoomed) == pytest.approx(drawn)
