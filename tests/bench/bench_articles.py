"""Article reader benchmark: `python -m tests.bench articles`.

A 2,000-word text made of the real articles of tests/data/articles, read by the article
reader once the gazetteer is loaded (target <= 1 s). No baseline: nothing else here reads
articles; the first read, which loads the gazetteer, is shown beside it.
"""

from __future__ import annotations

import time

from geo.articles.parse import parse_article
from geo.geocoding.geocoder import load_geocoder
from geo.settings import Settings
from tests.support.long_article import long_article


def run(table) -> None:
    article = long_article()
    words = len(article.text.split())
    start = time.perf_counter()
    geocoder = load_geocoder(Settings.from_env())
    parse_article(article, geocoder, date="2025-08-18")
    table.add("article reader: first read, gazetteer loaded with it", words,
              [time.perf_counter() - start], target="once per process")
    table.measure(f"article reader: a {words:,}-word article", words,
                  lambda: parse_article(article, geocoder, date="2025-08-18"), repeat=5,
                  target="target <= 1 s once the gazetteer is loaded")
