"""A permalink's parameters that the map cannot follow are said, never dropped unsaid (issue
18, second round): parameters it does not read, half a map position, one end of the window
past the other's default, a window outside the incidents' dates, an operator no incident
claims, an incident id that selects nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.schema import CATEGORIES, CLAIM_STATUSES
from geo.viewstate import ViewState, from_query

DEFAULT = ViewState(date_from=dt.date(2020, 11, 1), date_to=dt.date(2025, 8, 8))


def parse(query: dict, operators=None):
    return from_query(query, DEFAULT, categories=CATEGORIES, claim_statuses=CLAIM_STATUSES,
                      operators=operators)


def test_parameters_the_map_does_not_read_are_named():
    state, problems = parse({"form": "2025-08-01", "zoom": "9", "from": "2025-08-01"})
    assert state.date_from == dt.date(2025, 8, 1)
    assert len(problems) == 1 and "'form', 'zoom'" in problems[0] and "ignored" in problems[0]


@pytest.mark.parametrize("query, said", [
    ({"from": "2099-01-01"}, "ends (2025-08-08) before it starts (2099-01-01)"),
    ({"to": "1900-01-01"}, "ends (1900-01-01) before it starts (2020-11-01)"),
])
def test_one_end_of_the_window_past_the_other_s_default_is_refused(query, said):
    state, problems = parse(query)
    assert (state.date_from, state.date_to) == (DEFAULT.date_from, DEFAULT.date_to)
    assert len(problems) == 1 and said in problems[0]


def test_half_a_map_position_is_said():
    state, problems = parse({"lat": "46.5", "lon": "30.7"})
    assert state.center == DEFAULT.center
    assert problems == ["Link map position needs lat, lon and z; it gives only lat, lon; "
                        "ignored"]


def test_an_operator_no_incident_claims_is_said_when_the_operators_are_known():
    state, problems = parse({"op": "SOCAR,Gazprom\u202e"}, operators=["SOCAR", "Naftogaz"])
    assert state.operators == ("SOCAR",)
    assert "'op'" in problems[0] and "Gazprom" in problems[0]


def opened(new_app, query: dict):
    app = new_app("map_page", timeout=180, query=query).run()
    if any(b.key == "show_rest_of_page" for b in app.button):
        app.button(key="show_rest_of_page").click().run()
    assert not app.exception
    return [w.value.replace("\\", "") for w in app.warning]


@pytest.mark.parametrize("query, said", [
    ({"sel": "no-such-incident"}, "The link selects incident 'no-such-incident', which is "
                                  "not on the map"),
    ({"sel": "x" * 5_000}, "(5,000 characters)"),
    ({"from": "2001-01-01", "to": "2001-12-31"}, "Link window 2001-01-01 to 2001-12-31 "
                                                 "lies outside the incidents' dates"),
    ({"from": "9999-12-30", "to": "9999-12-31"}, "lies outside the incidents' dates"),
    ({"op": "No such operator"}, "Link parameter 'op' has unknown value(s) No such operator"),
    ({"utm_source": "mail"}, "'utm_source' are not read by this map"),
    # a percent-escape that is no UTF-8 (Latin-1's é): the page read '�' and said nothing,
    # or named an unknown operator '�'; quoted twice, as the share link quotes a value
    ({"op": b"caf\xe9"}, "Link parameter 'op' is not UTF-8 text: 'caf‹0xE9›'"),
    ({"op": "caf%E9,SOCAR"}, "Link parameter 'op' is not UTF-8 text: 'caf‹0xE9›'"),
    ({b"x\xff": "1"}, "Link parameter 'x‹0xFF›' is not UTF-8 text: '1'"),
])
def test_the_map_page_says_what_of_a_link_it_cannot_follow(new_app, query, said):
    warnings = opened(new_app, query)
    assert any(said in w for w in warnings), warnings


def test_a_link_selecting_a_stored_incident_says_nothing(new_app):
    assert opened(new_app, {"sel": "seed-002-01"}) == []


@pytest.mark.parametrize("operator", ["Naftogaz, JSC", "100% state-owned", "a%2Cb", "none,x"])
def test_an_operator_with_a_comma_or_a_percent_sign_comes_back_whole(operator):
    """Joined by commas, 'Naftogaz, JSC' came back as two operators no incident claims."""
    from urllib.parse import parse_qsl, urlsplit

    from geo.viewstate import permalink

    state = ViewState(DEFAULT.date_from, DEFAULT.date_to, operators=(operator, "SOCAR"))
    query = dict(parse_qsl(urlsplit(permalink("http://127.0.0.1:8501/", state)).query))
    back, problems = parse(query, operators=[operator, "SOCAR"])
    assert back.operators == (operator, "SOCAR") and problems == []


def test_a_parameter_given_twice_is_said_with_the_value_used(new_app):
    """st.query_params gives the last of a repeated parameter: the first was dropped
    unsaid ('?from=2025-08-01&from=2025-08-05' showed from the 5th)."""
    warnings = opened(new_app, {"from": ["2025-08-01", "2025-08-05"], "z": ["3", "4", "5"]})
    assert any("Link parameter 'from' is given 2 times ('2025-08-01', '2025-08-05'); the "
               "last, '2025-08-05', is used" in w for w in warnings), warnings
    assert any("Link parameter 'z' is given 3 times" in w for w in warnings), warnings


def test_a_repeated_parameter_s_values_are_cut_in_the_message():
    from geo.viewstate import single_values

    query, problems = single_values({"sel": ["x" * 5_000, "y"], "from": ["2025-08-01"]})
    assert query == {"sel": "y", "from": "2025-08-01"}
    assert len(problems) == 1 and "(5,000 characters)" in problems[0]


@pytest.mark.parametrize("lat, lon, z", [("nan", "30.7", "9"), ("46.5", "inf", "9"),
                                         ("46.5", "30.7", "-3"), ("1e400", "0", "99")])
def test_a_map_position_out_of_range_names_its_values_and_the_ranges(lat, lon, z):
    state, problems = parse({"lat": lat, "lon": lon, "z": z})
    assert state.center == DEFAULT.center and state.zoom == DEFAULT.zoom
    assert problems == [f"Link map position is out of range: lat={lat!r}, lon={lon!r}, "
                        f"z={z!r} (lat -90 to 90, lon -180 to 180, z 1 to 18); ignored"]


def test_a_link_value_that_is_no_utf8_is_left_out_and_said_not_guessed():
    from geo.viewstate import not_utf8

    names, said = not_utf8("op=caf%E9&cat=strike&lat=46.5")
    assert names == {"op"} and len(said) == 1 and "'caf‹0xE9›'" in said[0], said
    assert not_utf8("op=caf%C3%A9&cat=strike") == (set(), [])
    back, problems = parse({"op": "caf%E9,SOCAR"}, operators=["SOCAR", "café"])
    assert back.operators == ("SOCAR",), back
    assert problems == ["Link parameter 'op' is not UTF-8 text: 'caf‹0xE9›' (the bytes shown "
                        "as ‹0x..› are no UTF-8: a link written in another encoding, or cut "
                        "inside a character); ignored. Copy the link again from the map's "
                        "Share panel"]
