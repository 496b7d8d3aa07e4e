"""An open map page learns of a write made elsewhere (another analyst's import or review,
`python -m geo import`) without a click: every WATCH_SECONDS a fragment reads the store's
id and revision (one small read with the standard library on SQLite, with psycopg alone on
PostgreSQL: geo.store.identity)
and reruns the app when they moved. The rerun reads the new revision's incidents, brought
forward from the frame the process holds (geo.store.frame_memory) or from the previous
revision's frame file (geo.store.frame_cache): a 10,000-row import at 1,000,000 incidents
is on the open page about 1.8 s after its commit at the median on a busy 2-core machine
(docs/performance.md). Imports no data library.
"""

from __future__ import annotations

import streamlit as st

from geo.store import identity as store_identity

# Every 0.5 s brought an import onto the page 0.25 s sooner, but in CI a date typed and
# entered in the sidebar was once lost to a watch run landing with it: once a second.
WATCH_SECONDS = 1.0


def current(database_url: str, data_dir: str) -> tuple[str, int] | None:
    """The store's id and revision now; None when the SQLite file cannot be read yet."""
    found = store_identity.read(database_url)
    if found is not None or database_url.startswith(store_identity.SQLITE_PREFIX):
        return found
    from geo.ui import cached  # not readable so: through the store, opened once

    store = cached.store(database_url, data_dir)
    return store.store_id(), store.revision()


def start(database_url: str, data_dir: str, identity: tuple[str, int] | None) -> None:
    """Watch from this run on; `identity`: geo.store.identity.read at the run's start,
    what the run draws (None: asked again, of the store when it cannot be read so)."""
    watch(database_url, data_dir,
          identity if identity is not None else current(database_url, data_dir))


@st.fragment(run_every=WATCH_SECONDS)
def watch(database_url: str, data_dir: str, shown: tuple[str, int] | None) -> None:
    """Call on every run of the page with `shown`, the identity the run drew (current()
    at its start): reruns the app once the store has moved on from it."""
    if current(database_url, data_dir) != shown:
        st.rerun(scope="app")
