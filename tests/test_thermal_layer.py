"""The thermal detections layer (FIRMS) through both renderers, apart from the claims, and
the thermal columns of the exports."""

from __future__ import annotations

import base64
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from geo.analysis.filters import split_mapped
from geo.importing.pipeline import ImportOptions, import_path
from geo.render.compose import build_layers
from geo.render.extents import REGIONS
from geo.render.folium_map import build_map
from geo.render.legend import legend_html
from geo.render.static_map import draw_layers
from geo.sharing.exports import export_bytes, export_frame
from geo.shipped import read_basemap, read_pipelines
from layers import thermal
from layers.base import MapLayers
from layers.style import FRP_CLASSES
from tests.support.files import FIRMS_CSV
from tests.support.map_html import canvas_specs
from tests.support.views import store_view


@pytest.fixture
def view(store) -> pd.DataFrame:
    """Every stored incident, with the typed FIRMS values and the corroboration joined as
    every view has them (geo.analysis.view)."""
    import_path(FIRMS_CSV, store, ImportOptions(today=dt.date(2026, 1, 1)))
    return store_view(store).incidents


@pytest.fixture
def layers(view, store) -> MapLayers:
    mapped, _ = split_mapped(view)
    return build_layers(mapped_incidents=mapped, sites=store.sites_frame(),
                        pipeline_routes=read_pipelines(store.data_dir),
                        basemap_parts=read_basemap(store.data_dir))


def test_thermal_detections_are_their_own_layer_not_strikes(layers):
    assert layers.keys() == ["pipelines", "infrastructure", "thermal", "strikes"]
    by_key = {layer.key: layer for layer in layers.overlays}
    assert len(by_key["thermal"]) == 9
    assert set(by_key["strikes"].records["category"]) & {"thermal_detection"} == set()
    assert len(by_key["strikes"]) == 14
    assert by_key["thermal"].day_start is not None  # the in-map time control narrows it
    assert {s.shape for s in by_key["thermal"].styles} == {"square"}


def test_fire_radiative_power_sets_the_class():
    frp = pd.Series([0.0, 9.99, 10.0, 42.7, 50.0, 199.0, 200.0, 1500.0, np.nan])
    assert thermal.frp_classes(frp).tolist() == [0, 0, 1, 1, 2, 2, 3, 3, thermal.UNKNOWN_STYLE]
    assert len(thermal.STYLES) == len(FRP_CLASSES) + 1


def test_folium_draws_the_layer_with_popups_that_say_what_it_is(layers):
    html = build_map(layers).get_root().render()
    spec = canvas_specs(html)["thermal"]
    assert len(np.frombuffer(base64.b64decode(spec["lat"]), dtype=np.float32)) == 9
    assert spec["dayStart"] is not None
    strongest = next(p for p in spec["popups"] if "42.7 MW" in p)
    assert "Thermal detection, 28 Jun 2025 23:18 UTC" in strongest
    assert "A fire seen from orbit: evidence, not a claim of a strike" in strongest
    assert "N20 VIIRS" in strongest and ">high<" in strongest and ">night<" in strongest
    strikes_spec = canvas_specs(html)["strikes"]
    tpp = next(p for p in strikes_spec["popups"] if "thermal power plant (Kremenchuk)" in p)
    assert "Thermal evidence (FIRMS)" in tpp
    assert "4 FIRMS detections within 2 km" in tpp and "Evidence, not proof." in tpp
    legend = legend_html([(layer.title, layer.legend) for layer in layers.overlays])
    assert "Thermal detections (FIRMS)" in legend and "FRP 10–50 MW" in legend


def test_a_thermal_row_without_typed_values_is_drawn_and_escaped(layers):
    records = layers.overlays[2].records.head(1).drop(columns=list(thermal.TYPED_COLUMNS))
    records = records.assign(description="<script>alert(1)</script>")
    layer = thermal.build(records)
    assert layer.style_index.tolist() == [thermal.UNKNOWN_STYLE]
    html = build_map(MapLayers(layers.basemap, [layer])).get_root().render()
    popup = canvas_specs(html)["thermal"]["popups"][0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in popup and "<script>alert" not in popup


def test_matplotlib_draws_the_layer_as_squares_by_frp_class(layers):
    alone = MapLayers(layers.basemap, [layers.overlays[2]])
    figure = Figure(figsize=(8, 5), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_axes([0.02, 0.02, 0.96, 0.96])
    draw_layers(ax, alone, REGIONS["ukraine"])
    colours = {tuple(np.round(to_rgba(c)[:3], 3)) for _, _, c in FRP_CLASSES}
    marks = [c for c in ax.collections if isinstance(c, PathCollection)
             and {tuple(np.round(f[:3], 3)) for f in c.get_facecolors()} & colours]
    assert sum(len(c.get_offsets()) for c in marks) == 9
    vertices = marks[0].get_paths()[0].vertices
    assert len(np.unique(np.round(np.abs(vertices), 3), axis=0)) <= 2  # a square's corners


def test_exports_carry_the_count_and_status_of_thermal_corroboration(view):
    frame = export_frame(view).set_index("incident_id")
    assert frame.loc["seed-000-02", "thermal_detections"] == 4
    assert frame.loc["seed-000-02", "thermal_status"] == "detected"
    assert frame.loc["seed-000-03", "thermal_status"] == "no_data"
    assert pd.isna(frame.loc["seed-000-03", "thermal_detections"])  # not a count of none
    assert pd.isna(frame.loc["seed-002-03", "thermal_detections"])  # not a strike
    csv = export_bytes(view, "csv").decode("utf-8-sig")
    assert "thermal_detections,thermal_status" in csv.splitlines()[0]
    assert b'"thermal_status": "detected"' in export_bytes(view, "geojson")
    plain = export_frame(view.drop(columns=["thermal_count", "thermal_status"]))
    assert set(plain["thermal_status"]) == {""}  # not matched: left empty, never "none"
