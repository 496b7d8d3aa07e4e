"""geo.importing.pipeline: the whole pipeline on real files, a real store and the real geocoder."""

from __future__ import annotations

import datetime as dt
import io
import json

import numpy as np
import pandas as pd
import pytest

from geo.errors import InputFileError, ValidationError
from geo.importing.fixes import apply_fixes
from geo.importing.pipeline import (
    ImportOptions,
    commit_import,
    import_path,
    preview_import,
    read_upload,
)
from tests.support.geocoding import session_geocoder

TODAY = dt.date(2025, 9, 1)
OPTIONS = ImportOptions(default_country="UA", today=TODAY)
MIXED = """date,lat,lon,place,category,notes,url
2025-08-08,46.64206,30.56863,SOCAR depot,strike,"<script>alert('x')</script>",=HYPERLINK("x")
8 August 2025,,,Kremenchuk,strike,refinery hit,
08/08/2025,,,Mykhailivka,strike,several places have this name,
2025-08-09,95.2,30,Nowhere,strike,,
2025-08-10,,,Xyzzyqq,strike,,
2030-01-01,46.1,30.1,,strike,in the future,
2025-08-10,46.1,30.1,,strike,first,
2025-08-10,46.1001,30.1001,,strike,the same again,
"""


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    """The real geocoder on the real data (its index is built once per session)."""
    return session_geocoder(tmp_path_factory)


def preview(store, geocoder, text=MIXED, options=OPTIONS, name="mixed.csv"):
    return preview_import(read_upload(text.encode(), name), store, options, geocoder=geocoder)


def test_every_row_gets_a_status_and_a_reason(store, geocoder):
    rows = preview(store, geocoder).rows
    assert list(rows["status"]) == ["duplicate", "new", "needs review", "rejected", "rejected",
                                    "needs review", "new", "duplicate"]
    assert rows.loc[1, "reason"].startswith("duplicate: same category, 0.0 km away and on an "
                                            "overlapping date as stored incident seed-")
    assert "matches several places" in rows.loc[3, "reason"]
    assert rows.loc[4, "reason"] == "latitude 95.2 is out of range (-90..90)"
    assert rows.loc[5, "reason"].startswith("place 'Xyzzyqq' was not found in the offline "
                                            "gazetteer")
    assert rows.loc[6, "reason"].startswith("date 2030-01-01 is in the future")
    assert rows.loc[8, "reason"].endswith("as row 7 of this file")
    assert list(rows["include"]) == [False, True, False, False, False, False, True, False]


def test_geocoded_rows_keep_how_they_were_placed(store, geocoder):
    rows = preview(store, geocoder).rows
    assert rows.loc[2, "geo_method"] == "geocoded: GeoNames 704147 Kremenchuk (exact)"
    assert rows.loc[2, "geo_precision"] == "town"
    assert (rows.loc[2, "latitude"], rows.loc[2, "longitude"]) == pytest.approx((49.06, 33.40),
                                                                                abs=0.01)
    assert (rows.loc[2, "country"], rows.loc[2, "admin1"]) == ("UA", "Poltava Oblast")
    assert rows.loc[3, "geo_method"].endswith("(ambiguous: best guess)")


def test_a_raion_column_settles_namesakes_and_is_named_in_how_placed(store, geocoder):
    """Luhansk oblast has two villages 'Zelenyi Hai'; one lies in Perevalsk raion."""
    text = ("date,village,raion,oblast\n2025-08-08,Zelenyi Hai,Perevalsk raion,Luhansk oblast\n"
            "2025-08-09,Zelenyi Hai,,Luhansk oblast\n")
    result = preview(store, geocoder, text, name="villages.csv")
    assert result.mapping["admin2"] == "raion"
    rows = result.rows
    assert list(rows["status"]) == ["new", "needs review"]
    assert rows.loc[1, "geo_method"].endswith("(exact); raion given: Perevalsk raion")
    assert rows.loc[2, "geo_method"].endswith("(ambiguous: best guess)")
    assert any("The column 'raion' (raion, district) helps place rows" in note
               for note in result.notes)
    assert not any("are not imported" in note for note in result.notes)


