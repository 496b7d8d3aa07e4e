"""Vendored front-end assets (Leaflet 1.9.4, BSD-2), served inline so maps work offline."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"


def _data_url(mime: str, payload: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


@cache
def leaflet_js_url() -> str:
    return _data_url("text/javascript", (ASSETS / "leaflet.js").read_bytes())


@cache
def leaflet_css_url() -> str:
    css = (ASSETS / "leaflet.css").read_text(encoding="utf-8")
    for image in ("layers-2x.png", "layers.png"):
        css = css.replace(f"images/{image}", _data_url("image/png", (ASSETS / image).read_bytes()))
    return _data_url("text/css", css.encode("utf-8"))


@cache
def canvas_points_js() -> str:
    return (ASSETS / "canvas_points.js").read_text(encoding="utf-8")
