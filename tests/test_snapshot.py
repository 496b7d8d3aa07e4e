"""PNG, SVG and HTML snapshots of seed views: decoded and read back, not just written."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

from geo.errors import ExportError
from geo.sharing.citation import data_version
from geo.sharing.files import snapshot_bytes
from geo.sharing.html import snapshot_html
from geo.sharing.snapshot import SIZES, parse_size, render_static, snapshot_image
from tests.support.seed import (
    KREMENCHUK_TPP,
    STRIKE_COLOR,
    seed_data,
    seed_snapshot,
    seed_state,
)


@pytest.fixture(scope="module")
def rendered():
    return render_static(seed_snapshot(title="Strikes on SOCAR-linked sites"))


@pytest.fixture(scope="module")
def png(rendered) -> Image.Image:
    return Image.open(io.BytesIO(rendered.to_bytes("png"))).convert("RGB")


def test_png_has_the_default_size_and_is_not_blank(png):
    assert png.size == (1600, 1000)
    colours = np.unique(np.asarray(png).reshape(-1, 3), axis=0)
    assert len(colours) > 200


def test_the_strike_at_the_kremenchuk_plant_has_the_strike_colour(rendered, png):
    # drawn at full strength (geolocated): weaker claim statuses are drawn faint on purpose
    geolocated = render_static(seed_snapshot(view=seed_data()[0].assign(
        claim_status="geolocated")))
    column, row = geolocated.pixel_of(*KREMENCHUK_TPP)
    assert 0 < column < 1600 and 0 < row < 1000
    strong = Image.open(io.BytesIO(geolocated.to_bytes("png"))).convert("RGB")
    patch = np.asarray(strong)[row - 1:row + 2, column - 1:column + 2].reshape(-1, 3)
    distance = np.abs(patch.astype(int) - np.array(STRIKE_COLOR)).sum(axis=1)
    assert distance.min() < 40, patch
    # and the Black Sea west of Crimea is water, not land or a marker
    sea_column, sea_row = rendered.pixel_of(31.6, 44.6)
    assert np.abs(np.asarray(png)[sea_row, sea_column].astype(int)
                  - np.array((0xC6, 0xDB, 0xEF))).sum() < 12


def svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join(" ".join(element.text.split()) for element in root.iter()
                    if element.text and element.text.strip())


def test_svg_parses_and_states_legend_window_sources_and_version(rendered):
    text = svg_text(rendered.to_bytes("svg"))
    for expected in ("Strikes on SOCAR-linked sites", "Gas pipeline", "Located at the site",
                     "Town centre only (site not located)", "Route schematic (approximate)",
                     "1 Nov 2020 – 8 Aug 2025", "Global Energy Monitor", "Natural Earth",
                     "GeoNames", rendered.citation.data_version, "1 Sep 2025 12:00 UTC",
                     "Kremenchuk oil refinery", "Lambert conformal conic"):
        assert expected in text, expected


def test_legend_panel_does_not_overlap_the_map(rendered):
    map_box = rendered.map_ax.get_position()
    panel = next(ax for ax in rendered.figure.axes if ax is not rendered.map_ax)
    assert panel.get_position().x0 >= map_box.x1


def test_filters_and_hidden_layers_are_stated():
    state = seed_state(claim_statuses=("claimed",), layers=("strikes",))
    text = svg_text(snapshot_image(seed_snapshot(state), "svg"))
    assert "Claim status: Claimed" in text
    assert "Layers off: Energy infrastructure and named sites, Pipeline routes (GEM)" in text
    assert "Gas pipeline" not in text


def test_an_empty_selection_makes_a_snapshot_that_says_so():
    state = seed_state(date_from=dt.date(2019, 1, 1), date_to=dt.date(2019, 2, 1))
    snapshot = seed_snapshot(state)
    assert snapshot.view.empty
    assert "No incidents match this window" in svg_text(snapshot_image(snapshot, "svg"))
    image = Image.open(io.BytesIO(snapshot_image(snapshot, "png")))
    assert image.size == (1600, 1000)
    html = snapshot_html(snapshot)
    assert "No incidents match this window" in html


def test_print_size_is_a4_landscape_at_300_dpi():
    assert parse_size("print") == SIZES["print"] == parse_size("A4")
    image = Image.open(io.BytesIO(snapshot_image(seed_snapshot(region="black-sea"), "png",
                                                 SIZES["print"])))
    assert image.size == (3508, 2480)
    assert image.info.get("dpi", (0, 0))[0] == pytest.approx(300, abs=1)


def test_sizes_and_formats_are_checked():
    assert (parse_size("1200x800").width_px, parse_size("1200x800").height_px) == (1200, 800)
    with pytest.raises(ExportError, match="Unknown snapshot size 'huge'"):
        parse_size("huge")
    with pytest.raises(ExportError, match="Unknown snapshot format 'pdf'"):
        snapshot_bytes(seed_snapshot(), "pdf")


def test_html_snapshot_is_one_file_with_escaped_title_and_caption():
    title = "Strikes <script>alert('x')</script> & claims"
    html = snapshot_html(seed_snapshot(title=title))
    assert "<script>alert('x')</script>" not in html
    assert "Strikes &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; claims" in html
    assert "1 Nov 2020 – 8 Aug 2025" in html and "Data version" in html
    assert "data:text/javascript;base64," in html  # Leaflet inlined, no CDN


def test_data_version_names_the_rows_shown():
    snapshot = seed_snapshot()
    version = data_version(snapshot.view)
    assert version == data_version(snapshot.view.sample(frac=1.0, random_state=3))
    changed = snapshot.view.copy()
    changed.loc[changed.index[0], "claim_status"] = "confirmed"
    assert data_version(changed) != version
    assert data_version(snapshot.view.iloc[1:]) != version
    assert replace(snapshot, made_at=None).citation().data_version == version
