"""Munitions, casualties and the subtype they give, as geo.articles.counts reads them."""

from __future__ import annotations

import pytest

from geo.articles.counts import casualties, describe_counts, munitions, subtype


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
