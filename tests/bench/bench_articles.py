"""Article reader benchmark: `python -m tests.bench articles`.

A 2,000-word text made of the real articles of tests/data/articles, read by the article
reader once the gazetteer is loaded (target <= 1 s). No baseline: nothing else here reads
articles; the first read, which loads the gazetteer, is shown beside it. The same text ten
times over shows how the time grows with length (a live blog), and once more as one
paragraph (a page pasted without its line breaks): about ten times is linear, a hundred
times would be the square.
"""

from __future__ import annotations

import time

from geo.articles.parse import parse_article
from geo.articles.text import article_from_text
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
    longer = article_from_text("\n".join([article.text] * 10), "ten times over")
    table.measure(f"article reader: the same ten times over ({10 * words:,} words)", 10 * words,
                  lambda: parse_article(longer, geocoder, date="2025-08-18"), repeat=3,
                  target="about 10x the row above")
    pasted = article_from_text(" ".join([article.text.replace("\n", " ")] * 10), "one line")
    table.measure(f"  the same as one paragraph ({10 * words:,} words)", 10 * words,
                  lambda: parse_article(pasted, geocoder, date="2025-08-18"), repeat=3,
                  target="about 10x the 2,000-word row")
