"""A settlement's kind written before its name, as Ukrainian and Russian sources write it:
'м. Київ' (Ukraine's official air-raid alerts name the capital so), 'смт Козача Лопань',
'г. Белгород', 'пгт Красная Яруга'. The abbreviation was taken for part of the name: the
capital was not found at all, the others only by similar spelling."""

from __future__ import annotations

import pytest

from geo.geocoding.geocoder import Geocoder
from geo.geocoding.place_text import strip_qualifier
from tests.support.geocoding import session_geocoder


@pytest.fixture(scope="session")
def geocoder(tmp_path_factory) -> Geocoder:
    return session_geocoder(tmp_path_factory)


@pytest.mark.parametrize(("place", "match_id"), [
    ("м. Київ", "geonames:703448"), ("м.Київ", "geonames:703448"),
    ("м. Харків", "geonames:706483"), ("г. Белгород", "geonames:578072"),
])
def test_a_settlement_prefix_is_the_level_not_the_name(geocoder, place, match_id):
    result = geocoder.geocode(place)
    assert result.status == "exact", result.note
    assert result.best.ident == match_id and result.best.precision == "town"


def test_prefixes_are_read_only_before_a_name():
    assert strip_qualifier("smt kozacha lopan") == ("kozacha lopan", "place", "smt")
    assert strip_qualifier("m kyiv") == ("kyiv", "place", "m")
    assert strip_qualifier("kyiv m") == ("kyiv m", "any", "")
    assert strip_qualifier("s") == ("s", "any", "")
