"""The app's sources and sidebar choices of a revision after imports of new incidents are
the older ones extended with the added rows only (geo.analysis.sources.make_sources,
`extending`; geo.ui.sidebar_choices.with_added): equal to those made whole, and made whole
whenever the writes did more than add rows."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.analysis import site_history
from geo.analysis.sources import extendable
from geo.review.claims import set_claim_status
from geo.settings import DATA_DIR
from geo.store import frame_cache
from geo.store.sources import read_sources
from geo.ui.sidebar_choices import choices, with_added
from tests.support.synthetic import synthetic_incidents


@pytest.fixture
def prepared_rows(monkeypatch) -> list[int]:
    """How many incidents each making of sources prepared (gave site columns)."""
    counts: list[int] = []
    real = site_history.with_site_columns

    def recorded(incidents, sites):
        counts.append(len(incidents))
        return real(incidents, sites)

    monkeypatch.setattr("geo.analysis.sources.with_site_columns", recorded)
    return counts


def sources_of(store, tmp_path, older=None):
    """(held frame, sources) of the store's revision, from `older` (frame, sources)."""
    url = store.engine.url.render_as_string(hide_password=False)
    held = frame_cache.held_frame(store, url, tmp_path, older=older[0] if older else None)
    if older and held.added_to == older[0].revision and \
            extendable(older[1], store.sites_frame()):
        return held, read_sources(store, DATA_DIR, extending=(older[1], held.added))
    return held, read_sources(store, DATA_DIR, incidents=held.frame)


def assert_equal_to_whole(store, sources) -> None:
    whole = read_sources(store, DATA_DIR)
    by_id = lambda frame: frame.sort_values("incident_id").reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(by_id(sources.incidents), by_id(whole.incidents),
                                  check_exact=True)
    pd.testing.assert_frame_equal(sources.sites, whole.sites, check_exact=True)


def new_rows(name: str, n: int, seed: int) -> pd.DataFrame:
    rows = synthetic_incidents(n, seed=seed).assign(
        incident_id=lambda f: f"{name}-" + f.index.astype(str))
    rows.loc[rows.index[:3], "site_id"] = "kremenchuk_refinery"  # named by the source
    return rows


def test_imports_extend_the_older_sources(store, tmp_path, prepared_rows):
    store.add_batch("first", synthetic_incidents(1_000))
    first = sources_of(store, tmp_path)
    store.add_batch("second", new_rows("second", 40, seed=4))
    store.add_batch("third", new_rows("third", 10, seed=5))
    second_held, second = sources_of(store, tmp_path, older=first)
    assert prepared_rows[-1] == 50  # only the rows added
    assert len(second_held.parts) == 2 and "frame" not in vars(second_held)  # never joined
    assert len(second.incidents) == len(store.incidents_frame())
    assert (second.incidents["site_name"] != "").sum() >= 6
    assert (second.incidents["last_reviewed_by"] != "").any()
    assert_equal_to_whole(store, second)


def test_imports_extend_the_sidebar_choices(store, tmp_path):
    store.add_batch("first", synthetic_incidents(300).assign(operator="SOCAR"))
    first_held, first = sources_of(store, tmp_path)
    older = choices(first.incidents, first.sites)
    added = new_rows("second", 40, seed=4).assign(
        operator="Naftogaz", date_start=pd.Timestamp("2019-03-01"),
        date_end=pd.Timestamp("2027-01-31"), claim_status="confirmed")
    store.add_batch("second", added)
    held, second = sources_of(store, tmp_path, older=(first_held, first))
    extended = with_added(older, held.frame, held.added)
    assert extended == choices(second.incidents, second.sites)
    assert "Naftogaz" in extended.operators and "Naftogaz" not in older.operators
    assert extended.extent != older.extent


def test_a_review_between_makes_them_whole(store, tmp_path, prepared_rows):
    store.add_batch("first", synthetic_incidents(500))
    first = sources_of(store, tmp_path)
    store.add_batch("second", new_rows("second", 20, seed=4))
    now = store.incidents_frame().set_index("incident_id").at["syn-0000007", "claim_status"]
    set_claim_status(store, "syn-0000007", "confirmed" if now != "confirmed" else "reported",
                     changed_by="Ana", note="checked")
    _, second = sources_of(store, tmp_path, older=first)
    assert prepared_rows[-1] == len(store.incidents_frame())
    assert_equal_to_whole(store, second)
