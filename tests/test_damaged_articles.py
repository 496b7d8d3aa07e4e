"""The real articles of tests/data/articles, damaged at random (cut, bytes changed, stray
dates, times, counts, markup, NUL or non-UTF-8 bytes put in), read and parsed: each is
parsed or refused with the project's error, never a traceback. Seeded, so a failure
repeats."""

from __future__ import annotations

import random

import pytest

from geo.articles.parse import parse_article
from geo.articles.text import read_article_bytes
from geo.errors import IncidentMapError
from tests.support.files import ARTICLES
from tests.support.geocoding import session_geocoder

TRIALS = 150
INSERTS = (b"\n", b".", b" on 31 February 2025 ", b" at 25:99 ", b" in Odesa region ",
           b" 10,000,000,000 drones ", b"<script>alert(1)</script>", b"\xff", b" - ", b"(",
           b")", b"\xc2\xa0", b" yesterday ", b" last night ", b" 1999 ", b" 2/30/2025 ",
           b" week 60 ", b"\x00", b"\x96", b"[link](javascript:x)")


def damaged(data: bytes, rng: random.Random) -> bytes:
    copy = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        at, roll = rng.randrange(len(copy)), rng.random()
        if roll < 0.3:
            del copy[at:at + rng.randint(1, 50)]
        elif roll < 0.6:
            copy[at:at] = rng.choice(INSERTS)
        else:
            copy[at] = rng.randrange(256)
    return bytes(copy)


def test_damaged_articles_are_parsed_or_refused_with_the_projects_error(tmp_path_factory):
    geocoder = session_geocoder(tmp_path_factory)
    texts = [path.read_bytes() for path in sorted(ARTICLES.glob("*.txt"))]
    rng = random.Random(2025)
    for trial in range(TRIALS):
        data = damaged(rng.choice(texts), rng)
        date = rng.choice((None, "2025-08-18", "1900-01-01", "2999-01-01"))
        try:
            parse_article(read_article_bytes(data, "article.txt"), geocoder, date=date)
        except IncidentMapError:
            continue
        except Exception as error:   # the test is that nothing else gets here
            pytest.fail(f"trial {trial}: {type(error).__name__}: {error}")