def test_a_place_not_found_in_a_known_region_is_held_at_the_region(store, geocoder):
    """Not found, but its oblast is given: kept at region precision for a person to keep or
    correct (it was rejected); an unknown region leaves the row rejected, as before."""
    text = ("date,place,oblast,notes\n2025-08-08,Xyzzyqq,Donetsk oblast,shelling\n"
            "2025-08-09,Xyzzyqq,Narnia,shelling\n")
    first = preview(store, geocoder, text, name="villages.csv")
    rows = first.rows
    assert list(rows["status"]) == ["needs review", "rejected"]
    held = rows.loc[1]
    assert held["geo_precision"] == "admin1" and held["admin1"] == "Donetsk oblast"
    assert held["geo_method"] == ("geocoded: region given, Donetsk Oblast "
                                  "(place 'Xyzzyqq' not found)")
    assert "placed at the region given, Donetsk Oblast, at region precision" in held["reason"]
    region = geocoder.geocode("Donetsk Oblast")
    assert (held["latitude"], held["longitude"]) == pytest.approx(
        (region.best.latitude, region.best.longitude))
    [choice] = first.choices[1]
    assert choice.precision == "admin1" and "the region given" in choice.label
    chosen = apply_fixes(first, pd.DataFrame({"choice": [choice.option()]}, index=[1]), store)
    kept = chosen.rows.loc[1]
    assert (kept["status"], kept["include"], kept["geo_precision"]) == ("new", True, "admin1")


def test_commit_writes_the_included_rows_as_one_batch(store, geocoder):
    before = store.revision()
    result = commit_import(preview(store, geocoder), store)
    assert (result.added, result.duplicates, result.held_back, result.rejected) == (2, 2, 2, 2)
    assert store.revision() == before + 1
    stored = store.incidents_frame().set_index("incident_id")
    batch = stored[stored["batch_id"] == result.batch_id]
    assert sorted(batch["description"]) == ["first", "refinery hit"]
    record = store.batches_frame().set_index("batch_id").loc[result.batch_id]
    assert (record.file_name, record.row_count, record.skipped_count, record.rejected_count) \
        == ("mixed.csv", 2, 2, 2)
    assert json.loads(record.settings)["default_country"] == "UA"


def test_html_is_stored_verbatim(store, geocoder):
    result = commit_import(preview(store, geocoder, options=ImportOptions(
        keep_duplicates=True, today=TODAY, default_country="UA")), store)
    stored = store.incidents_frame()
    stored = stored[stored["batch_id"] == result.batch_id]
    assert "<script>alert('x')</script>" in set(stored["description"])
    assert '=HYPERLINK("x")' in set(stored["source_url"])


def test_the_rows_left_out_download_with_reasons_and_no_formulas(store, geocoder):
    table = pd.read_csv(io.BytesIO(preview(store, geocoder).not_imported_csv()), dtype=str,
                        keep_default_na=False, encoding="utf-8-sig")
    assert list(table.columns[:3]) == ["row", "status", "reason"]
    assert list(table["row"]) == ["1", "3", "4", "5", "6", "8"]
    assert table.loc[table["row"] == "1", "url"].iat[0] == "'=HYPERLINK(\"x\")"
    assert table.loc[table["row"] == "4", "reason"].iat[0] == \
        "latitude 95.2 is out of range (-90..90)"


def test_choosing_a_candidate_fixes_an_ambiguous_row(store, geocoder):
    first = preview(store, geocoder)
    odesa = next(c for c in first.choices[3] if "Odesa Oblast" in c.label)
    fixed = apply_fixes(first, pd.DataFrame({"choice": [odesa.option()], "include": [False]},
                                            index=[3]), store)
    row = fixed.rows.loc[3]
    assert (row["status"], row["include"]) == ("new", True)
    assert (row["latitude"], row["longitude"]) == (odesa.latitude, odesa.longitude)
    assert row["geo_method"].endswith("(chosen in the import preview)")
    assert row["admin1"] == "Odesa Oblast"


