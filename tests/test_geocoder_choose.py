"""Choosing among namesakes (geo.geocoding.choose.decide, and the column pass that lets the
file's other rows settle one: file_context._settle) on invented but realistic candidates:
only living places of a name compete, one village listed by two sources or a raion listed
twice is one answer, living namesakes farther apart than a wrong placement (25 km) stay
ambiguous, and a name with namesakes left unlisted stays ambiguous."""

from __future__ import annotations

from dataclasses import fields, replace

import numpy as np
import pytest

from geo.geocoding.choose import Unlisted, decide
from geo.geocoding.file_context import _doubt_size_choices, _settle
from geo.geocoding.results import LIVING, Candidate, GeocodeResult


def village(ident: str, lat: float, lon: float, weight: float = 2000.0,
            standing: str = LIVING, feature: str = "PPL") -> Candidate:
    return Candidate("place", ident, f"Kalynivka {ident}", lat, lon, "town", "UA",
                     "Donetsk Oblast", 0, "exact", 1.0, weight, source="GeoNames",
                     feature=feature, standing=standing)


def test_a_living_place_is_the_answer_when_its_namesakes_are_only_geonames_records():
    confirmed = village("geonames:1", 48.10, 37.70)
    stale = village("geonames:2", 48.70, 38.40, weight=1500.0, standing="unconfirmed")
    result = decide([stale, confirmed], "places named 'kalynivka'")
    assert result.status == "exact" and result.best.ident == "geonames:1"
    assert result.best.precision == "town"
    assert [c.ident for c in result.others] == ["geonames:2"]
    assert "1 listed by GeoNames only" in result.note and "one living place" in result.note
    assert result.confidence < 0.6        # the score says the namesake was set aside


def test_an_abandoned_namesake_does_not_keep_a_living_village_ambiguous():
    living = village("geonames:1", 48.10, 37.70, weight=1000.0)
    abandoned = village("geonames:3", 47.50, 36.90, weight=800.0, standing="gone",
                        feature="PPLQ")
    result = decide([living, abandoned], "places named 'kalynivka'")
    assert result.status == "exact" and result.best.ident == "geonames:1"
    assert "abandoned or historical" in result.note


def test_two_living_places_stay_ambiguous_with_a_living_best_guess():
    stale = village("geonames:2", 48.70, 38.40, weight=5000.0, standing="unconfirmed")
    first = village("geonames:1", 48.10, 37.70)
    second = village("geonames:4", 47.40, 37.20)
    result = decide([stale, first, second], "places named 'kalynivka'")
    assert result.status == "ambiguous"
    assert result.best.standing == LIVING          # not the heavier GeoNames-only record
    assert {c.ident for c in result.others} == {"geonames:2", "geonames:4"}
    assert "all in one region: give a raion or coordinates" in result.note


def test_living_namesakes_a_few_km_apart_with_a_stale_record_far_away_are_one_answer():
    first = village("geonames:1", 48.100, 37.700)
    second = village("geonames:4", 48.150, 37.760, weight=1900.0)
    stale = village("geonames:2", 49.000, 38.900, standing="unconfirmed")
    result = decide([first, second, stale], "places named 'kalynivka'")
    assert result.status == "exact" and result.best.precision == "admin2"
    assert "within 7 km of each other" in result.note


def test_namesakes_left_unlisted_keep_a_lone_living_place_ambiguous():
    living = village("geonames:1", 48.10, 37.70)
    result = decide([living], "places named 'kalynivka'", unlisted=Unlisted(30, 9000.0))
    assert result.status == "ambiguous"


def test_one_raion_listed_twice_a_few_km_apart_is_one_answer_at_raion_precision():
    def raion(ident: str, lat: float, lon: float) -> Candidate:
        return Candidate("admin2", ident, "Sloboda Raion (raion, before 2020)", lat, lon,
                         "admin2", "UA", "Kharkiv Oblast", 0, "alias", 0.95, 1.0,
                         source="GeoNames", feature="ADM2H")
    result = decide([raion("geonames:10", 49.90, 36.30), raion("geonames:11", 49.95, 36.40)],
                    "raions named 'sloboda'")
    assert result.status == "alias" and result.best.precision == "admin2"
    assert "km of each other" in result.note


def test_a_village_listed_by_geonames_and_by_openstreetmap_a_few_km_apart_is_one_answer():
    geonames = village("geonames:1", 48.100, 37.700)
    osm = replace(village("osm:node/1", 48.120, 37.720, weight=500.0), source="OpenStreetMap",
                  feature="OSM_village")
    result = decide([osm, geonames], "places named 'kalynivka'")
    assert result.status == "exact" and result.best.ident == "geonames:1"
    assert result.best.precision == "town" and result.others == ()


