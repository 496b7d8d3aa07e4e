"""An article's words and what is read about it: HTML and Markdown reduced to text, the
sentences with their offsets, the publication date, publisher, author and title; and the
errors a person can cause, each named."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.articles.metadata import read_metadata, with_overrides
from geo.articles.sentences import split_sentences
from geo.articles.text import article_from_text, read_article_bytes, read_article_path
from geo.errors import InputFileError, ValidationError
from tests.support.files import ARTICLES


def test_html_is_reduced_to_its_words_and_nothing_runs():
    page = ("<html><head><title>Depot hit</title><meta property='article:published_time' "
            "content='2024-06-28T07:00:00Z'><script>window.bad=1</script></head><body><nav>Home"
            " | World</nav><p>A drone hit a petrol depot.</p><p>No one was hurt &amp; the fire "
            "is out.</p></body></html>")
    article = read_article_bytes(page.encode(), "depot.html")
    assert article.text == "A drone hit a petrol depot.\n\nNo one was hurt & the fire is out."
    assert article.fields["title"] == "Depot hit"
    assert read_metadata(article).date == dt.date(2024, 6, 28)


def test_markdown_front_matter_and_html_inside_markdown():
    article = read_article_path(ARTICLES / "foxnews_2026-01-08_dnipro_zaporizhzhia_power.md")
    assert article.text.startswith("Nearly 800,000 homes in Ukraine were left without")
    assert "<a " not in article.text and "href" not in article.text
    meta = read_metadata(article)
    assert meta.date == dt.date(2026, 1, 8)
    assert meta.title.startswith("Russian winter strike leaves nearly 800K homes")
    assert meta.publisher == "foxnews.com"


def test_sentences_keep_their_offsets_and_titles_are_headings():
    text = ("Strikes on SOCAR\nOn Aug. 8 drones hit a depot in Ukraine. Four employees were "
            "injured! U.S. officials said so.")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Strikes on SOCAR", "On Aug. 8 drones hit a depot in Ukraine.",
        "Four employees were injured!", "U.S. officials said so."]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert sentences[0].heading and not sentences[1].heading


@pytest.mark.parametrize("name, date, publisher, author", [
    ("seeds/003_b7c1c6232cd54db1.txt", "2025-08-08", "News.Az", "Tural Heybatov"),
    ("tass_2025-01-13_russkaya_compressor.txt", "2025-01-13", "TASS", ""),
    ("pravda_ua_2025-08-08_socar_depot.txt", "2025-08-08", "", "Artur Kryzhnyi"),
    ("reuters_devdiscourse_2024-02-03_volgograd.txt", "2024-02-03", "Reuters", ""),
    ("caliber_az_2025-08-18_socar_shahed.txt", "2025-08-18", "", ""),
    ("seeds/000_6b014d9026eb9c02.txt", None, "", ""),
])
def test_date_publisher_and_author_read_from_the_text(name, date, publisher, author):
    meta = read_metadata(read_article_path(ARTICLES / name))
    assert meta.date == (dt.date.fromisoformat(date) if date else None)
    assert (meta.publisher, meta.author) == (publisher, author)


def test_the_date_line_is_not_an_event_date():
    article = read_article_path(ARTICLES / "seeds" / "003_b7c1c6232cd54db1.txt")
    meta = read_metadata(article)
    assert meta.title.startswith("Strikes on SOCAR and the collapse of the CIS")
    [(start, end)] = meta.date_spans
    assert article.text[start:end].strip() == "date 2025-08-08"


def test_the_analyst_replaces_what_was_read():
    meta = read_metadata(article_from_text("Drones hit a depot last night."))
    assert meta.date is None
    given = with_overrides(meta, date="2025-08-15", publisher="Example outlet")
    assert (given.date, given.date_found, given.publisher) == (
        dt.date(2025, 8, 15), "given by the analyst", "Example outlet")
    with pytest.raises(ValidationError, match="article date '15/08/2025' is not a date"):
        with_overrides(meta, date="15/08/2025")


@pytest.mark.parametrize("data, name, message", [
    (b"", "empty.txt", "has no text"),
    (b"   \n  ", "blank.txt", "has no text"),
    (b"PK\x03\x04\x00\x00binary", "file.txt", "is a binary file"),
    (b"<html><body><script>x()</script></body></html>", "page.html",
     "no readable text once its markup is removed"),
])
def test_unreadable_input_is_refused_with_the_reason(data, name, message):
    with pytest.raises(InputFileError, match=message):
        read_article_bytes(data, name)


def test_a_file_too_large_or_of_another_kind_is_refused(tmp_path):
    with pytest.raises(InputFileError, match=r"over the .* limit for an article"):
        read_article_bytes(b"x" * 200, "big.txt", max_bytes=100)
    sheet = tmp_path / "incidents.csv"
    sheet.write_text("date,place\n")
    with pytest.raises(InputFileError, match=r"'incidents\.csv' is not an article file"):
        read_article_path(sheet)
    with pytest.raises(InputFileError, match="No such file"):
        read_article_path(tmp_path / "missing.txt")


def test_cyrillic_windows_1251_is_read():
    text = "Дрони атакували нафтобазу в Одесі. Four employees were injured."
    article = read_article_bytes(text.encode("cp1251"), "ua.txt")
    assert article.text == text


def test_utf8_text_with_a_line_in_windows_1252_is_read_line_by_line():
    """A pasted article saved as UTF-8 with one quotation from a Windows-1252 page (was a
    LookupError traceback: the reader asked Python for an encoding named 'mixed')."""
    data = ("Удар по НПЗ у Кременчуці, 8 серпня 2025.\n".encode()
            + "A drone hit the refinery \u2013 officials said.\n".encode("cp1252"))
    article = read_article_bytes(data, "pasted.txt")
    assert "Кременчуці" in article.text and "refinery \u2013 officials" in article.text


@pytest.mark.parametrize("line", ["date 2025-10-10", "Date: 2025-10-10"])
def test_a_date_line_after_the_title_is_the_date(line):
    # "title, date line, body": how an article is often saved
    text = (f"Russians attacked DTEK's thermal power plant\n\n {line} Russian forces struck a "
            "DTEK thermal power plant overnight.")
    meta = read_metadata(article_from_text(text))
    assert meta.date == dt.date(2025, 10, 10)
    assert meta.title == "Russians attacked DTEK's thermal power plant"
    [(start, end)] = meta.date_spans
    assert text[start:end].strip() == line


@pytest.mark.parametrize("text, date, dateline", [
    ("Baku, August 19, 2025 – In the early hours of August 18, Russian drones struck the SOCAR "
     "oil terminal in Ukraine's Odesa region.", dt.date(2025, 8, 19), "Baku, August 19, 2025 –"),
    ("MOSCOW, Feb 24, 2025 (BSS/AFP) - A Ukrainian drone attack triggered a fire at an oil "
     "refinery in Russia overnight, officials said on Monday.", dt.date(2025, 2, 24),
     "MOSCOW, Feb 24, 2025 (BSS/AFP) -"),
])
def test_a_dateline_opening_a_long_first_line_is_the_date(text, date, dateline):
    meta = read_metadata(article_from_text(text))
    assert meta.date == date
    [(start, end)] = meta.date_spans
    assert text[start:end].strip() == dateline      # the rest of the sentence is still read


def test_a_weekday_glued_to_the_day_of_a_page_stamp_is_read():
    text = ("Sunday12 January 2025\ntelegraf.org.ua\n\nOn the morning of December 25, Russia "
            "struck DTEK's thermal power plants.")
    assert read_metadata(article_from_text(text)).date == dt.date(2025, 1, 12)


def test_a_published_stamp_without_a_colon_is_the_date():
    # https://www.urdupoint.com/en/business/fallen-drone-causes-fire-at-oil-refinery-in-r-1686417.html
    text = ("Fallen Drone Causes Fire At Oil Refinery In Russia's Rostov Region - Governor\n\n"
            "Mohammad Ali (@ChaudhryMAli88) Published May 04, 2023 | 09:30 AM\n\n"
            "A fallen drone caused a fire at Novoshakhtinsk Oil Refinery overnight.")
    meta = read_metadata(article_from_text(text))
    assert meta.date == dt.date(2023, 5, 4)
    assert "Published May 04, 2023" in text[slice(*meta.date_spans[0])]


@pytest.mark.parametrize("line, day", [
    ("date 2023-06-16 08:15 05 June Kyiv, Ukraine", dt.date(2023, 6, 5)),
    ("date 2024-01-03 23:40 30 December Kyiv", dt.date(2023, 12, 30)),
    ("date 2023-06-16 08:15 20 June Kyiv", dt.date(2023, 6, 16)),     # not after the stamp
    ("date 2023-06-16 Drones hit a depot on 05 June.", dt.date(2023, 6, 16))])
def test_a_page_s_own_time_and_day_after_a_later_stamp_is_its_date(line, day):
    # https://myc.news/en/proishestvie/na_energeticheskom_obekte_v_belgorodskoj_oblasti_voznik_
    # pozhar : stored on 16 June, the page's own '08:15 05 June' is the day it reports
    text = f"{line}\n\nA fire broke out at an energy facility in the Belgorod region."
    meta = read_metadata(article_from_text(text))
    assert meta.date == day
    if "date 2023-06-16 08:15 05 June" in line:
        [(start, end)] = meta.date_spans
        assert text[start:end].strip() == "date 2023-06-16 08:15 05 June"


def test_a_line_that_goes_on_in_lower_case_is_the_same_sentence():
    # trends.glance.com: the page wraps a sentence over two lines
    text = ("The attack targeted a full storage tank near the village of Hvardiiske, resulting\n"
            "in a significant explosion. The operation is part of a broader strategy.\n"
            "A title\nThe body.")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The attack targeted a full storage tank near the village of Hvardiiske, resulting\n"
        "in a significant explosion.", "The operation is part of a broader strategy.",
        "A title", "The body."]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert [s.heading for s in sentences] == [False, False, True, False]


def test_a_tass_dateline_without_a_year_is_the_report_s_day_not_an_event_s():
    # tass.com/economy/2019181: its day is no event's; its year is not written
    text = ("MELITOPOL, September 20. /TASS/. A visit by the IAEA inspectors to the Zaporozhye "
            "nuclear power plant's training center attacked by Ukrainian drones was planned.")
    meta = read_metadata(article_from_text(text))
    assert meta.date is None
    assert [text[a:b] for a, b in meta.date_spans] == ["MELITOPOL, September 20. /TASS/."]


def test_characters_of_no_width_inside_words_are_dropped():
    """A zero-width space copied from a web page ('Odesa\u200b oil depot') stopped the
    site match; a soft hyphen split a word no one sees split. Bidi marks stay (shown marked)."""
    from geo.articles.text import article_from_text

    text = article_from_text("Drones hit the Odesa\u200b oil de\u00adpot.\u2066x\u2069").text
    assert "Odesa oil depot" in text and "\u2066" in text
