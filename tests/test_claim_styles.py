"""Claim status on the map: one style per category x precision x status, drawn by both
renderers (canvas spec, matplotlib) and named in both legends."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from geo.analysis.filters import split_mapped
from geo.render.folium_map import build_map
from geo.render.legend import legend_html
from geo.render.static_legend import draw_symbol
from geo.schema import CATEGORIES, CLAIM_STATUSES
from layers import basemap, strikes
from layers.base import MapLayers
from layers.style import CATEGORY_COLORS, CLAIM_STATUS_SYMBOLS, PRECISION_SYMBOLS
from tests.support.seed import seed_data
from tests.support.static_drawing import drawn_axes

HALO = CLAIM_STATUS_SYMBOLS["confirmed"][1]


def test_every_category_precision_and_status_has_its_own_style():
    assert len(strikes.STYLES) == len(CATEGORIES) * len(PRECISION_SYMBOLS) * len(CLAIM_STATUSES)
    assert len(strikes.STYLES) <= 256  # the style index is a uint8
    assert len(set(strikes.STYLES)) == len(strikes.STYLES)


def test_status_changes_opacity_and_ring_but_not_colour_or_precision_symbol():
    n = len(CLAIM_STATUSES)
    index = strikes.style_indices(
        pd.Series(["strike"] * n), pd.Series(["town"] * n), pd.Series(list(CLAIM_STATUSES)))
    styles = {status: strikes.STYLES[i] for status, i in zip(CLAIM_STATUSES, index,
                                                             strict=True)}
    assert {s.color for s in styles.values()} == {CATEGORY_COLORS["strike"]}
    assert {s.fill for s in styles.values()} == {"hollow"}
    assert styles["claimed"].opacity < styles["reported"].opacity < styles["geolocated"].opacity
    assert styles["geolocated"].opacity == styles["confirmed"].opacity == 1.0
    assert styles["confirmed"].halo == HALO
    assert not any(styles[s].halo for s in ("claimed", "reported", "geolocated"))


def test_an_unknown_or_missing_status_is_drawn_as_the_weakest_claim():
    unknown = strikes.style_indices(pd.Series(["strike"]), pd.Series(["site"]),
                                    pd.Series(["rumoured"]))
    missing = strikes.style_indices(pd.Series(["strike"]), pd.Series(["site"]))
    claimed = strikes.style_indices(pd.Series(["strike"]), pd.Series(["site"]),
                                    pd.Series(["claimed"]))
    assert unknown[0] == missing[0] == claimed[0]


@pytest.fixture(scope="module")
def two_statuses():
    """The seed incidents, with the Kremenchuk TPP strike confirmed and the rest claimed."""
    incidents, sites, _, basemap_parts = seed_data()
    statuses = np.where(incidents["incident_id"] == "seed-000-02", "confirmed", "claimed")
    mapped, _ = split_mapped(incidents.assign(claim_status=statuses))
    return strikes.build(mapped, sites), basemap_parts


def test_the_canvas_renderer_gets_each_points_status_style(two_statuses):
    layer, basemap_parts = two_statuses
    html = build_map(MapLayers(basemap.build(basemap_parts), [layer])).get_root().render()
    spec = json.loads(re.search(r"new L\.IncidentCanvas\((\{.*?\})\);", html).group(1))
    styles = spec["styles"]
    index = np.frombuffer(base64.b64decode(spec["style"]), dtype=np.uint8)
    ids = list(layer.records["incident_id"])
    confirmed = styles[index[ids.index("seed-000-02")]]
    claimed = styles[index[ids.index("seed-000-01")]]
    assert confirmed["halo"] == HALO and confirmed["opacity"] == 1.0
    assert claimed["halo"] == "" and claimed["opacity"] == CLAIM_STATUS_SYMBOLS["claimed"][0]
    assert "Confirmed: dark ring" in html and "Claimed by one side only: faint" in html
    assert "Geolocated" not in html.split("im-legend")[-1]  # no such point: no entry


def collections_with(ax, rgba) -> list[PathCollection]:
    wanted = np.round(rgba, 3)
    return [c for c in ax.collections if isinstance(c, PathCollection) and any(
        np.allclose(np.round(colour, 3), wanted) for colour in
        list(c.get_edgecolors()) + list(c.get_facecolors()))]


def test_the_static_renderer_draws_the_ring_and_the_faint_symbols(two_statuses):
    layer, basemap_parts = two_statuses
    ax = drawn_axes(layer, basemap_parts)
    figure = ax.figure
    rings = collections_with(ax, to_rgba(HALO))
    assert len(rings) == 1 and len(rings[0].get_offsets()) == 1  # only the confirmed one
    assert np.allclose(rings[0].get_facecolors()[0][3], 0.0)  # a ring: no fill
    faint = CLAIM_STATUS_SYMBOLS["claimed"][0]
    strike = CATEGORY_COLORS["strike"]
    assert collections_with(ax, to_rgba(strike, faint))  # claimed, hollow: faint ring
    assert collections_with(ax, to_rgba(strike, 0.9))  # the confirmed one: full strength
    figure.canvas.draw()


def test_the_static_legend_draws_the_status_symbols():
    figure = Figure(figsize=(2, 2), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_axes([0, 0, 1, 1])
    draw_symbol(ax, strikes.STATUS_LEGEND["confirmed"], 10, 10)
    draw_symbol(ax, strikes.STATUS_LEGEND["claimed"], 30, 10)
    edges = [line.get_markeredgecolor() for line in ax.lines]
    assert "#111111" in edges  # the ring
    assert ax.lines[-1].get_alpha() == CLAIM_STATUS_SYMBOLS["claimed"][0]
    html = legend_html([("Strikes", tuple(strikes.STATUS_LEGEND.values()))])
    assert f"<g opacity='{CLAIM_STATUS_SYMBOLS['claimed'][0]:g}'>" in html
    assert "stroke='#111'" in html
