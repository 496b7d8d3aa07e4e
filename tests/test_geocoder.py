"""The offline geocoder on the real gazetteer, the real sites register and the accuracy table."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from geo.errors import GeocodeError
from geo.geocoding.gazetteer_sources import GazetteerSources
from geo.geocoding.geocoder import OUTPUT_COLUMNS, Geocoder, SiteRegister, load_geocoder
from geo.geocoding.reverse import haversine_km
from geo.settings import DATA_DIR, Settings
from tests.support.geocoding import Accuracy, measure_accuracy, session_geocoder

ORLIVKA_ODESA = "geonames:698379"      # 45.317 N 28.440 E, near Izmail
ORLIVKA_CRIMEA = ("geonames:698380", "geonames:698377")


@pytest.fixture(scope="session")
def geocoder(tmp_path_factory) -> Geocoder:
    return session_geocoder(tmp_path_factory)


@pytest.mark.parametrize(("place", "match_id", "lat", "lon"), [
    ("Kremenchuk", "geonames:704147", 49.063, 33.405),
    ("Drohobych", "geonames:709611", 49.352, 23.511),
    ("Odesa", "geonames:698740", 46.486, 30.744),
    ("Odessa", "geonames:698740", 46.486, 30.744),
    ("Baku", "geonames:587084", 40.378, 49.892),
    ("Izmail", "geonames:707308", 45.351, 28.838),
    ("Kyiv", "geonames:703448", 50.455, 30.524),
    ("Kiev", "geonames:703448", 50.455, 30.524),
    ("Kiev city", "geonames:703448", 50.455, 30.524),
    ("Aktau", "geonames:610612", 43.661, 51.174),
    ("Yekaterinburg", "geonames:1486209", 56.857, 60.615),
    ("Khankendi", "geonames:146970", 39.818, 46.753),
    ("Stepanakert", "geonames:146970", 39.818, 46.753),
    ("Київ", "geonames:703448", 50.455, 30.524),
    ("Одесса", "geonames:698740", 46.486, 30.744),
    ("Nikolaev", "geonames:700569", 46.976, 31.993),
    ("Dnepropetrovsk", "geonames:709930", 48.467, 35.041),
])
def test_seed_and_variant_names_resolve_confidently(geocoder, place, match_id, lat, lon):
    result = geocoder.geocode(place)
    assert result.status in ("exact", "alias"), result.note
    assert result.best.ident == match_id
    assert haversine_km(result.best.latitude, result.best.longitude, lat, lon) < 1
    assert result.best.precision == "town"


def test_orlivka_without_a_hint_is_ambiguous_with_the_crimean_ones_listed(geocoder):
    result = geocoder.geocode("Orlivka")
    assert result.status == "ambiguous"
    listed = {c.ident for c in (result.best, *result.others)}
    assert ORLIVKA_ODESA in listed and set(ORLIVKA_CRIMEA) <= listed
    row = result.row()
    assert "Crimea" in row["geocode_candidates"]
    assert "give a country, region or coordinates" in row["geocode_note"]
    assert row["geocode_score"] < 0.9


@pytest.mark.parametrize("call", [
    {"place": "Orlivka", "admin1": "Odesa region"},
    {"place": "Orlivka", "admin1": "Odes'ka oblast", "country": "UA"},
    {"place": "Orlivka, Odesa region"},
    {"place": "Orlivka (Odesa Oblast)"},
    {"place": "Orlovka, Odessa oblast"},
    {"place": "Orlivka, Izmail raion"},
    {"place": "Orlivka near Izmail"},
])
def test_orlivka_with_a_hint_is_the_one_near_izmail(geocoder, call):
    result = geocoder.geocode(**call)
    assert result.status in ("exact", "alias")
    assert result.best.ident == ORLIVKA_ODESA
    assert (round(result.best.latitude, 2), round(result.best.longitude, 2)) == (45.32, 28.44)


def test_hints_pick_the_right_one_of_many_villages(geocoder):
    assert geocoder.geocode("Mykhailivka, Kherson").best.ident == "geonames:701239"
    assert geocoder.geocode("Mykhailivka", admin1="Zaporizhzhia Oblast").best.ident == (
        "geonames:701233")
    assert geocoder.geocode("Mykhailivka").status == "ambiguous"


def test_sites_of_the_register_win_over_the_town(geocoder):
    for text in ("Kremenchuk refinery", "Kremenchug refinery", "Kremenchuk Oil Refinery"):
        result = geocoder.geocode(text)
        assert result.best.ident == "site:kremenchuk_refinery", text
        assert result.best.kind == "site"
    plant = geocoder.geocode("thermal power plant (Kremenchuk)")
    assert plant.best.ident == "site:kremenchuk_tpp" and plant.best.precision == "site"
    assert geocoder.geocode("Orlivka GDS").best.ident == "site:orlivka_gds"


def test_a_facility_missing_from_the_register_is_placed_at_its_town_and_says_so(geocoder):
    result = geocoder.geocode("Novorossiysk port")
    assert result.best.ident == "geonames:518255" and result.best.precision == "town"
    assert "no port of the sites register" in result.note


def test_regions_and_countries_get_their_own_precision(geocoder):
    region = geocoder.geocode("Odesa region")
    assert (region.best.ident, region.best.precision) == ("admin1:UA.17", "admin1")
    assert geocoder.geocode("Odeska oblast").best.ident == "admin1:UA.17"
    assert geocoder.geocode("Одеська область").best.ident == "admin1:UA.17"
    assert geocoder.geocode("Kyiv region").best.ident == "admin1:UA.13"
    assert geocoder.geocode("Crimea").best.ident == "admin1:UA.11"
    assert geocoder.geocode("Poltava").best.precision == "town"     # the city, not the oblast
    country = geocoder.geocode("Ukraine")
    assert (country.status, country.best.precision, country.best.country) == (
        "exact", "country", "UA")
    raion = geocoder.geocode("Izmail raion")
    assert (raion.best.kind, raion.best.precision) == ("admin2", "admin2")
    assert "raion" in raion.note and "Izmail" in raion.best.label


def test_region_point_comes_from_the_oblast_polygon(geocoder):
    import shapely

    from geo.shipped import read_admin1

    odesa = read_admin1(DATA_DIR)
    polygon = odesa.loc[odesa["iso"] == "UA-51"].geometry.iloc[0]
    best = geocoder.geocode("Odesa region").best
    assert polygon.contains(shapely.Point(best.longitude, best.latitude))
    assert "polygon" in geocoder.index.admin1[geocoder.index.admin1_index["UA.17"]]["point"]


def test_unknown_names_are_not_found_and_typos_are_marked_fuzzy(geocoder):
    assert geocoder.geocode("Zzyxqville").status == "not_found"
    assert geocoder.geocode("").status == "not_found"
    typo = geocoder.geocode("Kremenchyk")
    assert (typo.status, typo.best.ident) == ("fuzzy", "geonames:704147")
    assert typo.row()["geocode_score"] < 0.8


def test_a_country_hint_filters_but_a_default_country_only_prefers(geocoder):
    outside = geocoder.geocode("Sudzha", country="UA")     # a small town across the border
    assert outside.status == "not_found" and outside.best is None
    assert "Kursk Oblast (RU)" in outside.row()["geocode_candidates"]
    assert "exists only outside UA" in outside.note
    baku = geocoder.geocode("Baku", default_country="UA")
    assert baku.best.ident == "geonames:587084" and "none in UA" in baku.note


def test_a_city_across_the_border_is_found_though_the_country_given_lacks_it(geocoder):
    """A file of one country's war names the cities over its border with that country in
    every row; a city of FOREIGN_CITY_SIZE people abroad is taken, and the note says so."""
    for city, region in (("Kamensk-Shakhtinsky", "Rostov Oblast (RU)"),
                         ("Novozybkov", "Bryansk Oblast (RU)")):
        found = geocoder.geocode(city, country="UA")
        assert found.status in ("exact", "alias") and found.best.label.endswith(region)
        assert found.best.precision == "town"
        assert "exists only outside UA: the city of" in found.note
        assert "country given set aside" in found.note


def test_column_is_one_row_per_input_with_every_output_column(geocoder):
    places = pd.Series(["Kyiv", None, "Orlivka", "Kyiv", "Baku", np.nan, "Kyiv"],
                       index=[10, 11, 12, 13, 14, 15, 16])
    out = geocoder.geocode_column(places, use_file_context=False)
    assert list(out.columns) == list(OUTPUT_COLUMNS)
    assert list(out.index) == list(places.index)
    assert out.loc[[10, 13, 16], "geocode_match_id"].eq("geonames:703448").all()
    assert out.loc[[11, 15], "geocode_status"].eq("not_found").all()
    assert out.loc[11, ["latitude", "longitude"]].isna().all()
    assert out["latitude"].dtype == np.float64 and out["geocode_score"].dtype == np.float64
    assert out.loc[12, "geocode_status"] == "ambiguous"
    typed = geocoder.geocode_column(pd.Series(["Kyiv", pd.NA], dtype="string"),
                                    country=pd.Series([pd.NA, "UA"], dtype="string"))
    assert list(typed["geocode_status"]) == ["exact", "not_found"]


def test_an_empty_column_gives_an_empty_table(geocoder):
    found = geocoder.geocode_column([])
    assert len(found) == 0 and "geocode_status" in found.columns


def test_column_hints_are_aligned_per_row(geocoder):
    out = geocoder.geocode_column(["Orlivka", "Orlivka", "Mykhailivka"],
                                  admin1=["Odesa region", "", "Kherson"], country="UA",
                                  use_file_context=False)
    assert out["geocode_match_id"].iat[0] == ORLIVKA_ODESA
    assert out["geocode_match_id"].iat[2] == "geonames:701239"
    assert list(out["geocode_status"])[:2] == ["exact", "ambiguous"]


def test_column_settles_an_ambiguous_name_by_the_other_rows_of_the_file(geocoder):
    # (the full gazetteer has an Orlivka 70 km from Kremenchuk: the file stays in the south)
    out = geocoder.geocode_column(["Orlivka", "Izmail", "Reni", "Bolhrad"])
    assert out["geocode_match_id"].iat[0] == ORLIVKA_ODESA
    assert out["geocode_status"].iat[0] in ("exact", "alias")
    assert "km from other rows" in out["geocode_note"].iat[0]
    alone = geocoder.geocode_column(["Orlivka", "Uzhhorod"])
    assert alone["geocode_status"].iat[0] == "ambiguous"     # no row near any Orlivka


def test_column_takes_no_spelling_match_outside_the_files_countries(geocoder):
    """Bellingcat's 'Adviika' was Ado-Ekiti, Nigeria, in a file of Ukrainian places."""
    towns = ["Kharkiv", "Izium", "Chuhuiv", "Bucha", "Irpin", "Kherson", "Mariupol", "Sumy",
             "Okhtyrka", "Mykolaiv", "Borodianka"]
    out = geocoder.geocode_column([*towns, "Adviika"])
    assert geocoder.geocode("Adviika").best.country == "NG"        # alone, the world's
    assert out["geocode_status"].iat[-1] == "not_found"
    assert "only a spelling like Ado-Ekiti" in out["geocode_note"].iat[-1]
    assert "(UA)" in out["geocode_note"].iat[-1]
    few = geocoder.geocode_column(["Kharkiv", "Adviika"])           # too few to tell
    assert few["geocode_status"].iat[-1] == "fuzzy"


