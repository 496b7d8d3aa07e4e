"""Power plants named for a town or a region are placed at the plant of the register of power
plants (data/context_power_plants.csv), not at the city whose name they carry."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.articles.parse import parse_article
from geo.articles.plants import find_plant, read_plants
from geo.articles.text import article_from_text
from geo.settings import DATA_DIR
from tests.support.geocoding import session_geocoder


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    return session_geocoder(tmp_path_factory)


def placed(text: str, geocoder, date: str) -> list[tuple]:
    parse = parse_article(article_from_text(text), geocoder, date=date)
    return [(p.place.precision, p.place.site_id, p.place.admin1) for p in parse.proposals]


def test_a_nuclear_plant_named_for_a_region_is_the_plant_not_the_city(geocoder):
    # https://www.politico.eu/article/drone-strikes-hit-ukraine-largest-nuclear-power-plant-
    # zaporizhzhia-russia/ : the plant is at Enerhodar, 50 km from Zaporizhzhia city
    text = ("The Zaporizhzhia nuclear power plant in southern Ukraine was targeted in drone "
            "attacks, the U.N. nuclear watchdog said Sunday.")
    assert placed(text, geocoder, "2024-04-08") == [
        ("site", "gppd_wri1005114", "Zaporizhzhia Oblast")]


def test_a_register_spelling_and_a_plant_number_are_matched(geocoder):
    # the register writes "Karkov CHP-5" and "Zmiivska power station"
    assert placed("A missile hit Kharkiv TPP-5 on March 22.", geocoder, "2024-03-25") == [
        ("site", "gppd_wri1005126", "Kharkiv Oblast")]
    # https://kyivindependent.com/russian-missile-strike-injures-5-in-kharkiv-oblast/
    assert placed("On March 22, Russian troops destroyed the Zmiiv thermal power plant in "
                  "Kharkiv Oblast.", geocoder, "2024-03-31") == [
        ("site", "gppd_wri1005103", "Kharkiv Oblast")]


def test_a_plant_s_adjective_name_is_its_town_s(geocoder):
    # https://ukranews.com/en/news/995012 : "all power units at the Burshtynska thermal power
    # plant (Ivano-Frankivsk Region) ... were damaged"
    assert placed("On March 22 missiles damaged the Burshtynska thermal power plant and the "
                  "Kurakhove TPP.", geocoder, "2024-03-25") == [
        ("site", "gppd_wri1005097", "Ivano-Frankivsk Oblast"),
        ("site", "gppd_wri1005104", "Donetsk Oblast")]


def test_a_plant_the_register_lacks_is_in_the_region_it_is_named_for(geocoder):
    # no Kharkiv TPP-3 in the register: somewhere in Kharkiv Oblast, not Kharkiv city
    assert placed("A missile hit Kharkiv TPP-3 on March 22.", geocoder, "2024-03-25") == [
        ("admin1", "", "Kharkiv Oblast")]


def test_a_nuclear_facility_held_by_an_army_is_the_plant(geocoder):
    # https://www.devdiscourse.com/article/headlines/3189746-drone-attack-on-iaea-vehicle-sparks-
    # international-tensions : "near Ukraine's Russian-occupied Zaporizhzhia nuclear facility"
    text = ("A drone has significantly damaged an official vehicle belonging to the International "
            "Atomic Energy Agency (IAEA) near Ukraine's Russian-occupied Zaporizhzhia nuclear "
            "facility, confirmed the agency's director, Rafael Grossi.")
    assert [site for _, site, _ in placed(text, geocoder, "2024-12-11")] == ["gppd_wri1005114"]


def test_a_title_naming_the_plant_by_its_town_is_the_plant(geocoder):
    # https://www.devdiscourse.com/article/headlines/2880588-iaea-says-drone-strike-at-
    # zaporizhzhia-consistent-with-what-its-seen
    text = ("IAEA says drone strike at Zaporizhzhia 'consistent' with what it's seen\n\n"
            "The Russian authorities in control of the Zaporizhzhia nuclear power plant in "
            "Ukraine have informed U.N. nuclear watchdog officials of a drone strike there on "
            "Sunday, the agency said.")
    assert placed(text, geocoder, "2024-04-07") == [
        ("site", "gppd_wri1005114", "Zaporizhzhia Oblast")]
    # told in the body, the city is a place of its own
    assert len(placed("Drones struck Zaporizhzhia on Sunday. Drones also struck the "
                      "Zaporizhzhia nuclear power plant on Sunday.", geocoder,
                      "2024-04-07")) == 2


def test_a_gres_is_a_power_plant_and_a_chp_heats_its_city(geocoder):
    # Russian state district power plants ("GRES") are named for a town or a region
    assert placed("Drones hit the Novocherkassk GRES on Tuesday.", geocoder, "2025-08-11") == [
        ("town", "", "Rostov Oblast")]
    assert placed("Drones hit the Kostroma GRES on Tuesday.", geocoder, "2025-08-11") == [
        ("admin1", "", "Kostroma Oblast")]
    # a combined heat and power plant stands in the city whose heating it is
    assert placed("A drone hit the Belgorod CHP on Tuesday.", geocoder, "2025-08-11") == [
        ("town", "", "Belgorod Oblast")]


@pytest.mark.parametrize("text, site, admin1", [
    ("A drone struck the Kursk nuclear power plant on Sunday.", "gppd_wri1003744", "Kursk Oblast"),
    ("Ukrainian drones attacked the Kursk nuclear power plant in Russia on Sunday.",
     "gppd_wri1003744", "Kursk Oblast"),
    ("Drones attacked the Novovoronezh NPP on Sunday.", "gppd_wri1003775", "Voronezh Oblast"),
    ("A drone hit the Zaporizhzhia NPP on Sunday.", "gppd_wri1005114", "Zaporizhzhia Oblast"),
])
def test_a_nuclear_plant_of_the_register_is_its_site_in_russia_as_in_ukraine(geocoder, text,
                                                                            site, admin1):
    [proposal] = parse_article(article_from_text(text), geocoder, date="2025-08-24").proposals
    place = proposal.place
    assert (place.precision, place.site_id, place.admin1) == ("site", site, admin1)
    assert place.method == f"power plant register: {site}"


def test_plants_of_one_name_far_apart_are_told_by_the_town_named():
    """The register's Kursk (Russia) and Krsko (Slovenia) are spelt alike; the town the name
    is tells them apart, and without it neither is taken."""
    plants = read_plants(DATA_DIR / "context_power_plants.csv")
    kursk, krsko = (51.73, 36.19), (45.96, 15.49)
    args = (plants, "nuclear power plant", "Kursk", "the Kursk nuclear power plant")
    assert find_plant(*args, town=kursk).site_id == "gppd_wri1003744"
    assert find_plant(*args, town=krsko).site_id == "gppd_wri1022414"
    assert find_plant(*args) is None


def test_a_nuclear_plant_the_register_lacks_says_so_and_keeps_its_region(geocoder):
    # the register holds no plant of Iran (it keeps the nuclear plants the basemap covers)
    text = "A drone hit the Bushehr nuclear power plant on Sunday."
    [proposal] = parse_article(article_from_text(text), geocoder, date="2025-08-24").proposals
    place = proposal.place
    assert (place.precision, place.site_id, place.country) == ("admin1", "", "IR")
    assert "is not in the power-plant register" in place.note
    assert "not at the plant" in place.note
    lacking = parse_article(article_from_text("A missile hit Kharkiv TPP-3 on March 22."),
                            geocoder, date="2024-03-25").proposals[0].place
    assert lacking.precision == "admin1" and "is not in the power-plant register" in lacking.note


def test_the_register_s_plants_are_the_wri_database_s():
    plants = pd.read_csv(DATA_DIR / "context_power_plants.csv", dtype=str)
    assert set(plants["source_name"]) == {"WRI Global Power Plant Database (CC BY 4.0)"}
    assert plants["site_id"].str.startswith("gppd_").all()
    nuclear = plants[plants["notes"].str.startswith("Nuclear")]
    assert {"RU", "UA"} <= set(nuclear["country"])


def test_a_state_district_power_plant_is_named_for_its_town(geocoder):
    # https://preproduction.printyourfood.com/82d02d46-... (1 September 2024): GRES written
    # out was no facility ("Power Plant" alone, in Russia), and "Konakovskaya" no town
    text = ("Major fire at the Konakovskaya State District Power Plant from a drone attack. "
            "Three drones attempted to attack the Kashira State District Power Plant, said the "
            "head of the city.")
    assert placed(text, geocoder, "2024-09-01") == [
        ("town", "", "Tver Oblast"), ("town", "", "Moscow Oblast")]


def test_a_long_name_the_register_misspells_by_one_letter_is_its_plant(geocoder):
    # the WRI database writes the Kalinin nuclear plant 'Kalinn NPP': its consonant key 'kln'
    # is too short to be compared loosely, the letters are long enough
    plants = read_plants(DATA_DIR / "context_power_plants.csv")
    assert find_plant(plants, "nuclear power plant", "Kalinin", "").site_id == "gppd_wri1003717"
    # its region is where its point lies (Udomlya, Tver Oblast): Kalinin is Tver's old name
    assert placed("On March 21 drones attacked the Kalinin nuclear power plant.", geocoder,
                  "2024-03-21") == [("site", "gppd_wri1003717", "Tver Oblast")]


def test_a_hydro_plant_named_without_a_number_is_its_numbered_station():
    """The register holds the Dnipro HPP as 'Dneipro HPP 2' (its second station); a thermal
    plant's number names a plant of its own ('Kyiv CHP' is not the register's 'Kiev CHP-5')."""
    plants = read_plants(DATA_DIR / "context_power_plants.csv")
    hydro = find_plant(plants, "Hydroelectric Power Plant", "Dnipro",
                       "the Dnipro Hydroelectric Power Plant")
    assert hydro.site_id == "gppd_wri1005120"
    assert find_plant(plants, "CHP", "Kyiv", "the Kyiv CHP") is None


def test_the_dnipro_hpp_is_the_plant_not_the_dnipro_region(geocoder):
    # The Kyiv Independent (23 April 2024); it was read as Dnipropetrovsk Oblast
    text = ("Ukraine's largest hydroelectric power plant, the Dnipro Hydroelectric Power Plant "
            "(HPP), was hit with eight Russian missiles on March 22.")
    assert placed(text, geocoder, "2024-04-23") == [
        ("site", "gppd_wri1005120", "Zaporizhzhia Oblast")]
