"""The Import page: upload a file (CSV/TSV, Excel, GeoJSON, KML/KMZ, GeoPackage, GeoParquet,
JSON records) or paste an article and check its proposed incidents; check the kind of file and
the column mapping, preview every row with its status, fix what needs review, import the rest
as one batch; undo a batch later.

The work is done by geo.importing.pipeline; this module only lays it out. The preview is kept in
session state, keyed by the file's hash and the settings, so widgets do not recompute it;
the file's cells and the preview are dropped from the session once imported (or when the
file is removed). Importing takes the importer role in team mode (geo.ui.identity); the
batch records who imported it and from where. The file name is shown through safe_text.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from geo.access.policy import IMPORT
from geo.articles.rows import preview_article, rows_csv
from geo.errors import IncidentMapError, InputFileError, ValidationError
from geo.geocoding.geocoder import load_geocoder
from geo.importing.pipeline import ImportOptions, commit_import, preview_import, read_upload
from geo.importing.presets.template import template_csv
from geo.importing.preview import ImportPreview
from geo.importing.readers.table import MAX_FILE_BYTES, RawTable
from geo.settings import Settings
from geo.store.incident_store import IncidentStore
from geo.ui import (
    article_input,
    article_proposals,
    cached,
    identity,
    import_batches,
    import_preview_panel,
    import_settings,
    safe_text,
)

PREVIEW_KEY = "import_preview"
RAW_KEY = "import_raw"
UPLOADER_ROUND = "import_uploader_round"  # a new uploader (empty) after each commit
MESSAGE_KEY = "import_message"
SOURCE_KEY = "import_source"
SOURCES = ("A file", "Paste or upload an article")
# what the uploader offers; the content decides the format (geo.importing.readers.detect)
UPLOAD_TYPES = ("csv", "tsv", "txt", "xlsx", "geojson", "json", "kml", "kmz", "gpkg",
                "parquet", "geoparquet", "fgb", "zip",  # zip: a shapefile, FIRMS's download
                "umap",  # uMap's map export
                "gpx",   # GPS waypoints
                "jsonl", "ndjson", "geojsonl", "geojsons")  # one JSON object a line


@st.cache_resource(show_spinner="Loading the offline gazetteer (the first time, it is built: "
                                "about a minute)…")
def _geocoder(settings: Settings):
    return load_geocoder(settings)


def _read(data: bytes, file_name: str, digest: str) -> RawTable:
    """The file's cells, read once per file (kept in session state, not copied)."""
    held = st.session_state.get(RAW_KEY)
    if held is None or held[0] != digest:
        with st.spinner("Reading the file…"):
            held = (digest, read_upload(data, file_name))
        st.session_state[RAW_KEY] = held
    return held[1]


def _intro() -> None:
    st.title("Import incidents")
    st.caption("Upload incidents: this project's template, an ACLED, NASA FIRMS, UCDP GED, "
               "GDELT, TimeMap or CIR monitor map export, or any table or map file with a date and "
               "either coordinates or place names (CSV/TSV, Excel, GeoJSON, KML/KMZ, "
               "GeoPackage, GeoParquet, GPX, JSON); "
               "or paste a news article and review the incidents it states. Nothing is stored "
               "until you press Import; every import can be undone.")
    st.download_button("Download the template CSV", template_csv(),
                       file_name="incident-map-template.csv", mime="text/csv",
                       help="The columns this map stores, with one example row to replace.")


def _empty_state() -> None:
    st.info(f"Choose a CSV file above, or any file listed there (up to "
            f"{MAX_FILE_BYTES // 2**20} MB). Text in UTF-8, UTF-16, Windows-1251 or -1252, "
            "separated by commas, semicolons, tabs or |, is read; so are Excel workbooks and "
            "map files. Rows with a place name but no coordinates are placed with the offline "
            "gazetteer; coordinates without a stated precision are kept as given, precision "
            "unknown.", icon=":material/description:")


def _progress_bar():
    bar = st.progress(0.0, text="Starting…")
    return bar, lambda fraction, message: bar.progress(min(max(fraction, 0.0), 1.0),
                                                       text=message)


def _preview(raw: RawTable, options: ImportOptions, store: IncidentStore,
             settings: Settings, digest: str) -> ImportPreview:
    key = (digest, repr(options))
    held = st.session_state.get(PREVIEW_KEY)
    if held is not None and held[0] == key:
        return held[1]
    bar, report = _progress_bar()
    try:
        preview = preview_import(raw, store, options, geocoder=lambda: _geocoder(settings),
                                 file_sha256=digest, progress=report)
    finally:   # a file that cannot be used leaves its message, not a bar stopped half-way
        bar.empty()
    st.session_state[PREVIEW_KEY] = (key, preview)
    return preview