def test_column_guesses_a_namesake_in_the_files_country(geocoder):
    """Bellingcat's 'Vozdvyzhenka', given no country, in a file of Ukrainian places: its
    best guess was in Primorye, Russia, 6,755 km off; it is now one of Ukraine's, still
    ambiguous, the others listed."""
    towns = ["Kharkiv", "Izium", "Chuhuiv", "Bucha", "Irpin", "Kherson", "Mariupol", "Sumy",
             "Okhtyrka", "Mykolaiv", "Borodianka"]
    alone = geocoder.geocode("Vozdvyzhenka")
    assert alone.status == "ambiguous" and alone.best.country != "UA"
    out = geocoder.geocode_column([*towns, "Vozdvyzhenka"])
    assert out["geocode_status"].iat[-1] == "ambiguous"
    assert out["geocode_match"].iat[-1].endswith("(UA)")
    assert "best guess in UA, the file's country" in out["geocode_note"].iat[-1]


def test_column_rejects_misaligned_hints_and_unknown_default_country(geocoder):
    with pytest.raises(GeocodeError, match="'country' has 2 values but there are 3 places"):
        geocoder.geocode_column(["a", "b", "c"], country=["UA", "RU"])
    with pytest.raises(GeocodeError, match="Unknown default country 'Narnia'"):
        geocoder.geocode_column(["Kyiv"], default_country="Narnia")


