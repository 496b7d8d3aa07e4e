"""Proposals through the import preview and into the store: the same statuses, duplicate
check and commit as a CSV import; low-confidence proposals held for review; unresolved dates
refused with the reason; the batch keeps the article and is undone like any import."""

from __future__ import annotations

import hashlib
import json

import pytest

from geo.articles.parse import parse_article
from geo.articles.rows import preview_article, proposal_rows
from geo.articles.text import article_from_text, read_article_path
from geo.importing.pipeline import commit_import
from geo.importing.preview import DUPLICATE, NEW, REJECTED, REVIEW
from geo.ui.article_proposals import edited_rows
from tests.support.files import ARTICLES, SEED_ARTICLES
from tests.support.geocoding import session_geocoder

TASS = ARTICLES / "tass_2024-08-26_massive_strike_energy.txt"


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    return session_geocoder(tmp_path_factory)


def test_an_article_is_imported_as_one_batch_that_keeps_it_and_can_be_undone(store,
                                                                             geocoder):
    parse = parse_article(read_article_path(TASS), geocoder)
    before = len(store.incidents_frame())
    preview = preview_article(parse, proposal_rows(parse), store, geocoder)
    # the airfields and the substations of one region share its point, not a claim: two
    # incidents by the article's own words, not duplicates
    assert preview.counts()[NEW] == 14 and preview.counts()[DUPLICATE] == 0
    result = commit_import(preview, store)
    assert result.added == 14
    batch = store.batches_frame().iloc[0]
    assert batch.file_name.startswith("article: ")
    assert batch.file_sha256 == hashlib.sha256(parse.article.text.encode()).hexdigest()
    article = json.loads(batch.settings)["article"]
    assert (article["publisher"], article["date"], article["sha256"]) == (
        "TASS", "2024-08-26", batch.file_sha256)
    stored = store.incidents_frame()
    new = stored[stored.batch_id == result.batch_id]
    assert set(new.claim_status) == {"claimed"}
    assert set(new.geo_precision) == {"admin1"}
    assert new.description.str.startswith("“").all()
    assert store.undo_batch(result.batch_id) == 14
    assert len(store.incidents_frame()) == before


def test_the_store_s_claims_are_duplicates_and_unsure_proposals_wait(store, geocoder):
    parse = parse_article(read_article_path(SEED_ARTICLES / "003_b7c1c6232cd54db1.txt"),
                          geocoder)
    preview = preview_article(parse, proposal_rows(parse), store, geocoder)
    rows = preview.rows
    assert (rows.status == DUPLICATE).sum() >= 2       # the seed's own claims are stored
    low = [i for i, p in enumerate(parse.proposals, start=1) if p.confidence == "low"]
    assert low and all(rows.status[i] in (REVIEW, DUPLICATE) for i in low)
    assert any("proposed with low confidence" in r for r in rows.reason[low])


def test_an_unresolved_date_is_refused_with_the_reason(store, geocoder):
    parse = parse_article(read_article_path(SEED_ARTICLES / "000_6b014d9026eb9c02.txt"),
                          geocoder)
    preview = preview_article(parse, proposal_rows(parse), store, geocoder)
    assert set(preview.status) == {REJECTED}
    assert all("the date was not resolved" in reason for reason in preview.reasons())


def test_an_edited_place_is_looked_up_again(store, geocoder):
    parse = parse_article(read_article_path(SEED_ARTICLES / "002_09fb144f0314244c.txt"),
                          geocoder, date="2025-08-15")
    rows = proposal_rows(parse)
    edited = rows[["place", "country", "admin1", "category"]].copy()
    edited.loc[0, "place"] = "Kherson"
    changed = edited_rows(rows, edited)
    assert (changed.loc[0, "latitude"], changed.loc[0, "site_id"], changed.loc[0, "admin1"]) \
        == ("", "", "")
    preview = preview_article(parse, changed.iloc[[0]], store, geocoder)
    [row] = preview.incidents.itertuples()
    assert preview.status.iloc[0] == NEW
    assert (row.place, row.admin1, row.geo_precision) == ("Kherson", "Kherson Oblast", "town")
    assert row.geo_method.startswith("geocoded: GeoNames")


def test_a_district_answer_is_stored_at_region_level_never_finer(geocoder):
    """The store has no raion level: a proposal placed at a district's centre is stored as
    region-level, as every import stores a raion answer (geo.importing.places)."""
    text = ("date 2024-08-28\nThree tanks were burning at an oil depot in the Kamensky "
            "district of the Rostov region after a drone attack on Tuesday.")
    parse = parse_article(article_from_text(text), geocoder)
    [place] = [proposal.place for proposal in parse.proposals]
    assert place.precision == "admin2"
    assert list(proposal_rows(parse)["geo_precision"]) == ["admin1"]
