"""What the article reader takes for an event: a state described in passing is not one."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.articles.parse import parse_article
from geo.articles.text import article_from_text
from tests.support.geocoding import session_geocoder


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    return session_geocoder(tmp_path_factory)


def days(text: str, geocoder, date: str, end: str = "start") -> list[str]:
    """The sorted first (or last) days of the proposals of `text`."""
    parse = parse_article(article_from_text(text), geocoder, date=date)
    return sorted(getattr(p.interval, end).isoformat() for p in parse.proposals)


def categories(text: str, geocoder) -> list[str]:
    parse = parse_article(article_from_text(text), geocoder, date="2025-08-18")
    return [p.category for p in parse.proposals]


def test_a_company_that_has_an_agreement_is_not_a_diplomatic_event(geocoder):
    assert categories("During Russia’s overnight strike on Odesa region with Shahed drones on "
                      "August 18, a facility belonging to Azerbaijan’s state oil company SOCAR "
                      "— which has an agreement with Ukraine to supply gas — was damaged.",
                      geocoder) == ["strike"]
    assert categories("Ukraine and Azerbaijan signed an agreement in Baku on August 18.",
                      geocoder) == ["diplomatic"]


def test_talks_as_the_background_are_not_an_event(geocoder):
    assert categories("\"Despite ongoing talks and Washington's push for a peace process, the "
                      "war in Ukraine is intensifying,\" Velizade said.", geocoder) == []
    assert categories("Ukraine and Azerbaijan held talks in Baku on August 18.",
                      geocoder) == ["diplomatic"]


def test_the_scale_of_the_destruction_is_not_an_event(geocoder):
    assert categories("As reported, due to the scale of the destruction of the energy "
                      "infrastructure, it is not yet possible to apply hourly power cuts in "
                      "parts of Kyiv and the Kyiv region.", geocoder) == []


def test_one_company_s_plants_struck_on_a_named_day_are_an_incident(geocoder):
    text = ("On the morning of December 25, Russian forces struck DTEK's thermal power plants "
            "in Ukraine, causing significant damage to the equipment.")
    parse = parse_article(article_from_text(text), geocoder, date="2025-01-12")
    assert [(p.place.precision, p.place.country, p.interval.start.isoformat())
            for p in parse.proposals] == [("country", "UA", "2024-12-25")]
    # no day named: a series, not one incident to map
    assert categories("Russia keeps striking DTEK's thermal power plants in Ukraine.",
                      geocoder) == []


def test_missiles_fired_at_facilities_are_a_strike(geocoder):
    parse = parse_article(article_from_text(
        "On Friday night, some 35 missiles were fired at gas facilities in Kharkiv and Poltava "
        "regions, and 60 drones."), geocoder, date="2025-10-03")
    assert sorted((p.category, p.place.admin1) for p in parse.proposals) == [
        ("strike", "Kharkiv Oblast"), ("strike", "Poltava Oblast")]


def test_attacks_on_a_list_of_days_are_one_incident_each(geocoder):
    text = ("This is the fifth massive shelling of the company's energy facilities in the last "
            "month and a half. The last time the enemy attacked DTEK's thermal power plants in "
            "Ukraine was during massive attacks on March 22 and 29, and April 11 and 27.")
    assert days(text, geocoder, "2024-05-08") == [
        "2024-03-22", "2024-03-29", "2024-04-11", "2024-04-27"]


def test_the_time_of_what_happened_before_at_the_same_site_is_not_the_new_one_s(geocoder):
    text = ("Voronezh region Governor Alexander Gusev said debris from one of the drones caused a "
            "new fire at a fuel depot overnight, the same site where a similar incident ignited "
            "a blaze six days earlier.")
    assert days(text, geocoder, "2025-01-21", "end") == ["2025-01-15", "2025-01-21"]


def test_the_facility_is_the_last_facility_told_not_a_city_in_passing(geocoder):
    text = ("Russian drones struck a SOCAR petrol depot in Odesa Oblast on 8 August 2025. The "
            "comments came ahead of Zelenskyi's meeting with European leaders in Washington on "
            "Monday. Overnight on Sunday, the facility was struck by Russian drones, causing "
            "widespread damage.")
    assert days(text, geocoder, "2025-08-18") == ["2025-08-08", "2025-08-17"]


def test_a_previous_attack_with_no_place_is_at_the_place_told_just_before(geocoder):
    text = ("On 28 July, a drone attack targeted the oil refinery in Russia's city of Kstovo. "
            "This is not the first time the refinery has been targeted. A previous drone attack "
            "occurred on 12 March, resulting in a large-scale fire on the premises.")
    assert days(text, geocoder, "2024-07-29") == ["2024-03-12", "2024-07-28"]


def test_a_facility_s_commissioning_given_as_background_is_not_an_incident(geocoder):
    # https://newsukraine.rbc.ua/news/russia-s-astrakhan-gas-processing-plant-shut-1738582199.html
    # : "two phases of the plant were commissioned in turn in 1986 and 1997"
    text = ("Drones struck the Astrakhan gas processing plant overnight on February 3. It has "
            "been operating since 1985: two phases of the plant were commissioned in turn in "
            "1986 and 1997. The Zmiiv thermal power plant, commissioned in 1960, is one of the "
            "largest in the region.")
    assert categories(text, geocoder) == ["strike"]


def test_the_year_a_facility_was_built_is_not_the_time_of_its_strike(geocoder):
    text = ("The Novoshakhtinsk refinery, built in 2009, was hit by drones on Tuesday. The "
            "Ilsky refinery, which was commissioned back in 2001, was also hit by drones on "
            "Tuesday.")
    assert days(text, geocoder, "2025-08-14") == ["2025-08-12", "2025-08-12"]


def proposals_of(text: str, geocoder, date: str) -> list[tuple]:
    parse = parse_article(article_from_text(text), geocoder, date=date)
    return [(p.interval.start.isoformat(), p.interval.end.isoformat(), p.interval.precision,
             p.place.site_id or p.place.label) for p in parse.proposals]


def test_an_earlier_strike_told_only_by_its_count_is_a_claim_before_the_one_told(geocoder):
    # https://oc-media.org/zelenskyi-says-russia-deliberately-struck-azerbaijans-socar-facility-
    # in-ukraine : "It was the second time the SOCAR depot had been hit in August."
    text = ("Russian drones struck a SOCAR petrol depot in Odesa Oblast. Overnight on Sunday, "
            "the facility was struck by Russian drones, causing widespread damage. It was the "
            "second time the SOCAR depot had been hit in August.")
    assert proposals_of(text, geocoder, "2025-08-18") == [
        ("2025-08-17", "2025-08-18", "approximate", "socar_odesa_oblast_depot"),
        ("2025-08-01", "2025-08-16", "month", "socar_odesa_oblast_depot")]


def test_a_counted_strike_the_text_also_tells_with_its_day_is_that_strike(geocoder):
    # https://thegaze.media/news/ukraine-hits-russias-druzhba-pipeline-pumping-station-in-
    # renewed-drone-strike : "the second Ukrainian attack on the facility in just a week. A
    # previous drone assault on August 18 ..."
    text = ("Ukrainian drones struck the Unecha oil pumping station late on August 21. The strike "
            "marked the second Ukrainian attack on the facility in just a week. Russian forces "
            "launched drones at the Unecha oil pumping station on August 18.")
    assert [(start, end) for start, end, _, _ in proposals_of(text, geocoder, "2025-08-22")] \
        == [("2025-08-21", "2025-08-21"), ("2025-08-18", "2025-08-18")]


def test_one_drone_destroyed_with_no_damage_is_not_an_incident(geocoder):
    # https://novayagazeta.eu/articles/2023/05/04/drones-attack-oil-refineries-in-russias-
    # krasnodar-rostov-regions-en-news
    assert categories("Today, early in the morning, the air defence system detected and "
                      "successfully destroyed a UAV in the sky over the Voronezh region.",
                      geocoder) == []


def test_the_day_of_a_report_is_not_the_time_of_the_attack_it_reports(geocoder):
    # https://kyivindependent.com/russian-missile-strike-injures-5-in-kharkiv-oblast/
    text = ("On March 29, the state-owned energy company Centrenergo reported that Russian "
            "troops had destroyed the Zmiiv thermal power plant in Kharkiv Oblast during a "
            "recent large-scale attack.")
    assert days(text, geocoder, "2024-03-31") == ["2024-01-31"]
    assert days(text, geocoder, "2024-03-31", "end") == ["2024-03-31"]
    # the day alone is still the attack's
    assert days("On March 29, Centrenergo reported that Russian troops had destroyed the Zmiiv "
                "thermal power plant.", geocoder, "2024-03-31") == ["2024-03-29"]


def test_attacks_listed_with_a_day_each_are_one_incident_each(geocoder):
    # https://kyivindependent.com/russian-missile-strike-injures-5-in-kharkiv-oblast/
    text = ("Other recent attacks in Kharkiv include a March 30 attack, in which a glided "
            "projectile injured one person, and an attack on March 27 in which a glide munition "
            "killed a civilian and injured at least 19 others, including four children.")
    assert days(text, geocoder, "2024-03-31") == ["2024-03-27", "2024-03-30"]


def test_the_latest_of_a_series_is_an_incident(geocoder):
    # https://www.themoscowtimes.com/2025/08/07/ukrainian-drone-attack-sparks-fire-at-krasnodar-
    # oil-refinery-a90122
    text = ("Ukraine has targeted the Afipsky refinery multiple times since Russia’s 2022 "
            "invasion, most recently in February.")
    assert days(text, geocoder, "2025-08-07") == ["2025-02-01"]
    assert days(text, geocoder, "2025-08-07", "end") == ["2025-02-28"]
    assert days("Ukraine has targeted the Afipsky refinery multiple times since Russia’s 2022 "
                "invasion.", geocoder, "2025-08-07") == []


def test_a_count_in_the_clause_of_the_strike_it_counts_from(geocoder):
    text = ("Drones hit the Saratov refinery on August 10, the second attack on the plant since "
            "January.")
    assert [(a, b) for a, b, _, _ in proposals_of(text, geocoder, "2025-08-11")] == [
        ("2025-08-10", "2025-08-10"), ("2025-01-01", "2025-08-09")]


def test_an_attack_launched_in_a_year_is_not_a_facility_s_history(geocoder):
    assert categories("Russia launched a massive attack on the Odesa oil depot in 2024.",
                      geocoder) == ["strike"]


def test_a_fire_that_also_broke_out_or_erupted_is_an_event(geocoder):
    # https://ifpnews.com/ukraine-attacks-leave-at-least-20000-without-power-in-russia/ (AFP):
    # a word between "fire" and "broke out" hid the event
    text = ("A fire also broke out at a heating facility in the southern Voronezh region, "
            "according to Governor Alexander Gusev. A fire erupted at an oil depot in the "
            "Kursk region.")
    assert [place for *_, place in proposals_of(text, geocoder, "2025-11-10")] == [
        "Voronezh Oblast (region, RU)", "Kursk Oblast (region, RU)"]


def test_a_combined_heat_and_power_plant_written_chpp_is_a_target(geocoder):
    # https://news-pravda.com/world/2026/02/03/2052354.html : "Stolichnaya CHPP-4, following
    # CHPP-6, has actually been destroyed" was read as a figure of speech (no target named)
    text = "In Kyiv, Stolichnaya CHPP-4 has been destroyed."
    assert [place for *_, place in proposals_of(text, geocoder, "2026-02-03")] == [
        "Kyiv, Kyiv City (UA)"]


def test_a_town_and_the_site_it_holds_told_in_one_clause_are_one_incident(geocoder):
    # https://report.az/en/foreign-politics/mfa-russia-s-missile-strikes-on-azerbaijani-
    # targets-in-ukraine-... : the strikes on Kyiv and the embassy they damaged were two
    # proposals at one point
    text = ("Repeated damage to Azerbaijan's diplomatic mission in Ukraine raises questions, "
            "reads a protest note handed to the Russian Ambassador in connection with Russia's "
            "missile and drone strikes on Kyiv last night, which damaged the infrastructure of "
            "the Azerbaijani embassy.")
    assert [place for *_, place in proposals_of(text, geocoder, "2025-11-14")] == [
        "azerbaijan_embassy_kyiv"]


def test_a_facility_not_placed_is_in_the_town_the_sentence_before_sets_as_the_scene(geocoder):
    # https://news-pravda.com/world/2026/02/03/2052354.html : "The situation in Kharkiv is
    # critical. CHP-5 was seriously damaged" was only a plant somewhere in Ukraine
    text = ("Last night, missiles and drones targeted Ukraine's energy system. The situation in "
            "Kharkiv is critical. CHP-5 was seriously damaged, as well as key electrical "
            "substations.")
    assert [place for *_, place in proposals_of(text, geocoder, "2026-02-03")] == [
        "Kharkiv, Kharkiv Oblast (UA)"]


def test_an_attack_with_no_time_takes_the_day_the_sentence_before_names(geocoder):
    # https://news.liga.net/en/politics/news/unknown-aircraft-attack-oil-depot-in-voronezh-
    # oblast-...: the attack on the Proletarsk depot took the day of the article's main event
    # (the day the sentence before names is when its fire was put out, 16 days after it)
    text = ("An unknown aircraft attacked an oil depot in Voronezh Oblast in the early hours of "
            "October 4. On September 3, a fire at an oil depot in Proletarsk, Russia, was "
            "extinguished after 16 days. Satellite images showed the aftermath of the attack "
            "on the facility.")
    assert [(start, place) for start, _, _, place in proposals_of(text, geocoder,
                                                                  "2024-10-04")] == [
        ("2024-10-04", "Voronezh Oblast (region, RU)"),
        ("2024-08-15", "Proletarsk, Rostov Oblast (RU)")]


def test_facilities_said_to_be_affected_were_hit(geocoder):
    # https://news-pravda.com/world/2026/02/03/2052354.html : "Facilities in the
    # Dnipropetrovsk and Odessa regions were affected" told no event; outages that "affected"
    # streets are still no strike of their own
    text = ("Last night, missiles and drones targeted the energy system. Facilities in the "
            "Dnipropetrovsk and Odessa regions were affected. Several streets are affected by "
            "power issues.")
    assert [place for *_, place in proposals_of(text, geocoder, "2026-02-03")] == [
        "Dnipropetrovsk Oblast (region, UA)", "Odesa Oblast (region, UA)"]


def test_an_airport_that_suspended_operations_is_no_supply_event(geocoder):
    # https://www.bairdmaritime.com/shipping/ports/drones-attack-russias-oil-loading-primorsk-
    # port-for-first-time : the airport's pause was proposed as a halt of supply
    assert categories("Pulkovo Airport in St. Petersburg suspended operations for several "
                      "hours on Friday morning.", geocoder) == []
    assert categories("The oil terminal in Primorsk suspended operations on Friday.",
                      geocoder) == ["infrastructure_event"]


def test_a_passive_telling_names_no_speaker():
    # https://report.az/en/foreign-politics/mfa-russia-s-missile-strikes-on-azerbaijani-
    # targets-in-ukraine-... : the Kinzhal strike was attributed to "It was"
    from geo.articles.attribution import speaker
    assert speaker("It was stated that as a result of an airstrike carried out with a "
                   "'Kinzhal' missile, a crater was formed.") == ""
    assert speaker("It is claimed that there are no casualties or damage.") == ""
    assert speaker("Governor Gladkov said the plant was hit.") == "Governor Gladkov"


def test_a_fire_put_out_after_days_dates_the_attack_that_set_it_that_long_before(geocoder):
    # https://news.liga.net/en/politics/news/unknown-aircraft-attack-oil-depot-in-voronezh-
    # oblast-governor-blames-ukraine-video : the attack 'on the facility' took the day the fire
    # was put out, 16 days after it
    text = ("On September 3, a fire at an oil depot in Proletarsk, Russia, was extinguished "
            "after 16 days. Satellite images showed the aftermath of the attack on the facility.")
    [proposal] = parse_article(article_from_text(text), geocoder, date="2024-10-04").proposals
    assert proposal.interval.start <= dt.date(2024, 8, 18) <= proposal.interval.end
    assert proposal.interval.end < dt.date(2024, 9, 3)


def test_a_count_of_this_year_is_the_strikes_before_the_article_in_that_year(geocoder):
    # Interfax-Ukraine (6 June 2025), quoting the IAEA: the earlier attacks lie between New
    # Year and the day before the article, not before 2025 (they were dated 2022-2024)
    text = ("It was the fourth time this year that the training centre, located just outside "
            "the perimeter of Zaporizhia Nuclear Power Plant (ZNPP) site, was reportedly "
            "targeted by unmanned aerial vehicles, Grossi said.")
    # the fourth attack itself this year up to the article, and the three before it
    assert proposals_of(text, geocoder, "2025-06-06") == [
        ("2025-01-01", "2025-06-06", "approximate", "gppd_wri1005114"),
        ("2025-01-01", "2025-06-05", "approximate", "gppd_wri1005114")]


def test_a_named_second_target_after_and_the_is_struck_at_the_time_told_after_both(geocoder):
    # The Kyiv Independent (23 April 2024): the attack the sentence follows is not its
    # target, and the Dnister plant was targeted too, in late March
    text = ("Following the attack on Dnipro HPP, Russian troops targeted the Kaniv "
            "Hydroelectric Power Plant in Cherkasy Oblast and the Dnister Hydroelectric Power "
            "Plant in Chernivtsi Oblast in late March, President Volodymyr Zelensky said.")
    assert proposals_of(text, geocoder, "2024-04-23") == [
        ("2024-03-21", "2024-03-31", "approximate", "gppd_wri1005122"),
        ("2024-03-21", "2024-03-31", "approximate", "gppd_wri1005115")]


def test_airports_where_flights_were_delayed_are_not_targets(geocoder):
    # The Moscow Times (2 March 2026)
    text = ("Ukraine launched a drone attack on Russia's Black Sea port city of Novorossiysk "
            "overnight on Monday, regional authorities said. The attack disrupted air traffic "
            "across southern Russia, with authorities delaying or canceling dozens of flights at "
            "airports in Krasnodar, Sochi and Gelendzhik.")
    found = proposals_of(text, geocoder, "2026-03-02")
    assert [label.split(",")[0] for *_, label in found] == ["Novorossiysk"]


def test_an_agreement_that_expired_is_no_diplomatic_event(geocoder):
    # Romania Journal (2 August 2023)
    assert categories("For the first time since the grain agreement expired, several foreign "
                      "cargo ships had arrived in the Black Sea port of Izmail on Sunday.",
                      geocoder) == []


def test_the_day_a_tally_was_said_on_television_is_not_the_strikes_day(geocoder):
    # The Kyiv Independent (23 April 2024): the missiles since New Year, up to the saying
    text = ("Russian forces have launched over 20 missiles at the Dnipro Hydroelectric Power "
            "Plant (HPP) since the beginning of this year, Zaporizhzhia Oblast Governor Ivan "
            "Fedorov said on national television on April 23.")
    assert days(text, geocoder, "2024-04-23") == ["2024-01-01"]
    assert days(text, geocoder, "2024-04-23", "end") == ["2024-04-23"]


def test_the_month_of_an_amount_is_not_the_time_of_the_next_sentence(geocoder):
    # Gamereactor's rewrite of Reuters (14 November 2025): the fire put out is the strike's,
    # told with one name of the terminal ("Sheskharis") as another ("the Sheskharis oil depot")
    text = ("Early Friday, Ukrainian drones struck the Black Sea port of Novorossiysk, Russian "
            "officials said. The attack targeted Russia's key oil export hub, the Sheskharis "
            "terminal. According to industry sources, Novorossiysk exported 3.22 million tonnes "
            "of crude oil in October. Officials confirmed the fire at the Sheskharis oil depot "
            "has been extinguished, and coastal structures sustained some damage.")
    assert proposals_of(text, geocoder, "2025-11-14") == [
        ("2025-11-14", "2025-11-14", "day", "Novorossiysk, Krasnodar Krai (RU)")]


def test_an_abbreviation_the_text_gave_a_plant_and_a_clause_with_its_own_month(geocoder):
    # Interfax-Ukraine (6 June 2025) quoting the IAEA: "the ZNPP" is the plant the text
    # abbreviated so; "and in February it damaged ... the Chornobyl NPP" is another strike
    text = ("The training centre, located just outside the perimeter of Zaporizhia Nuclear "
            "Power Plant (ZNPP) site, was reportedly targeted by drones today. The agency said "
            "that, in particular, in mid-April of this year, a drone crashed near the ZNPP "
            "training center, and in February it seriously damaged the New Safe Confinement "
            "(NSC) of the Chornobyl NPP.")
    assert proposals_of(text, geocoder, "2025-06-06") == [
        ("2025-06-06", "2025-06-06", "day", "gppd_wri1005114"),
        ("2025-04-11", "2025-04-20", "approximate", "gppd_wri1005114"),
        ("2025-02-01", "2025-02-28", "month", "Chornobyl, Kyiv Oblast (UA)")]


def test_a_fire_flaring_up_again_is_not_a_new_strike(geocoder):
    text = ("Drones attacked Crimea on the night of October 16-17, igniting the oil depot in "
            "Hvardiiske. On the morning of October 21, the oil depot caught fire again with "
            "renewed intensity.")
    assert days(text, geocoder, "2024-10-21") == ["2024-10-16"]


def at_country(text: str, geocoder, date: str) -> list[tuple]:
    parse = parse_article(article_from_text(text), geocoder, date=date)
    return [(p.place.country, p.interval.start.isoformat()) for p in parse.proposals
            if p.place.precision == "country"]


def test_a_strike_on_a_country_s_energy_told_at_the_country_only_is_proposed_there(geocoder):
    # the Russian Defence Ministry's bulletin names no town or region: the claim is the
    # country's, proposed at country precision (low confidence: only a country is given)
    text = ("The Russian Armed Forces launched a group strike on Ukrainian energy facilities\n\n"
            "The Russian Armed Forces have hit Ukrainian energy facilities in response to the "
            "AFU's attempts to strike at Russian territory, the Russian Defence Ministry has "
            "said.")
    parse = parse_article(article_from_text(text), geocoder, date="2024-06-20")
    assert [(p.place.country, p.place.precision) for p in parse.proposals] == [("UA", "country")]
    assert "only a country is given for it" in parse.proposals[0].doubts


def test_a_country_only_as_the_attacker_a_remark_or_beside_a_named_place_is_not(geocoder):
    assert ("RU", "2025-11-08") not in at_country(
        "On Saturday, Russian attacks on energy infrastructure left Ukraine scrambling to turn "
        "light and heating back on.", geocoder, "2025-11-08")
    assert at_country("Drones hit a refinery in Ryazan overnight. The Ryazan Oil Refinery was "
                      "targeted due to its involvement in supporting the Russian occupation "
                      "army in Ukraine.", geocoder, "2025-02-24") == []
    assert at_country("Drones hit a refinery in Ryazan overnight, the governor said. Officials "
                      "met on Monday to discuss the budget. Ukraine, in turn, has struck "
                      "Russian oil refineries and pipelines.", geocoder, "2025-08-31") == []


def test_earlier_strikes_told_as_a_list_of_months_are_one_claim_each_at_the_place(geocoder):
    text = ("Drones struck an oil refinery in Kirishi, in Russia's Leningrad region, overnight "
            "Oct. 4. The refinery is one of Russia's largest. It has been targeted at least "
            "three other times — in September and March this year and in March 2024.")
    parse = parse_article(article_from_text(text), geocoder, date="2025-10-04")
    assert sorted((p.interval.start.isoformat(), p.place.admin1) for p in parse.proposals) == [
        ("2024-03-01", "Leningrad Oblast"), ("2025-03-01", "Leningrad Oblast"),
        ("2025-09-01", "Leningrad Oblast"), ("2025-10-04", "Leningrad Oblast")]


def test_a_country_wide_strike_does_not_fold_into_a_week_s_bombing_by_another_weapon(geocoder):
    text = ("This week, Russia has dropped a modified FAB-1500 glide bomb on Kharkiv region for "
            "first time, destroying an entire street in a village. A major Russian missile and "
            "drone strike on Wednesday targeted Ukrainian energy facilities in six regions.")
    parse = parse_article(article_from_text(text), geocoder, date="2024-05-10")
    assert sorted((p.place.precision, p.subtype) for p in parse.proposals) == [
        ("admin1", "airstrike"), ("country", "missile_and_drone")]
