"""Incident map library: claims about strikes on energy infrastructure, with their sources,
date precision and location precision.

The rooms (see ARCHITECTURE.md): base modules (errors, schema, names, dates, settings,
records, viewstate, shipped), `geocoding`, `analysis`, `store`, `review`, `importing`,
`sharing`, `render`, `commands` (`python -m geo`) and `ui` (the Streamlit pages).

The names below are the public API. They are imported when first used, so that
`import geo` stays light: the app's first page draws its map before the data libraries load.

    import geo
    store = geo.IncidentStore.open("sqlite:///incidents.sqlite", geo.DATA_DIR)
    view = geo.incidents_in_view(state, geo.read_sources(store, geo.DATA_DIR))
    geo.write_export(view.incidents, "view.geojson")
"""

from __future__ import annotations

import importlib

PUBLIC = {
    "geo.errors": ("IncidentMapError", "ConfigError", "DataError", "StoreError",
                   "InputFileError", "ValidationError", "GeocodeError", "FilterError",
                   "ExportError"),
    "geo.settings": ("Settings", "DATA_DIR", "PROJECT_ROOT"),
    "geo.viewstate": ("ViewState", "ViewFilter", "to_query", "from_query"),
    "geo.store.incident_store": ("IncidentStore",),
    "geo.store.sources": ("read_sources",),
    "geo.analysis.sources": ("ViewSources",),
    "geo.analysis.view": ("View", "incidents_in_view"),
    "geo.geocoding.geocoder": ("Geocoder", "load_geocoder"),
    "geo.importing.pipeline": ("ImportOptions", "read_upload", "preview_import",
                               "commit_import", "import_path"),
    "geo.review.claims": ("set_claim_status", "claim_history"),
    "geo.review.site_links": ("set_site_link", "link_history"),
    "geo.sharing.exports": ("export_bytes", "write_export"),
    "geo.sharing.snapshot": ("prepare_view", "snapshot_image"),
    "geo.sharing.files": ("write_snapshot",),
    "geo.sharing.html": ("snapshot_html",),
    "geo.commands._cli": ("main",),
}
_HOME = {name: module for module, names in PUBLIC.items() for name in names}
__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'geo' has no attribute '{name}'")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