def test_living_namesakes_farther_apart_than_a_wrong_placement_stay_ambiguous():
    first = village("geonames:1", 48.100, 37.700)
    second = village("geonames:4", 48.370, 37.700)        # 30 km north: another village
    result = decide([first, second], "places named 'kalynivka'")
    assert result.status == "ambiguous"
    assert [c.ident for c in result.others] == ["geonames:4"]


def test_the_file_settles_a_namesake_only_when_no_rival_has_rows_near_it():
    east, south = village("geonames:1", 48.60, 38.00), village("geonames:2", 47.80, 37.40)
    open_name = decide([east, south], "places named 'kalynivka'")
    assert open_name.status == "ambiguous"
    far = np.array([300.0, 300.0])

    def settle(within_10_km, within_25_km, within_50_km=(40, 30)):
        return _settle(open_name, [east, south], far, {
            10.0: list(within_10_km), 25.0: list(within_25_km), 50.0: list(within_50_km)})

    settled = settle([9, 0], [9, 0])
    assert settled.status == "exact" and settled.best.ident == "geonames:1"
    assert "9 of the file's placed points within 10 km, the next 0" in settled.note
    # a front line: the other namesake has one of the file's rows by it, so it stays open
    assert settle([9, 1], [9, 1]).status == "ambiguous"
    assert settle([3, 0], [3, 0]).status == "ambiguous"
    # the file's rows 10-25 km around one namesake and none around the other settle it too
    wider = settle([3, 0], [6, 0])
    assert wider.status == "exact" and wider.best.ident == "geonames:1"
    assert "6 of the file's placed points within 25 km, the next 0" in wider.note
    assert settle([3, 0], [6, 1]).status == "ambiguous"
    assert settle([3, 0], [4, 0]).status == "ambiguous"


def test_the_file_settles_a_namesake_far_ahead_of_every_other_near_and_wide():
    """Where every namesake has some of the file's rows around it (a front line), one with
    4 times as many within 10 km (2 at least) and 1.5 times as many within 50 km is taken."""
    east, south = village("geonames:1", 48.60, 38.00), village("geonames:2", 47.80, 37.40)
    open_name = decide([east, south], "places named 'kalynivka'")
    far = np.array([300.0, 300.0])

    def settle(near, wide):
        return _settle(open_name, [east, south], far, {10.0: near, 25.0: near, 50.0: wide})

    ahead = settle([8, 2], [60, 40])
    assert ahead.status == "exact" and ahead.best.ident == "geonames:1"
    assert "8 of the file's placed points within 10 km and 60 within 50 km" in ahead.note
    assert settle([2, 0], [3, 2]).best.ident == "geonames:1"
    assert settle([0, 2], [2, 3]).best.ident == "geonames:2"
    assert settle([7, 2], [60, 40]).status == "ambiguous"   # under 4 times as many near
    assert settle([8, 2], [60, 41]).status == "ambiguous"   # under 1.5 times as many wide
    assert settle([1, 0], [9, 0]).status == "ambiguous"     # one row near is no lead
    many = [village(f"geonames:{k}", 48.0 + k / 10, 37.0) for k in range(11)]
    crowd = decide(many, "places named 'andriivka'")
    assert crowd.status == "ambiguous"
    counts = [8, 2] + [0] * 9
    assert _settle(crowd, many, np.full(11, 300.0), {10.0: counts, 25.0: [8, 1] + [0] * 9,
                                                      50.0: [60] + [1] * 10}).status == "ambiguous"


def test_a_name_left_open_is_guessed_where_the_file_has_most_rows_nearby():
    """Still ambiguous, but the point shown is the namesake with the most of the file's
    placed points within 10 km, not the heaviest: a better guess on three real files."""
    east, south = village("geonames:1", 48.60, 38.00), village("geonames:2", 47.80, 37.40)
    open_name = decide([east, south], "places named 'kalynivka'")
    assert open_name.best.ident == "geonames:1"
    far = np.array([300.0, 300.0])

    def settle(near, wide):
        return _settle(open_name, [east, south], far, {10.0: near, 25.0: near, 50.0: wide})

    guessed = settle([1, 3], [40, 40])
    assert guessed.status == "ambiguous" and guessed.best.ident == "geonames:2"
    assert [c.ident for c in guessed.others] == ["geonames:1"]
    assert "best guess: the one with the most of the file's placed points" in guessed.note
    assert settle([2, 2], [40, 40]).best.ident == "geonames:1"    # equals: the heaviest
    assert settle([0, 0], [40, 40]) is open_name


