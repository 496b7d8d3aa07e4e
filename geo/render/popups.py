"""Popup HTML built from layer records. Every value is escaped: user text is data, shown
with its hidden and control characters (bidi overrides, zero-width spaces) as visible marks
(geo.visible), as on the pages."""

from __future__ import annotations

from html import escape

import pandas as pd

from geo.visible import safe_link, visible
from layers.base import PopupSpec

__all__ = ["popup_html", "popups_for", "safe_link"]


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return visible(str(value).strip())


def _rows(row: dict, fields: tuple[tuple[str, str], ...]) -> list[str]:
    cells = ((label, _cell(row.get(column))) for label, column in fields)
    return [f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"
            for label, value in cells if value]


def popup_html(row: dict, spec: PopupSpec) -> str:
    parts = [f"<div class='im-popup'><b>{escape(_cell(row.get(spec.title_column)))}</b>",
             "<table>", *_rows(row, spec.fields), "</table>"]
    if spec.link_column:
        address = row.get(spec.link_column)
        link = safe_link(address, own_page=spec.own_link) if isinstance(address, str) else None
        raw = _cell(address)
        if link:
            parts.append(f"<a href='{escape(link, quote=True)}' target='_blank' "
                         f"rel='noopener noreferrer'>{escape(spec.link_label)}</a>")
        elif raw:
            parts.append(f"<div>{escape(spec.link_label)}: {escape(raw)}</div>")
    more = _rows(row, spec.more)
    if more:
        parts += ["<details class='im-more'><summary>More</summary><table>", *more,
                  "</table></details>"]
    parts.append("</div>")
    return "".join(parts)


def popups_for(records: pd.DataFrame, spec: PopupSpec) -> list[str]:
    if spec.prepare is not None:
        records = spec.prepare(records)
    return [popup_html(row, spec) for row in records.to_dict("records")]
