"""The date grammar of geo.articles: absolute and relative forms, with and without the
article's date, resolved as intervals that keep the words as written."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.articles.date_rules import find_dates, listed_days, listed_months
from geo.articles.dates import UNBOUNDED_PAST, DateContext, Interval

D = dt.date(2025, 8, 8)            # a Friday
WITH_DATE = DateContext(D)
UNDATED = DateContext(None)


def one(text: str, context: DateContext = WITH_DATE):
    found = [m for m in find_dates(text) if m.kind != "ignored"]
    assert len(found) == 1, [m.text for m in found]
    return found[0], found[0].resolve(context)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize("text, words, start, end, precision", [
    ("On August 8, Russian drones struck a depot", "August 8", "2025-08-08", "2025-08-08",
     "day"),
    ("began carrying gas to Ukraine on June 28.", "June 28", "2025-06-28", "2025-06-28", "day"),
    ("In November 2020, as the army stood", "November 2020", "2020-11-01", "2020-11-30",
     "month"),
    ("on the night of 7-8 August 2025, causing a fire", "the night of 7-8 August 2025",
     "2025-08-07", "2025-08-08", "approximate"),
    ("On the night of August 7–8, 2025, Russian forces", "the night of August 7–8, 2025",
     "2025-08-07", "2025-08-08", "approximate"),
    ("On 28 July 2025, Ukraine received its first import", "28 July 2025", "2025-07-28",
     "2025-07-28", "day"),
    ("A drone hit a petrol depot early Friday, June 28, setting", "Friday, June 28",
     "2025-06-28", "2025-06-28", "day"),
    ("attacked in early August as well", "early August", "2025-08-01", "2025-08-10",
     "approximate"),
    ("in early March of this year, the plant", "early March of this year",
     "2025-03-01", "2025-03-10", "approximate"),
    ("the TPP was destroyed on 2024-04-11", "2024-04-11", "2024-04-11", "2024-04-11", "day"),
    ("On the night of August 18, 2025, the depot", "the night of August 18, 2025",
     "2025-08-17", "2025-08-18", "approximate"),
])
def test_absolute_dates_keep_their_words(text, words, start, end, precision):
    mention, interval = one(text)
    assert mention.text == words
    assert (interval.start, interval.end, interval.precision) == (day(start), day(end),
                                                                  precision)


def test_a_day_without_a_year_takes_the_article_year_or_the_year_before():
    _, before = one("On the evening of August 17, Russian forces")
    assert before.start == dt.date(2024, 8, 17)       # after 8 Aug 2025: the year before
    assert "the year before" in before.how
    _, same = one("On August 1, drones")
    assert same.start == dt.date(2025, 8, 1)


def test_a_day_without_a_year_in_an_undated_article():
    _, interval = one("On August 8, Russian drones struck", UNDATED)
    assert not interval.resolved and "no year is written" in interval.how
    _, named = one("On August 8, Russian drones struck", DateContext(None, year=2025))
    assert named.start == D and "the year the text names" in named.how
    _, written = one("In November 2020, a ceasefire", UNDATED)
    assert written.resolved                        # a written year needs no article date


@pytest.mark.parametrize("text, start, end", [
    ("Last night, Russia brutally punished", "2025-08-07", "2025-08-08"),
    ("drones attacked the region overnight", "2025-08-07", "2025-08-08"),
    ("the governor said on Tuesday", "2025-08-05", "2025-08-05"),
    ("an attack on Kyiv on Thursday that killed", "2025-08-07", "2025-08-07"),
    ("on Friday morning", "2025-08-08", "2025-08-08"),
    ("yesterday", "2025-08-07", "2025-08-07"),
    ("over the weekend", "2025-08-02", "2025-08-03"),
    ("were recently detained in Baku", "2025-06-09", "2025-08-08"),
    ("in recent weeks", "2025-06-27", "2025-08-08"),
    ("last month", "2025-07-01", "2025-07-31"),
    ("three days ago", "2025-08-04", "2025-08-06"),
])
def test_relative_dates_against_the_article_date(text, start, end):
    mention, interval = one(text)
    assert mention.text.lower() in text.lower()
    assert (interval.start, interval.end) == (day(start), day(end))


@pytest.mark.parametrize("text", ["Last night, Russia", "on Tuesday", "recently", "overnight",
                                  "Previously, a missile landed", "over the weekend"])
def test_relative_dates_stay_unresolved_without_the_article_date(text):
    _, interval = one(text, UNDATED)
    assert not interval.resolved
    assert "give its date" in interval.how


def test_no_stated_bound_reaches_back_to_the_start_of_the_map_period():
    for text in ("Previously, a missile landed near", "Repeated missile strikes on",
                 "had PREVIOUSLY been hit"):
        _, interval = one(text)
        assert (interval.start, interval.end) == (UNBOUNDED_PAST, D), text
        assert "no earlier bound" in interval.how


def test_days_earlier_and_later_count_from_the_event_told_before():
    told = Interval(D, D)
    context = DateContext(D, anchor=told)
    _, earlier = one("Days earlier, a Russian attack hit", context)
    assert (earlier.start, earlier.end) == (dt.date(2025, 8, 1), dt.date(2025, 8, 7))
    _, later = one("Two days later, the presidents discussed", context)
    assert later.start == dt.date(2025, 8, 10)
    _, same = one("On the same day, drones also targeted", context)
    assert same.start == D
    _, wide = one("Days earlier, a Russian attack hit",
                  DateContext(D, anchor=Interval(dt.date(2025, 8, 1), dt.date(2025, 8, 10))))
    assert wide.end == dt.date(2025, 8, 7)         # a wide interval is not a day to count from


def test_n_days_after_an_event_counts_back_from_the_article():
    _, interval = one("tanks were still on fire some 10 days after a Ukrainian attack")
    assert interval.start <= dt.date(2025, 7, 29) <= interval.end


def test_expressions_that_are_not_event_dates_take_no_part():
    for text in ("since February 2022", "for years served as a base", "at 4:35 am (0135 GMT)",
                 "for over two centuries"):
        assert all(m.kind == "ignored" for m in find_dates(text)), text
    assert find_dates("it may find itself facing losses") == []        # 'may' is no month
    assert [m.text for m in find_dates("On May 5 it rained")] == ["May 5"]


def test_a_list_of_days_apart_is_one_date_each():
    days = listed_days("during massive attacks on March 22 and 29, and April 11 and 27")
    assert [m.text for m in days] == ["March 22", "March 29", "April 11", "April 27"]
    assert [m.resolve(WITH_DATE).start for m in days][1] == day("2025-03-29")
    assert listed_days("on August 7 and 8 drones hit a depot") == []     # one night


@pytest.mark.parametrize("text", [
    # https://www.urdupoint.com/en/business/fallen-drone-causes-fire-at-oil-refinery-in-r-1686417.html
    "Earlier in the day, the governor of the Krasnodar region said that oil reservoirs caught fire",
    "Later that day, drones also targeted a depot",
])
def test_earlier_or_later_in_the_day_is_the_day_of_the_event_told_before(text):
    told = Interval(dt.date(2025, 8, 7), D, "approximate")
    _, interval = one(text, DateContext(D, anchor=told))
    assert (interval.start, interval.end) == (told.start, told.end)


def test_a_fire_raging_for_days_broke_out_that_long_before_the_article():
    # https://www.khaleejtimes.com/ta/world/europe/ukrainian-drones-strike-russian-fuel-depots-
    # sparking-fires : "a large fire has been raging for 10 days at another oil storage facility"
    _, interval = one("After a separate drone attack, a large fire has been raging for 10 days "
                      "at another oil storage facility in the city of Proletarsk")
    assert interval.start <= dt.date(2025, 7, 29) <= interval.end
    assert interval.end < D


@pytest.mark.parametrize("text, start, end", [
    # https://pledgetimes.com/there-was-a-fire-at-a-refinery-in-kuban-a-drone-attack-could-have-
    # caused-the-fire/ : "In the summer, the Afipsky and Ilsky oil refineries were attacked"
    ("In the summer, the Afipsky and Ilsky oil refineries were attacked in one day",
     "2025-06-01", "2025-08-31"),
    ("Drones hit the depot last winter", "2024-12-01", "2025-02-28"),
    ("Drones hit the depot in the autumn of 2024", "2024-09-01", "2024-11-30"),
    ("Drones hit the depot in the autumn", "2024-09-01", "2024-11-30"),
])
def test_a_season_is_its_months(text, start, end):
    _, interval = one(text)
    assert (interval.start, interval.end) == (day(start), day(end))



def test_the_invasion_a_strike_is_the_largest_since_is_not_its_time():
    for text in ("the largest strike on its gas production facilities since the invasion in "
                 "2022", "the heaviest attack since the full-scale war began in February 2022"):
        assert all(m.kind == "ignored" for m in find_dates(text)), text


def test_a_list_of_months_is_one_date_each_with_the_year_said_after_it():
    text = ("It has been targeted at least three other times — in September and March this "
            "year and in March 2024.")
    found = [(m.text, m.resolve(DateContext(dt.date(2025, 10, 4)))) for m in
             listed_months(text)]
    assert [(words, i.start.isoformat(), i.end.isoformat()) for words, i in found] == [
        ("September", "2025-09-01", "2025-09-30"), ("March this year", "2025-03-01", "2025-03-31"),
        ("March 2024", "2024-03-01", "2024-03-31")]
    assert listed_months("struck in March 2024 at night") == []