def test_a_namesake_chosen_by_size_is_doubted_when_the_file_surrounds_another():
    """ACLED's Troitske: the district town chosen by size (9x), 153 km from the front-line
    village its rows surround: held ambiguous, the town kept as best guess."""
    town = village("geonames:10", 49.90, 38.30, weight=9000.0)
    front = village("geonames:11", 48.60, 38.00, weight=1000.0)
    chosen = decide([town, front], "places named 'troitske'")
    assert chosen.status == "exact" and chosen.outweighs == pytest.approx(9.0)
    rng = np.random.default_rng(1)

    def around(lat, lon, n):
        return [GeocodeResult("exact", village(f"geonames:{100 + i}", lat + dy, lon + dx))
                for i, (dy, dx) in enumerate(rng.uniform(-0.12, 0.12, (n, 2)))]

    doubted = _doubt_size_choices([chosen, *around(48.60, 38.00, 12)])[0]
    assert (doubted.status, doubted.best.ident) == ("ambiguous", "geonames:10")
    assert "12 of the file's placed points lie within 25 km of Kalynivka geonames:11" \
        in doubted.note and not doubted.settle
    # one row by the town against many by the village is still doubt (ACLED's Sieverne)
    one_by_town = _doubt_size_choices([chosen, *around(48.60, 38.00, 12),
                                       *around(49.90, 38.30, 1)])[0]
    assert one_by_town.status == "ambiguous" and "only 1 of this one" in one_by_town.note
    assert _doubt_size_choices([chosen, *around(48.60, 38.00, 6),
                                *around(49.90, 38.30, 1)])[0].status == "exact"
    # a few rows by the village, or rows by the town too, leave the size choice standing
    assert _doubt_size_choices([chosen, *around(48.60, 38.00, 6)])[0].status == "exact"
    both = [chosen, *around(48.60, 38.00, 12), *around(49.90, 38.30, 2)]
    assert _doubt_size_choices(both)[0].status == "exact"
    # a raion's or an oblast's centre is not doubted (CIR's Lozova)
    centre = replace(chosen, best=replace(chosen.best, feature="PPLA2"))
    assert _doubt_size_choices([centre, *around(48.60, 38.00, 12)])[0].status == "exact"
    # a choice by a wide margin (a city over villages) is not doubted
    city = replace(chosen, outweighs=60.0)
    assert _doubt_size_choices([city, *around(48.60, 38.00, 12)])[0].status == "exact"


def test_a_result_renoted_keeps_every_other_field():
    """GeocodeResult.with_note names its fields (dataclasses.replace is 3x slower on the path
    every name takes): a field added later and left out of it would be lost."""
    place = Candidate("place", "geonames:1", "A (UA)", 48.0, 37.0, "town", "UA")
    result = GeocodeResult("ambiguous", place, (place,), 0.4, "before", settle=False,
                           outweighs=7.0)
    renoted = result.with_note("after")
    assert renoted.note == "after"
    assert all(getattr(renoted, f.name) == getattr(result, f.name)
               for f in fields(GeocodeResult) if f.name != "note")
    assert all(f.default != getattr(result, f.name) for f in fields(GeocodeResult)
               if f.name not in ("status", "best", "note"))   # none left at its default


def test_a_name_only_another_name_of_a_city_and_the_own_name_of_villages_is_ambiguous():
    """'Oleksandrivka' with Donetsk oblast: a name Donetsk city once bore and the own name of
    villages there; the city's size decides nothing, the answer is ambiguous and says why."""
    city = replace(village("geonames:1", 48.02, 37.80, weight=900_000.0), status="alias")
    villages = [village(f"geonames:{i}", 47.5 + i / 10, 37.0) for i in (2, 3)]
    def former(cand):
        return cand.ident == "geonames:1"

    held = decide([city, *villages], "places named 'oleksandrivka'", named_otherwise=former)
    assert held.status == "ambiguous" and held.best.ident == "geonames:1"
    assert "the heaviest bears it only as another name, 2 living places as their own" \
        in held.note
    # one village of that name, or a form of the city's own name, leaves the choice standing
    assert decide([city, villages[0]], "places named 'oleksandrivka'",
                  named_otherwise=former).status == "alias"
    assert decide([city, *villages], "places named 'popasne'").status == "alias"
