"""A long article made of the real ones of tests/data/articles, for the reader's speed
(`make bench`, bench_articles) and its test of reading a long text whole."""

from __future__ import annotations

import csv

from geo.articles.text import ArticleText, article_from_text, read_article_path
from tests.support.files import ARTICLES

WORDS = 2000


def articles() -> list[dict]:
    with open(ARTICLES / "articles.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def long_article(words: int = WORDS) -> ArticleText:
    """The annotated articles joined, in their listed order, until `words` words."""
    texts, count = [], 0
    for article in articles():
        text = read_article_path(ARTICLES / article["file"]).text
        texts.append(text)
        count += len(text.split())
        if count >= words:
            break
    return article_from_text("\n\n".join(texts))
