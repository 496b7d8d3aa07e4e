"""The seed acceptance: the three seed articles (tests/data/articles/seeds, copied from the
brief's shared/seeds) against the 17 claims data/incidents.csv holds for them. A claim is
covered when a proposal has its category, a place within 10 km or the same site (or the same
country for a country-level claim), overlapping dates, and the same munition counts and
casualties.

Two of the seeds have no date in their text. The dates given here are the ones an analyst
reading them would give: seed 002 says the Washington declaration of 8 August 2025 was
"last week" (so 15 August 2025), and incidents.csv bounds seed 000 by 15 July 2025. Seed 000
is also read without a date: then its relative dates stay unresolved and say so.
"""

from __future__ import annotations

import pytest

from geo.articles.parse import parse_article
from geo.articles.text import read_article_path
from geo.settings import DATA_DIR
from tests.support.article_scoring import Matcher, read_claims
from tests.support.files import SEED_ARTICLES
from tests.support.geocoding import session_geocoder

SEEDS = {"000": ("000_6b014d9026eb9c02.txt", "2025-07-15"),
         "002": ("002_09fb144f0314244c.txt", "2025-08-15"),
         "003": ("003_b7c1c6232cd54db1.txt", None)}
# the downing of AZAL flight J2-8243: neither its place (Aktau) nor its date is in the text;
# incidents.csv takes them from the public record
NOT_IN_THE_TEXT = {"seed-003-05"}


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    return session_geocoder(tmp_path_factory)


@pytest.fixture(scope="module")
def parses(geocoder):
    return {seed: parse_article(read_article_path(SEED_ARTICLES / name), geocoder, date=date)
            for seed, (name, date) in SEEDS.items()}


def claims_of(seed: str):
    return read_claims(DATA_DIR / "incidents.csv", "incident_id",
                       lambda row: row["incident_id"].startswith(f"seed-{seed}-"))


def test_the_seed_claims_are_covered_with_few_extra_proposals(geocoder, parses):
    matcher = Matcher(geocoder)
    scores = {seed: matcher.score(parses[seed].proposals, claims_of(seed), counts=True)
              for seed in SEEDS}
    claims = sum(score.required for score in scores.values())
    covered = {key for score in scores.values() for key in score.matched}
    proposals = sum(score.proposals for score in scores.values())
    extra = proposals - sum(score.good_proposals for score in scores.values())
    assert claims == 17
    missing = {c.key for seed in SEEDS for c in claims_of(seed)} - covered
    assert missing <= NOT_IN_THE_TEXT, missing
    assert len(covered) >= 16                            # recall 16/17
    assert extra <= 1, [p.place.label for s in SEEDS for p in parses[s].proposals]
    assert not [k for score in scores.values() for k in score.counts_differ]
    assert not [k for score in scores.values() for k in score.over_precise]


def test_evidence_and_words_as_written(parses):
    depot = next(p for p in parses["002"].proposals if p.place.site_id ==
                 "socar_odesa_oblast_depot")
    text = parses["002"].article.text
    assert [text[a:b] for a, b in depot.evidence] == [
        "On August 8, Russian drones struck a SOCAR oil depot in Ukraine’s Odesa region, "
        "igniting storage tanks and damaging a diesel pipeline.", "Four employees were injured."]
    assert depot.date_words == "August 8" and depot.interval.precision == "day"
    orlivka = next(p for p in parses["002"].proposals if p.category == "strike"
                   and p.place.site_id == "orlivka_gds")
    assert orlivka.date_words == "Days earlier"
    assert (orlivka.interval.start.isoformat(), orlivka.interval.end.isoformat()) == (
        "2025-08-01", "2025-08-07")


def test_whose_claim_and_the_operator_named(parses):
    assert parses["003"].meta.publisher == "News.Az"
    assert parses["003"].meta.author == "Tural Heybatov"
    refinery = next(p for p in parses["000"].proposals
                    if p.place.site_id == "kremenchuk_refinery")
    assert refinery.operator == "SOCAR"
    assert all(p.category for p in parses["000"].proposals)


def test_an_undated_article_leaves_relative_dates_unresolved_and_says_so(geocoder, parses):
    undated = parse_article(read_article_path(SEED_ARTICLES / SEEDS["000"][0]), geocoder)
    assert undated.meta.date is None
    assert undated.proposals
    assert all(not p.interval.resolved for p in undated.proposals)
    assert all("give its date" in p.interval.how for p in undated.proposals)
    dated = parses["000"]
    assert [p.place.key for p in undated.proposals] == [p.place.key for p in dated.proposals]
    assert [p.munitions for p in undated.proposals] == [p.munitions for p in dated.proposals]