def test_accuracy_table_meets_the_targets(geocoder):
    for file_context in (True, False):
        accuracy = measure_accuracy(geocoder, file_context=file_context)
        print(("as one file: " if file_context else "row by row: ") + accuracy.summary())
        assert len(accuracy.rows) >= 300
        assert accuracy.within >= 0.95, accuracy.failures().to_string()
        assert accuracy.confident_wrong <= 0.01, accuracy.failures().to_string()
        holdout = Accuracy(accuracy.rows[accuracy.rows.category == "holdout"])
        assert holdout.within >= 0.95 and holdout.confident_wrong <= 0.01


def test_site_register_skips_sites_without_a_point_and_matches_aliases(tmp_path):
    path = tmp_path / "sites.csv"
    pd.DataFrame({
        "site_id": ["depot_a", "office_x"], "name": ["Alpha depot", "Unplaced office"],
        "aliases": ["Depot A|Склад А", ""], "kind": ["oil_depot", "office"],
        "operator": ["Acme", ""], "country": ["UA", "UA"], "admin1": ["Odesa Oblast", ""],
        "latitude": ["46.5", ""], "longitude": ["30.7", ""], "geo_precision": ["site", "country"],
    }).to_csv(path, index=False)
    register = SiteRegister.read(path)
    assert list(register.frame.site_id) == ["depot_a"]
    assert register.names["depot a"] == (0, "alias")
    assert register.names["alpha depot"] == (0, "exact")
    assert SiteRegister.read(tmp_path / "missing.csv").frame.empty


