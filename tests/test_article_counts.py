"""Munitions, casualties and the subtype they give, as geo.articles.counts reads them."""

from __future__ import annotations

import pytest

from geo.articles.counts import casualties, describe_counts, munitions, subtype
from geo.articles.parse import parse_article
from geo.articles.text import article_from_text
from tests.support.geocoding import session_geocoder


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    return session_geocoder(tmp_path_factory)


@pytest.mark.parametrize("text, expected", [
    ("Six (6) Russian missiles hit the Kremenchuk Oil Refinery", "6 missiles"),
    ("and 2 missiles hit the thermal power plant", "2 missiles"),
    ("Russia launched five Shahed attack drones on an oil depot", "5 drones"),
    ("an attack using nine unmanned aerial vehicles targeting", "9 drones"),
    ("Earlier, on August 8, around ten drones targeted the same depot", "10 drones"),
    ("Russian drones struck a SOCAR oil depot", "drones"),
    ("a wave of strikes by Russian “Iskander” missiles and “Geran” drones", "missiles; drones"),
    ("Russia fired 1,200 drones", "1200 drones"),
    ("four people were injured in one drone strike", "drones"),    # 'one drone strike': no count
    ("127 firefighters were tackling the blaze", ""),
])
def test_munitions(text, expected):
    assert describe_counts(munitions(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Four employees were injured.", "4 employees injured"),
    ("four SOCAR employees were seriously injured", "4 employees injured"),
    ("an attack on Kyiv on Thursday that killed at least 31 people", "31 people killed"),
    ("At least seven civilians were reported injured in the city", "7 civilians injured"),
    ("Two people died and five others were injured", "2 people killed; 5 others injured"),
    # https://news.online.ua/en/russia-attacked-a-thermal-power-plant-in-the-suburbs-of-
    # kharkiv-...: the injured were read as 13 dead
    ("As of now, a total of 13 injured and one dead are known.", "13 injured; 1 killed"),
    ("A 66-year-old man was injured in the Synelnykivskyi district", "1 man injured"),
    ("A seven-year-old boy was killed as a result of the shelling", "1 boy killed"),
    ("a drone was shot down", ""),
    ("There are no victims", "0 casualties (none reported)"),
    ("No one was injured in the attack, he said.", "0 casualties (none reported)"),
    ("Russian drones struck a SOCAR oil depot", ""),
])
def test_casualties(text, expected):
    assert describe_counts(casualties(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Six Russian missiles hit the refinery", "missile"),
    ("drones struck a depot", "drone"),
    ("Iskander missiles and Geran drones", "missile_and_drone"),
    ("the Kinzhal hypersonic missiles", "missile"),
    ("artillery shelling of the town", "shelling"),
    ("guided aerial bombs hit the plant", "airstrike"),
    ("a Russian attack hit the station", "unspecified"),
])
def test_subtype_from_the_weapons_named(text, expected):
    assert subtype(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("On 8 August 2025 a drone struck the depot", "drones"),
    ("On August 8, 2025 a drone struck the depot", "drones"),
    ("On 8 Aug. 2025 drones struck the depot", "drones"),
    ("In August 2025 drones struck the depot", "drones"),
    ("On 08.08.2025 a drone struck the depot", "drones"),
    ("On 2025-08-08 a drone struck the depot", "drones"),
    ("in 2025 drones struck the depot", "drones"),
    ("On 8 august 2025 a drone struck the depot", "drones"),         # a month in lower case
    ("In August, 2025 drones struck the depot", "drones"),
    ("on the 8th of August 2025 a drone struck the depot", "drones"),
    ("In 2024, 12 drones struck the depot", "12 drones"),
    ("on 3 March two missiles struck the depot", "2 missiles"),
    ("On March 3 two missiles struck the depot", "2 missiles"),
    ("25 drones", "25 drones"),
    ("25 drones attacked the depot", "25 drones"),
])
def test_a_number_of_a_date_is_never_a_count(text, expected):
    assert describe_counts(munitions(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("On 8 August 2025 two people were killed", "2 people killed"),
    ("On 8 August 2025, 3 people were injured", "3 people injured"),
    ("On August 8, 2025 a man was injured", "1 man injured"),
    ("At least 8 may have been killed", "8 killed"),              # 'may' is no month here
])
def test_a_number_of_a_date_is_never_a_casualty(text, expected):
    assert describe_counts(casualties(text)) == expected


