"""What a snapshot states about itself: title, window, filters, counts, sources, data
version and when it was made. Shared by the PNG/SVG and the HTML snapshot.

The data version is the first 12 hex digits of a SHA-256 over the incidents shown (every
field, rows in incident_id order): two snapshots with the same version show the same data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import pandas as pd

from geo.errors import ExportError
from geo.render.compose import LAYER_TITLES
from geo.schema import CATEGORY_LABELS, CLAIM_LABELS, INCIDENT_COLUMNS
from geo.viewstate import ViewState
from layers.base import MapLayers

DEFAULT_TITLE = "Claimed strikes on energy infrastructure"
MAX_TITLE_CHARS = 140  # what a snapshot's header draws on one line
MAX_LISTED_SOURCES = 6
MAX_SOURCE_CHARS = 80
SOURCE_FIELDS = ("source_name",)


def check_title(title: str, given_as: str = "The title") -> None:
    """Refuse a title longer than a snapshot draws."""
    if len(title) > MAX_TITLE_CHARS:
        raise ExportError(f"{given_as} is {len(title):,} characters long; a snapshot takes at "
                          f"most {MAX_TITLE_CHARS}: shorten it")


@dataclass(frozen=True)
class Citation:
    title: str
    window_text: str
    filter_lines: tuple[str, ...]
    incident_count: int
    unmapped_count: int
    attributions: tuple[str, ...]  # basemap, pipelines, sites
    incident_sources: str  # "A; B; C and 4 more"
    data_version: str
    made_at: dt.datetime

    @property
    def made_text(self) -> str:
        return self.made_at.strftime("%d %b %Y %H:%M UTC")


def day_text(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def window_text(state: ViewState) -> str:
    return f"{day_text(state.date_from)} – {day_text(state.date_to)}"


def describe_filters(state: ViewState) -> tuple[str, ...]:
    lines = []
    if state.categories is not None:
        lines.append("Category: " + ", ".join(CATEGORY_LABELS.get(c, c) for c in state.categories))
    if state.operators is not None:
        lines.append("Operator: " + ", ".join(o or "(not stated)" for o in state.operators))
    if state.claim_statuses is not None:
        lines.append("Claim status: " + ", ".join(
            CLAIM_LABELS.get(c, c).split(" (")[0] for c in state.claim_statuses))
    if not lines:
        lines.append("No filters: every incident dated in the window")
    hidden = [LAYER_TITLES[k] for k in LAYER_TITLES if k not in state.layers]
    if hidden:
        lines.append("Layers off: " + ", ".join(hidden))
    return tuple(lines)


def data_version(view: pd.DataFrame) -> str:
    columns = [c for c in INCIDENT_COLUMNS if c in view.columns]
    ordered = view.loc[:, columns].sort_values("incident_id", kind="stable")
    digest = hashlib.sha256(",".join(columns).encode())
    digest.update(pd.util.hash_pandas_object(ordered, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:12]


def _cut(name: str) -> str:
    """A source's name as a citation lists it: a long one cut with a mark, so six of them
    leave room for the layers' attributions (the export holds them whole)."""
    return name if len(name) <= MAX_SOURCE_CHARS else name[:MAX_SOURCE_CHARS - 1] + "…"


def incident_sources(view: pd.DataFrame, limit: int = MAX_LISTED_SOURCES) -> str:
    if view.empty:
        return "none (no incidents shown)"
    counts = view["source_name"].replace("", "(source not stated)").value_counts()
    listed = "; ".join(_cut(str(name)) for name in counts.index[:limit])
    more = len(counts) - limit
    return listed + (f"; and {more} more (see the export)" if more > 0 else "")


def layer_attributions(layers: MapLayers) -> tuple[str, ...]:
    found = [layer.attribution for layer in (layers.basemap, *layers.overlays)
             if layer.attribution and not layer.attribution.startswith("Incident claims")]
    return tuple(dict.fromkeys(found))


def citation_for(state: ViewState, view: pd.DataFrame, layers: MapLayers, *,
                 title: str = "", made_at: dt.datetime | None = None) -> Citation:
    mapped = view["latitude"].notna() & view["longitude"].notna()
    return Citation(
        title=(title or "").strip() or DEFAULT_TITLE,
        window_text=window_text(state),
        filter_lines=describe_filters(state),
        incident_count=len(view),
        unmapped_count=int((~mapped).sum()),
        attributions=layer_attributions(layers),
        incident_sources=incident_sources(view),
        data_version=data_version(view),
        made_at=(made_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC),
    )


def count_sentence(citation: Citation, drawn: int | None = None,
                   outside: int | None = None) -> str:
    """"12 incidents in the window: 9 drawn, 2 known only to country level (not drawn)…"."""
    n = citation.incident_count
    if n == 0:
        return "No incidents match this window and these filters."
    parts = [f"{n:,} incident{'s' if n != 1 else ''} in the window"]
    details = []
    if drawn is not None:
        details.append(f"{drawn:,} drawn")
    if citation.unmapped_count:
        details.append(f"{citation.unmapped_count:,} known only to country level (not drawn)")
    if outside:
        details.append(f"{outside:,} outside this map's extent")
    return parts[0] + (": " + ", ".join(details) if details else "") + "."
