"""Every layer, built from the shipped data, through both renderers."""

from __future__ import annotations

import base64
import re

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo.analysis.filters import split_mapped
from geo.render.compose import LAYER_KEYS, build_layers
from geo.render.folium_map import build_map
from geo.settings import DATA_DIR
from geo.shipped import read_basemap, read_pipelines
from geo.store.seed import read_seed_incidents, read_seed_sites
from layers import strikes
from layers.base import PointLayer, ShapeLayer
from tests.support.map_html import canvas_specs


@pytest.fixture(scope="module")
def map_layers():
    mapped, _ = split_mapped(read_seed_incidents(DATA_DIR))
    return build_layers(mapped_incidents=mapped, sites=read_seed_sites(DATA_DIR),
                        pipeline_routes=read_pipelines(DATA_DIR),
                        basemap_parts=read_basemap(DATA_DIR))


@pytest.fixture(scope="module")
def map_html(map_layers) -> str:
    return build_map(map_layers).get_root().render()


def test_all_three_layers_and_the_basemap_are_built(map_layers):
    assert map_layers.keys() == ["pipelines", "infrastructure", "strikes"]
    assert set(map_layers.keys()) == set(LAYER_KEYS) - {"thermal"}  # the seed has no FIRMS data
    assert isinstance(map_layers.basemap, ShapeLayer) and len(map_layers.basemap) > 100
    strikes_layer = map_layers.overlays[2]
    assert isinstance(strikes_layer, PointLayer) and len(strikes_layer) == 14
    assert strikes_layer.day_start.dtype == np.int32


def test_precision_changes_the_symbol(map_layers):
    layer = map_layers.overlays[2]
    fills = {row["incident_id"]: layer.styles[layer.style_index[i]].fill
             for i, row in layer.records.iterrows()}
    assert fills["seed-000-02"] == "solid"  # Kremenchuk TPP: facility point
    assert fills["seed-000-01"] == "hollow"  # refinery: town point only
    assert fills["seed-002-01"] == "dashed"  # depot: only the oblast is known


def test_folium_renderer_draws_every_layer_offline(map_layers, map_html):
    specs = canvas_specs(map_html)
    assert set(specs) == {"infrastructure", "strikes"}
    latitudes = np.frombuffer(base64.b64decode(specs["strikes"]["lat"]), dtype=np.float32)
    assert len(latitudes) == 14 and len(specs["strikes"]["popups"]) == 14
    assert "Trans-Balkan" in map_html and "SCHEMATIC, drawn dashed" in map_html
    assert '"dashArray": "8 6"' in map_html or "8 6" in map_html
    remote = re.findall(r"""<(?:script|link)[^>]+(?:src|href)=["'](https?://[^"']+)""",
                        map_html)
    assert remote == [], f"the map must not fetch scripts or styles online: {remote}"
    assert "data:text/javascript;base64," in map_html


def test_large_layers_send_compact_arrays_without_popups(map_layers):
    base = map_layers.overlays[2]
    n = 20_000
    big = strikes.build(base.records.sample(n, replace=True, random_state=1), read_seed_sites(
        DATA_DIR))
    html = build_map(type(map_layers)(map_layers.basemap, [big])).get_root().render()
    spec = canvas_specs(html)["strikes"]
    assert spec["popups"] is None
    assert len(base64.b64decode(spec["lat"])) == 4 * n


def test_static_renderer_draws_every_layer(map_layers):
    static_map = pytest.importorskip("geo.render.static_map")
    figure = Figure(figsize=(8, 5), dpi=80)
    FigureCanvasAgg(figure)
    ax = figure.subplots()
    static_map.draw_layers(ax, map_layers, extent=(20.0, 43.0, 42.0, 53.0))
    assert len(ax.collections) + len(ax.lines) + len(ax.patches) >= 4
    figure.canvas.draw()
    pixels = np.asarray(figure.canvas.buffer_rgba())
    assert len(np.unique(pixels.reshape(-1, 4), axis=0)) > 20, "the static map is blank"


def test_pipelines_are_styled_by_commodity_and_status(map_layers):
    layer = map_layers.overlays[0]
    by_row = [(row.commodity, row.status, layer.styles[row.style])
              for row in layer.frame.itertuples()]
    gas = {s.color for c, _, s in by_row if c == "gas"}
    oil = {s.color for c, _, s in by_row if c == "oil"}
    assert len(gas) == len(oil) == 1 and gas != oil
    operating = {s.opacity for _, status, s in by_row if status == "operating"}
    idle = {s.opacity for _, status, s in by_row if status in ("idle", "mothballed")}
    assert max(idle) < min(operating)
    labels = [entry.label for entry in layer.legend]
    assert any(label.startswith("Gas pipeline") for label in labels)
    assert any(label.startswith("Not operating") for label in labels)