def test_load_geocoder_is_cached_and_reloads_when_the_sites_change(tmp_path, tmp_path_factory):
    data = tmp_path / "data"
    for part in ("gazetteer", "boundaries", "basemap"):
        shutil.copytree(DATA_DIR / part, data / part)
    shutil.copy(DATA_DIR / "sites.csv", data / "sites.csv")
    cache = tmp_path_factory.getbasetemp() / "cache"
    settings = Settings(database_url="sqlite://", cache_dir=cache, data_dir=data)
    assert GazetteerSources.from_data_dir(data).fingerprint() == (
        GazetteerSources.from_data_dir(DATA_DIR).fingerprint())   # same sources: no rebuild
    first = load_geocoder(settings)
    assert load_geocoder(settings) is first
    sites = pd.read_csv(data / "sites.csv", dtype=str, keep_default_na=False)
    sites.loc[sites.site_id == "orlivka_gds", "aliases"] += "|Trans-Balkan entry station"
    sites.to_csv(data / "sites.csv", index=False)
    second = load_geocoder(settings)
    assert second is not first
    assert second.geocode("Trans-Balkan entry station").best.ident == "site:orlivka_gds"


def test_index_fingerprint_changes_with_its_sources(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR / "gazetteer", data / "gazetteer")
    before = GazetteerSources.from_data_dir(data).fingerprint()
    with (data / "gazetteer" / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write("country,UA,,Ukrayina\n")
    assert GazetteerSources.from_data_dir(data).fingerprint() != before
    (data / "gazetteer" / "admin1CodesASCII.txt").unlink()
    with pytest.raises(GeocodeError, match=r"admin1CodesASCII\.txt'; restore data/gazetteer/"):
        GazetteerSources.from_data_dir(data).fingerprint()


@pytest.mark.parametrize("text", ["Moscow Oblast", "Moscow region", "Moscow Region"])
def test_a_region_worded_so_is_the_oblast_around_a_city_region_of_its_name(geocoder, text):
    # GeoNames names the federal city 'Moscow' and the oblast around it 'Moscow Oblast'
    result = geocoder.geocode(text)
    assert (result.status, result.best.ident) == ("alias", "admin1:RU.47")
    assert geocoder.geocode("Moscow").best.ident == "geonames:524901"