def test_typing_coordinates_fixes_a_row_and_bad_ones_are_named(store, geocoder):
    first = preview(store, geocoder)
    fixed = apply_fixes(first, pd.DataFrame({"latitude": [46.3, 95.0], "longitude": [30.1, 30.0]},
                                            index=[3, 6]), store)
    assert fixed.rows.loc[3, "status"] == "new"
    assert fixed.rows.loc[3, "geo_method"] == "placed by hand in the import preview"
    assert fixed.rows.loc[6, "status"] == "needs review"
    assert "Row 6: latitude 95 is out of range (-90..90)" in fixed.issues.review[6]


def test_keeping_a_row_by_hand(store, geocoder):
    first = preview(store, geocoder)
    kept = apply_fixes(first, pd.DataFrame({"include": [True, True]}, index=[6, 8]), store)
    assert kept.include[[6, 8]].tolist() == [True, True]
    result = commit_import(kept, store)
    assert result.added == 4 and result.held_back == 1


def test_options_keep_duplicates_and_rows_needing_review(store, geocoder):
    rows = preview(store, geocoder, options=ImportOptions(
        keep_duplicates=True, include_review=True, today=TODAY, default_country="UA")).rows
    assert list(rows["include"]) == [True, True, True, False, False, True, True, True]


def test_a_second_import_of_the_same_file_adds_nothing(store, geocoder):
    commit_import(preview(store, geocoder), store)
    again = preview(store, geocoder)
    assert again.counts()["new"] == 0
    assert commit_import(again, store).added == 0


def test_rows_stored_between_preview_and_commit_are_skipped(store, geocoder):
    text = "date,lat,lon\n2025-08-11,47.5,31.5\n2025-08-12,47.6,31.6\n"
    first = preview(store, geocoder, text=text, name="a.csv")
    second = preview(store, geocoder, text=text, name="b.csv")
    assert commit_import(first, store).added == 2
    late = commit_import(second, store)
    assert (late.added, late.late_duplicates) == (0, 2)


def test_swapped_coordinates_are_offered_and_fixed(store, geocoder):
    text = "date,latitude,longitude\n2025-08-08,135.2,48.1\n2025-08-09,136.0,47.9\n"
    swapped = preview(store, geocoder, text=text)
    assert swapped.swap_suggested and swapped.counts()["rejected"] == 2
    fixed = preview(store, geocoder, text=text, options=ImportOptions(swap_coordinates=True))
    assert fixed.counts()["new"] == 2
    assert fixed.rows.loc[1, "latitude"] == 48.1


def test_country_level_places_are_kept_without_a_point(store, geocoder):
    rows = preview(store, geocoder, text="date,place\n2025-08-08,Ukraine\n").rows
    assert rows.loc[1, "status"] == "new"
    assert rows.loc[1, "geo_precision"] == "country"
    assert np.isnan(rows.loc[1, "latitude"])


def test_without_a_geocoder_place_rows_are_rejected_with_the_reason(store):
    rows = preview_import(read_upload(b"date,place\n2025-08-08,Odesa\n", "p.csv"), store,
                          OPTIONS).rows
    assert rows.loc[1, "status"] == "rejected"
    assert "could not be looked up (no geocoder was given" in rows.loc[1, "reason"]


def test_an_unusable_mapping_is_a_validation_error(store):
    with pytest.raises(ValidationError) as error:
        preview_import(read_upload(b"Fecha,Lugar,Latitud\n1,2,3\n", "es.csv"), store, OPTIONS)
    assert "Missing column for date; found: Fecha, Lugar, Latitud" in error.value.problems[0]


def test_import_path_dry_run_writes_nothing(store, geocoder, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(MIXED, encoding="utf-8")
    before = (store.revision(), len(store.incidents_frame()))
    result = import_path(path, store, OPTIONS, geocoder=geocoder, dry_run=True)
    assert result.dry_run and result.added == 2 and result.batch_id is None
    assert (store.revision(), len(store.incidents_frame())) == before
    assert "2 would be added" in result.summary()


def test_import_path_checks_the_file_first(store, tmp_path):
    with pytest.raises(InputFileError, match="No such file"):
        import_path(tmp_path / "absent.csv", store)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputFileError, match=r"'empty\.csv' is empty"):
        import_path(empty, store)
