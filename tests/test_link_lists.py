"""A link cell citing several sources: the first address is the row's source link and the
others stay in its description. Kept whole, 'https://a/1 ;;;; https://b/2' was no web
address, so the map showed the row's sources as text no one could follow.

The rows are constructed in the layout of a real geocoded table of humanitarian corridors
(PeaceRep's `peacerep/ukraine-map` @ 471cbc5, `data/Humanitarian Corridors Ukraine -
HC_geocoded.csv`: `Date` as 05.03.22, `Link` holding up to five Interfax addresses
separated by ' ;;;; '; no licence is stated, so its rows are not copied)."""

from __future__ import annotations

import pandas as pd

from geo.importing.link_lists import first_links
from tests.support.imports import preview_bytes

CSV = ("HC_ID,Date,text,Link,from_name,from_latitude,from_longitude\n"
       "1,05.03.22,Corridor agreed,https://example.org/news/1/?id=7 ;;;; "
       "https://example.org/news/2/?id=7 ;;; https://example.com/3,Mariupol,47.09514,37.54131\n"
       "2,07.03.22,Corridor proposed,https://example.org/news/4/?id=7,Sumy,50.9216,34.80029\n"
       "3,09.03.22,,video: https://t.me/example/5,Kyiv,50.45466,30.5238\n")


def test_a_cell_of_several_links_keeps_the_first_as_the_source_and_the_rest_in_the_text(
        store):
    preview = preview_bytes(store, CSV.encode(), "HC_geocoded.csv")
    rows = preview.incidents
    assert list(rows["source_url"]) == ["https://example.org/news/1/?id=7",
                                        "https://example.org/news/4/?id=7",
                                        "https://t.me/example/5"]
    assert list(rows["description"]) == [
        "Corridor agreed\nOther sources: https://example.org/news/2/?id=7 "
        "https://example.com/3",
        "Corridor proposed",
        "Sources as written: video: https://t.me/example/5"]
    assert any("2 row(s) cite several links in one cell" in note for note in preview.notes)


def test_single_links_and_text_are_left_as_they_are():
    url = pd.Series(["https://www.google.com/maps/@50.4,30.5,12z", "", "t.me/x/1",
                     "https://a.org/1\nhttps://b.org/2"])
    text = pd.Series(["", "", "", "a strike"])
    links, description, changed = first_links(url, text)
    assert list(links) == ["https://www.google.com/maps/@50.4,30.5,12z", "", "t.me/x/1",
                           "https://a.org/1"]
    assert list(description) == ["", "", "", "a strike\nOther sources: https://b.org/2"]
    assert changed == 1