def test_an_article_dated_in_its_sentence_proposes_no_year_of_drones(geocoder):
    text = "On 8 August 2025 a drone struck the oil depot in Odesa region."
    [proposal] = parse_article(article_from_text(text), geocoder, date="2025-08-09").proposals
    assert [c.number for c in proposal.munitions] == [None]
    assert proposal.interval.start.isoformat() == "2025-08-08"


def test_a_count_told_at_another_place_is_not_the_count_of_the_event_before(geocoder):
    # https://ifpnews.com/ukraine-attacks-leave-at-least-20000-without-power-in-russia/ (AFP):
    # the 44 drones downed over Bryansk were read as the drones of the fire in Voronezh
    text = ("A fire also broke out at a heating facility in the southern Voronezh region, "
            "according to Governor Alexander Gusev. Russia's defence ministry reported having "
            "shot down 44 drones over the border Bryansk region. Four employees were injured.")
    [proposal] = parse_article(article_from_text(text), geocoder, date="2025-11-10").proposals
    assert describe_counts(proposal.munitions) == ""
    assert describe_counts(proposal.casualties) == "4 employees injured"


def test_the_injured_told_after_the_killed_are_counted_too(geocoder):
    # https://babel.ua/en/news/123926-russians-hit-a-thermal-power-plant-in-the-suburbs-of-
    # kharkiv-... : the 13 injured of a later sentence were lost behind the one killed
    text = ("On December 24, the Russian military launched a series of targeted strikes on a "
            "thermal power plant in the suburbs of Kharkiv. One person was killed and there "
            "were injuries. The strike on the TPP plant led to a significant drop in voltage in "
            "the city. Currently, one person is known to have died and 13 injured — they have "
            "been hospitalized, said the head of the Kharkiv Regional Military Administration.")
    [proposal] = parse_article(article_from_text(text), geocoder, date="2025-12-24").proposals
    assert describe_counts(proposal.casualties) == "1 killed; 13 injured"
    text = ("A drone struck an oil depot in Odesa on Tuesday, killing one person. Thirteen "
            "people were injured.")
    [proposal] = parse_article(article_from_text(text), geocoder, date="2025-12-24").proposals
    assert describe_counts(proposal.casualties) == "1 killed; 13 people injured"


@pytest.mark.parametrize("text, counts", [
    # https://www.yahoo.com/news/russian-media-attack-oil-depot-221758674.html (the Kyiv
    # Independent): 'killed three people and injured seven others' was also 3 injured
    ("A Ukrainian strike on the Rovenki oil depot killed three people and injured seven "
     "others, including a child.", "3 people killed; 7 others injured"),
    # its title, in the present tense, was no count
    ("Attack on oil depot in occupied Luhansk Oblast kills 3, injures 7", "3 killed; 7 injured"),
    ("13 injured and one dead", "13 injured; 1 killed")])
def test_a_count_after_its_harm_verb_is_not_the_next_harm_s(text, counts):
    assert describe_counts(casualties(text)) == counts


def test_a_town_s_short_name_in_a_quote_is_the_town_told_so_its_count_is_the_strike_s(geocoder):
    # ZeroHedge via Freedom's Phoenix (27 April 2024): "(Slavyansk)" is Slavyansk-na-Kubani,
    # told as "Sloviansk-on-Kuban" before, not Slavyanka in Primorye: the 10 UAVs are the
    # refinery strike's
    text = ("Bloomberg reports an oil refinery in the Sloviansk-on-Kuban region was hit by a "
            "swarm of Ukranian suicide drones on Saturday morning.\n\nState-run news agency Tass "
            "said the refinery strike caused damage and a fire.\n\n\"The work of the (Slavyansk) "
            "plant has been partially suspended. Exactly 10 UAVs (drones) flew directly into the "
            "plant, there was a strong fire.\"\n\nOn Telegram, a local government official in "
            "Slavyansk said drones struck a distillation tower and storage tank.")
    parse = parse_article(article_from_text(text), geocoder, date="2024-04-27")
    assert [(p.place.label.split(",")[0], describe_counts(p.munitions))
            for p in parse.proposals] == [("Slavyansk-na-Kubani", "10 drones")]
