"""Snapshot benchmarks: `python -m tests.bench snapshot`.

- PNG snapshot (layers built from the incidents in view, drawn, legend, encoded) of
  10,000 and 100,000 synthetic incidents over Ukraine (targets <= 2 s and <= 5 s);
  baseline: the naive way, `GeoDataFrame.plot` of the points over the whole world basemap
  (every shipped country, unclipped, plate carrée) saved at the same size.
- SVG snapshot of 10,000 incidents (no target; file size in the note).
- HTML snapshot of 100,000 incidents: build in Python, file size, and Chromium opening it
  from disk with no network until the incident canvas has drawn (time to map idle);
  baseline: a folium.Marker-per-incident page measured on 2,000 incidents in the same run
  and extrapolated linearly (said so in the note).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

import folium
import geopandas as gpd
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from playwright.sync_api import sync_playwright

from geo.analysis.filters import split_mapped
from geo.render.extents import REGIONS
from geo.render.folium_map import OfflineMap
from geo.settings import DATA_DIR
from geo.sharing.html import snapshot_html
from geo.sharing.snapshot import SIZES, prepare_view, snapshot_image
from geo.shipped import read_basemap, read_pipelines
from geo.store.seed import read_seed_sites
from geo.viewstate import ViewState
from tests.bench.harness import timed
from tests.bench.synthetic import synthetic_incidents
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, NO_INTERNET_ARGS

MARKER_SAMPLE = 2_000
READY = ("() => !!(window.incidentMapLayers && window.incidentMapLayers.strikes"
         " && (window.incidentMapLayers.strikes.drawCount === undefined"
         " || window.incidentMapLayers.strikes.drawCount > 0))")


def _snapshot_input(incidents, title="Benchmark"):
    state = ViewState(date_from=dt.date(2022, 2, 24), date_to=dt.date(2025, 12, 31))
    return dict(state=state, view=incidents, sites=read_seed_sites(DATA_DIR),
                pipeline_routes=read_pipelines(DATA_DIR), basemap_parts=read_basemap(DATA_DIR),
                extent=REGIONS["ukraine"], title=title)


def naive_png(incidents) -> bytes:
    mapped, _ = split_mapped(incidents)
    world = read_basemap(DATA_DIR)["countries"]
    points = gpd.GeoDataFrame(mapped, geometry=gpd.points_from_xy(mapped["longitude"],
                                                                   mapped["latitude"]), crs=4326)
    figure = Figure(figsize=SIZES["default"].inches, dpi=SIZES["default"].dpi)
    FigureCanvasAgg(figure)
    ax = figure.subplots()
    world.plot(ax=ax, color="#F2EFE9", edgecolor="#9A9A9A")
    points.plot(ax=ax, column="category", markersize=12, legend=True)
    path = Path(tempfile.mkstemp(suffix=".png")[1])
    try:
        figure.savefig(path, dpi=SIZES["default"].dpi)
        return path.read_bytes()
    finally:
        path.unlink()


def image_rows(table) -> None:
    for n, target in ((10_000, "target <= 2 s"), (100_000, "target <= 5 s")):
        incidents = synthetic_incidents(n)
        inputs = _snapshot_input(incidents)
        table.measure("PNG snapshot 1600x1000 (layers + draw + encode)", n,
                      lambda inputs=inputs: snapshot_image(prepare_view(**inputs), "png"),
                      repeat=3, baseline=lambda incidents=incidents: naive_png(incidents),
                      baseline_note="baseline: gdf.plot over the world basemap", target=target)
    incidents = synthetic_incidents(10_000)
    svg = snapshot_image(prepare_view(**_snapshot_input(incidents)), "svg")
    table.measure("SVG snapshot (layers + draw + encode)", 10_000,
                  lambda: snapshot_image(prepare_view(**_snapshot_input(incidents)), "svg"),
                  repeat=3, target=f"{len(svg) / 1e6:.1f} MB")
    print_size = snapshot_image(prepare_view(**_snapshot_input(incidents)), "png", SIZES["print"])
    table.measure("PNG snapshot A4 300 dpi", 10_000,
                  lambda: snapshot_image(prepare_view(**_snapshot_input(incidents)), "png",
                                         SIZES["print"]),
                  repeat=3, target=f"{len(print_size) / 1e6:.1f} MB")


def marker_page(incidents) -> str:
    mapped, _ = split_mapped(incidents)
    fmap = OfflineMap(location=(48.5, 32.0), zoom_start=6, tiles=None)  # Leaflet inlined
    for row in mapped.itertuples():
        folium.Marker((row.latitude, row.longitude), popup=row.description).add_to(fmap)
    return fmap.get_root().render()


def load_in_chromium(html: str, ready: str, repeat: int = 3) -> list[float]:
    samples = []
    with tempfile.TemporaryDirectory(prefix="bench-snapshot-") as folder:
        path = Path(folder) / "snapshot.html"
        path.write_text(html, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=[*CHROMIUM_ARGS, *NO_INTERNET_ARGS])
            try:
                for _ in range(repeat):
                    page = browser.new_page(viewport={"width": 1400, "height": 900})
                    start = time.perf_counter()
                    page.goto(path.as_uri(), timeout=300_000)
                    page.wait_for_function(ready, timeout=300_000)
                    page.evaluate("() => new Promise(r => requestAnimationFrame(() => "
                                  "requestAnimationFrame(r)))")
                    samples.append(time.perf_counter() - start)
                    page.close()
            finally:
                browser.close()
    return samples


def html_rows(table) -> None:
    n = 100_000
    inputs = _snapshot_input(synthetic_incidents(n))
    sample = synthetic_incidents(MARKER_SAMPLE)
    scale = n / MARKER_SAMPLE
    marker_build = timed(lambda: marker_page(sample), 1)[0] * scale
    marker_html = marker_page(sample)
    marker_load = load_in_chromium(marker_html, "() => document.querySelectorAll("
                                   "'.leaflet-marker-icon').length > 0", repeat=1)[0] * scale
    built = {}

    def build():
        built["html"] = snapshot_html(prepare_view(**inputs))

    extrapolated = f"{MARKER_SAMPLE:,} measured x{scale:.0f}"
    table.add("HTML snapshot build (all popups embedded)", n, timed(build, 2),
              baseline=marker_build,
              baseline_note=f"baseline: folium.Marker per point, {extrapolated}")
    table.add("HTML snapshot file size", n, [len(built["html"]) / 1e6], unit="MB",
              baseline=len(marker_html) / 1e6 * scale,
              baseline_note=f"baseline: Marker page, {extrapolated}")
    table.add("HTML snapshot: Chromium opens it from disk to map idle", n,
              load_in_chromium(built["html"], READY), baseline=marker_load,
              baseline_note=f"baseline: Marker page load, {extrapolated}",
              target="no network")


def run(table) -> None:
    matplotlib.use("Agg")
    image_rows(table)
    html_rows(table)