def keep_preview(preview: ImportPreview) -> None:
    """Replace the preview in session state (after fixes), keeping its key."""
    key, _ = st.session_state[PREVIEW_KEY]
    st.session_state[PREVIEW_KEY] = (key, preview)


def _commit(preview: ImportPreview, store: IncidentStore) -> None:
    chosen = int(preview.include.sum())
    label = f"Import {chosen:,} row{'s' if chosen != 1 else ''}"
    updates = len(preview.to_update())
    if updates:
        label += f" ({updates:,} updating stored incidents)"
    if not st.button(label, type="primary", disabled=chosen == 0, key="import_commit",
                     help="Writes the included rows as one batch, in one transaction."):
        if chosen == 0:
            st.caption("No row is included yet: fix or keep rows above to import them.")
        return
    try:
        importer = identity.writer(IMPORT)
    except IncidentMapError as error:
        st.error(safe_text.block(error), icon=":material/block:")
        return
    bar, report = _progress_bar()
    try:
        result = commit_import(preview, store, progress=report, imported_by=importer.name,
                               imported_from=importer.origin)
    finally:
        bar.empty()
    late = (f" {result.late_duplicates:,} were stored meanwhile by another import and "
            "skipped." if result.late_duplicates else "")
    updated = (f" {result.updated:,} stored incident(s) were updated (their old versions are "
               "kept)." if result.updated else "")
    st.session_state[MESSAGE_KEY] = (
        f"Imported {result.added:,} incident(s) from '{result.file_name}' as batch "
        f"{result.batch_id}.{updated}{late} They are on the map now; undo the batch below if "
        "needed.")
    forget_upload()
    st.session_state[UPLOADER_ROUND] = st.session_state.get(UPLOADER_ROUND, 0) + 1
    st.rerun()


def forget_upload() -> None:
    """The file's cells and its preview leave the session (a 1,000,000-row file holds
    gigabytes): after the import, or when the file is removed from the uploader."""
    for key in (RAW_KEY, PREVIEW_KEY):
        st.session_state.pop(key, None)


def render() -> None:
    settings = cached.settings()
    store = cached.store(settings.database_url, str(settings.data_dir))
    _intro()
    if MESSAGE_KEY in st.session_state:
        st.success(safe_text.block(st.session_state.pop(MESSAGE_KEY)),
                   icon=":material/check_circle:")
    refused = identity.refusal(IMPORT, "import files")
    if refused:
        st.info(refused, icon=":material/lock:")
        st.divider()
        import_batches.render(store)
        return
    source = st.radio("Import from", SOURCES, key=SOURCE_KEY, horizontal=True)
    if source == SOURCES[1]:
        _article_flow(store, settings)
    else:
        upload = st.file_uploader(
            "File to import", type=list(UPLOAD_TYPES),
            key=f"import_upload_{st.session_state.get(UPLOADER_ROUND, 0)}",
            help="The file is checked first; nothing is stored until you press Import.")
        if upload is None:
            forget_upload()
            _empty_state()
        else:
            _upload_flow(upload.name, upload.getvalue(), store, settings)
    st.divider()
    import_batches.render(store)


def _article_flow(store: IncidentStore, settings: Settings) -> None:
    """An article -> proposals the analyst edits -> the same preview and commit as a CSV."""
    parse = article_input.render(lambda: _geocoder(settings))
    if parse is None:
        return
    rows, check = article_proposals.render(parse)
    key = ("article", parse.sha256, hashlib.sha256(rows_csv(rows)).hexdigest())
    held = st.session_state.get(PREVIEW_KEY)
    if held is None or held[0] != key:
        if not check or rows.empty:
            return
        with st.spinner("Checking the proposals…"):
            preview = preview_article(parse, rows, store, _geocoder(settings))
        st.session_state[PREVIEW_KEY] = (key, preview)
    preview = st.session_state[PREVIEW_KEY][1]
    import_preview_panel.render(preview, store, on_change=keep_preview)
    _commit(preview, store)


def _upload_flow(file_name: str, data: bytes, store: IncidentStore, settings: Settings) -> None:
    digest = hashlib.sha256(data).hexdigest()
    try:
        raw = _read(data, file_name, digest)
    except InputFileError as error:
        st.error(safe_text.block(error), icon=":material/block:")
        return
    st.caption(f"{safe_text.quoted(file_name)}: {safe_text.text(raw.describe())}")
    options = import_settings.render(raw, digest)
    try:
        preview = _preview(raw, options, store, settings, digest)
    except ValidationError as error:
        st.error("The file cannot be imported with this mapping:\n\n"
                 + "\n".join(f"- {safe_text.text(p)}" for p in error.problems),
                 icon=":material/block:")
        return
    import_preview_panel.render(preview, store, on_change=keep_preview)
    _commit(preview, store)
