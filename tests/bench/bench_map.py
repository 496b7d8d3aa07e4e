"""Map benchmarks in Python: `python -m tests.bench map`.

- Filter (date window + category filter, then the drawable rows) at 1k..1M incidents
  (target with the payload build: <= 300 ms at 100,000); baseline: the same filter written
  the obvious pandas way, comparing the datetime64[s] columns with pd.Timestamp scalars.
- Map payload (build_layers + build_map + render to an HTML string) at 1k..100k, its
  two parts at 100k, and the re-render a rerun does with the cached map (pan/zoom);
  baseline: a folium.Marker with a popup per incident, measured on 2,000 incidents and
  extrapolated linearly (said so in the note); folium.GeoJson circle markers at 10,000.
- Payload size in MB (target <= 10 MB at 100,000), against the same baselines.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import cache

import folium
import pandas as pd

from geo.analysis.filters import apply_filter, split_mapped
from geo.render.compose import build_layers
from geo.render.folium_map import build_map
from geo.render.popups import popups_for
from geo.settings import DATA_DIR
from geo.shipped import read_basemap, read_pipelines
from geo.store.seed import read_seed_sites
from geo.viewstate import ViewFilter
from layers import infrastructure, pipelines, strikes
from tests.bench.harness import timed
from tests.bench.synthetic import SIZES, synthetic_incidents

WINDOW = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
CATEGORIES = ("strike", "infrastructure_event", "thermal_detection", "other")
PAYLOAD_SIZES = (1_000, 10_000, 100_000)
MARKER_SAMPLE = 2_000
TARGET_PYTHON = "target: filter + payload <= 300 ms at 100k"


@cache
def shipped() -> dict:
    return {"sites": read_seed_sites(DATA_DIR), "pipeline_routes": read_pipelines(DATA_DIR),
            "basemap_parts": read_basemap(DATA_DIR)}


def view_filter() -> ViewFilter:
    return ViewFilter(*WINDOW, categories=CATEGORIES)


def filtered(frame: pd.DataFrame) -> pd.DataFrame:
    return split_mapped(apply_filter(frame, view_filter()))[0]


def naive_filtered(frame: pd.DataFrame) -> pd.DataFrame:
    start, end = pd.Timestamp(WINDOW[0]), pd.Timestamp(WINDOW[1])
    keep = ((frame["date_start"] <= end) & (frame["date_end"] >= start)
            & frame["category"].isin(CATEGORIES))
    view = frame[keep]
    return view[view["latitude"].notna() & view["longitude"].notna()]


def map_html(mapped: pd.DataFrame) -> str:
    layers = build_layers(mapped_incidents=mapped, **shipped())
    return build_map(layers).get_root().render()


def map_without_incidents():
    """The same map minus the incident layer: each baseline adds its own version of it."""
    layers = build_layers(mapped_incidents=None, enabled=(pipelines.KEY, infrastructure.KEY),
                          **shipped())
    return build_map(layers)


def marker_html(mapped: pd.DataFrame, popups: bool = True) -> str:
    """The naive map: one folium.Marker (with its popup) per incident. folium's popups need
    jQuery from a CDN, so the page loaded offline in a browser has none."""
    fmap = map_without_incidents()
    texts = [None] * len(mapped)
    if popups:
        records = strikes.popup_records(mapped,
                                        shipped()["sites"].set_index("site_id")["name"])
        texts = [folium.Popup(text, max_width=380)
                 for text in popups_for(records, strikes.POPUP)]
    for lat, lon, popup in zip(mapped["latitude"], mapped["longitude"], texts, strict=True):
        folium.Marker([lat, lon], popup=popup).add_to(fmap)
    return fmap.get_root().render()


def geojson_html(mapped: pd.DataFrame) -> str:
    """The second baseline: folium.GeoJson drawing every incident as a circle marker, with
    the same popup text as the canvas layer embeds up to its popup limit."""
    fmap = map_without_incidents()
    records = strikes.popup_records(mapped, shipped()["sites"].set_index("site_id")["name"])
    geo = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"popup": popup},
         "geometry": {"type": "Point", "coordinates": [lon, lat]}}
        for popup, lat, lon in zip(popups_for(records, strikes.POPUP), mapped["latitude"],
                                   mapped["longitude"], strict=True)]}
    folium.GeoJson(geo, marker=folium.CircleMarker(radius=5, fill=True),
                   popup=folium.GeoJsonPopup(fields=["popup"], labels=False)).add_to(fmap)
    return fmap.get_root().render()


def timed_once(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def marker_cost_per_incident(sample: pd.DataFrame) -> tuple[float, float]:
    """(seconds, MB) per incident of the naive Marker map, from one run on the sample."""
    seconds, html = timed_once(marker_html, sample)
    return seconds / len(sample), len(html) / 1e6 / len(sample)


def filter_rows(table, frames: dict[int, pd.DataFrame]) -> None:
    for n, frame in frames.items():
        table.measure("filter: 1-year window + 4 categories, drawable", n,
                      lambda f=frame: filtered(f), repeat=7 if n < 1_000_000 else 5,
                      baseline=lambda f=frame: naive_filtered(f), baseline_repeat=3,
                      baseline_note="baseline: pandas compare with pd.Timestamp",
                      target=TARGET_PYTHON if n == 100_000 else "")


def payload_rows(table, frames: dict[int, pd.DataFrame]) -> None:
    everything = ViewFilter(dt.date(2022, 1, 1), dt.date(2025, 12, 31))
    sample = split_mapped(apply_filter(frames[10_000], everything))[0].iloc[:MARKER_SAMPLE]
    marker_seconds, marker_mb = marker_cost_per_incident(sample)
    note = f"baseline: folium.Marker+popup, {MARKER_SAMPLE:,} measured, x N/{MARKER_SAMPLE:,}"
    for n in PAYLOAD_SIZES:
        mapped = split_mapped(apply_filter(frames[n], everything))[0]
        row = table.add("payload: build_layers + build_map + render", len(mapped),
                        timed(lambda m=mapped: map_html(m), 5),
                        baseline=marker_seconds * len(mapped), baseline_note=note,
                        target=TARGET_PYTHON if n == 100_000 else "")
        html = map_html(mapped)
        table.add("payload size (whole map HTML)", len(mapped), [len(html) / 1e6], unit="MB",
                  baseline=marker_mb * len(mapped), baseline_note=note,
                  target="target: <= 10 MB at 100k" if n == 100_000 else "")
        if n == 10_000:
            geo_seconds, geo_html = timed_once(geojson_html, mapped)
            table.add("payload vs folium.GeoJson circle markers", len(mapped), row.samples,
                      baseline=geo_seconds, baseline_note="baseline: folium.GeoJson, 1 run")
            table.add("payload size vs folium.GeoJson circle markers", len(mapped),
                      [len(html) / 1e6], unit="MB", baseline=len(geo_html) / 1e6,
                      baseline_note="baseline: folium.GeoJson")
    mapped = split_mapped(apply_filter(frames[100_000], everything))[0]
    parts = dict(shipped())
    table.measure("  part: strikes.build (popup text, layers/strikes)", len(mapped),
                  lambda: strikes.build(mapped, parts["sites"]), repeat=3)
    layers = build_layers(mapped_incidents=mapped, **parts)
    table.measure("  part: build_map + render (geo/render)", len(mapped),
                  lambda: build_map(layers).get_root().render(), repeat=5)
    cached_map = build_map(layers)
    table.measure("rerun with the cached map: render again", len(mapped),
                  lambda: cached_map.get_root().render(), repeat=5,
                  target="st_folium renders on every rerun, pan/zoom included")


def run(table) -> None:
    frames = {n: synthetic_incidents(n) for n in SIZES}
    filter_rows(table, frames)
    payload_rows(table, frames)
