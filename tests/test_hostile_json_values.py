"""JSON uploads holding numbers Python will not turn into an int (over 4,300 digits) or a
cell of JSON nested past Python's recursion limit: a traceback, then. A number is kept
as written, like every other cell; a cell that cannot be read as JSON is read as text."""

from __future__ import annotations

import json

from geo.commands._cli import main
from geo.importing.readers.dispatch import read_file

HUGE = "1" + "0" * 5_000


def feature(properties: dict) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.7, 46.5]},
            "properties": properties}


def test_a_geojson_number_of_five_thousand_digits_is_kept_as_written():
    text = json.dumps({"type": "FeatureCollection", "features": [
        feature({"date": "2025-08-08", "casualties": 7, "fatalities": "HUGE"})]})
    table = read_file(text.replace('"HUGE"', HUGE).encode(), "huge.geojson")
    row = table.frame.iloc[0]
    assert row["fatalities"] == HUGE and row["casualties"] == "7"


def test_records_with_a_huge_number_are_read(tmp_path, capsys):
    path = tmp_path / "records.json"
    path.write_text('[{"date": "2025-08-08", "latitude": 46.5, "longitude": 30.7, '
                    f'"casualties": {HUGE}}}]', encoding="utf-8")
    code = main(["import", str(path), "--dry-run", "--db", str(tmp_path / "s.sqlite")])
    captured = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in captured.err, captured.err
    assert "records.json: " in captured.out


def test_a_timemap_cell_of_unreadable_json_is_read_as_text(tmp_path, capsys):
    events = [{"id": f"CIV{i}", "date": "08/08/2025", "latitude": "46.5",
               "longitude": "30.7", "location": "Odesa", "description": "x",
               "sources": "SOURCES", "filters": "[]"} for i in range(2)]
    text = json.dumps(events).replace('"SOURCES"', json.dumps("[" * 50_000 + "]" * 50_000),
                                      1).replace('"SOURCES"', json.dumps(f"[{HUGE}]"))
    path = tmp_path / "timemap.json"
    path.write_text(text, encoding="utf-8")
    code = main(["import", str(path), "--dry-run", "--db", str(tmp_path / "s.sqlite")])
    captured = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in captured.err, captured.err
    assert "timemap.json: " in captured.out


def test_a_parquet_file_whose_geo_metadata_nests_past_reading_is_refused():
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq
    import pytest

    from geo.errors import InputFileError

    table = pa.table({"date": ["2025-08-08"], "latitude": [46.5], "longitude": [30.7]})
    out = io.BytesIO()
    pq.write_table(table.replace_schema_metadata({b"geo": b"[" * 100_000 + b"]" * 100_000}),
                   out)
    with pytest.raises(InputFileError, match=r"'deep\.parquet' nests its JSON too deep"):
        read_file(out.getvalue(), "deep.parquet")
    for geo in (b"[1]", b'"x"', b"7"):
        out = io.BytesIO()
        pq.write_table(table.replace_schema_metadata({b"geo": geo}), out)
        with pytest.raises(InputFileError, match="'geo' metadata is not a JSON object"):
            read_file(out.getvalue(), "odd.parquet")


def test_an_unpaired_surrogate_escape_is_a_mark_and_said(tmp_path, capsys):
    """'\\ud800' alone is valid JSON but no text: storing it ended in a UnicodeEncodeError
    traceback at the import's commit."""
    text = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
            '{"type": "Point", "coordinates": [30.7, 46.5]}, "properties": {"date": '
            '"2025-08-08", "place": "a\\ud800b", "description": "fire \\ud83d\\udd25 \\\\ud800 '
            '\\udfff"}}]}')
    table = read_file(text.encode(), "lone.geojson")
    row = table.frame.iloc[0]
    assert row["place"] == "a‹U+D800›b"
    assert row["description"] == "fire 🔥 \\ud800 ‹U+DFFF›"
    assert any("2 unpaired surrogate" in note for note in table.notes), table.notes
    path = tmp_path / "lone.geojson"
    path.write_text(text, encoding="utf-8")
    code = main(["import", str(path), "--db", str(tmp_path / "s.sqlite"), "--by", "Ana"])
    captured = capsys.readouterr()
    assert code == 0 and "lone.geojson: 1 added" in captured.out, captured.err


def test_an_unpaired_surrogate_in_a_key_or_a_shape_s_properties_is_a_mark():
    records = ('[{"date": "2025-08-08", "latitude": 46.5, "longitude": 30.7, '
               '"\\udfffkey": "v"}]')
    assert "‹U+DFFF›key" in read_file(records.encode(), "r.json").frame.columns
    shape = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
             '{"type": "Polygon", "coordinates": [[[30, 46], [31, 46], [31, 47], [30, 46]]]},'
             ' "properties": {"date": "2025-08-08", "place": "a\\ud800b"}}]}')
    assert read_file(shape.encode(), "p.geojson").frame["place"].tolist() == ["a‹U+D800›b"]


def test_a_key_given_twice_in_one_object_refuses_the_file_naming_it_and_both_values():
    import pytest

    from geo.errors import InputFileError

    text = json.dumps({"type": "FeatureCollection", "features": [
        feature({"date": "2025-08-08", "description": "FIRST"})]})
    text = text.replace('"description": "FIRST"',
                        '"description": "first account", "description": "second account"')
    for name in ("dup.geojson", "dup.json"):
        with pytest.raises(InputFileError) as refused:
            read_file(text.encode(), name)
        message = str(refused.value)
        assert "'description' twice" in message and name in message
        assert "'first account'" in message and "'second account'" in message


def test_records_with_a_key_given_twice_are_refused_not_read_with_one_lost(tmp_path, capsys):
    path = tmp_path / "records.json"
    path.write_text('[{"date": "2025-08-08", "latitude": 46.5, "latitude": 30.7, '
                    '"longitude": 30.7}]', encoding="utf-8")
    code = main(["import", str(path), "--dry-run", "--db", str(tmp_path / "s.sqlite")])
    err = capsys.readouterr().err
    assert code == 2 and "'latitude' twice" in err and "46.5, then 30.7" in err, err


def test_a_nul_escape_is_a_mark_and_said_as_a_nul_in_a_text_file_is_refused():
    text = json.dumps({"type": "FeatureCollection", "features": [
        feature({"date": "2025-08-08", "description": "before\u0000after",
                 "place": "a\\u0000 is how JSON writes it"})]})
    table = read_file(text.encode(), "nul.geojson")
    row = table.frame.iloc[0]
    assert row["description"] == "before‹U+0000›after"
    assert row["place"] == "a\\u0000 is how JSON writes it"  # an escaped backslash: text
    assert any("1 NUL escape" in note for note in table.notes), table.notes


def test_a_timemap_cell_giving_a_key_twice_refuses_the_file_by_its_row(tmp_path, capsys):
    """A TimeMap CSV's sources cell of JSON read with the last 'path' only: the first
    source was lost unsaid, as a JSON file's repeated key once was."""
    import csv
    import io

    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["id", "date", "location", "latitude", "longitude", "description",
                     "sources", "filters"])
    writer.writerow(["CIV1", "08/08/2025", "Odesa", "46.48", "30.72", "strike",
                     '[{"path": "https://a.example/1"}]', '[{"key": "weapon", "value": "drone"}]'])
    writer.writerow(["CIV2", "08/09/2025", "Odesa", "46.48", "30.72", "strike",
                     '[{"path": "https://a.example/first", "path": "https://b.example/second"}]',
                     "[]"])
    path = tmp_path / "timemap.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    code = main(["import", str(path), "--preset", "timemap", "--db", str(tmp_path / "s.sqlite")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Row 2: its sources cell gives the key 'path' twice" in err, err
    assert "'https://a.example/first', then 'https://b.example/second'" in err, err
    assert "Traceback" not in err


def test_a_json_lines_record_giving_a_key_twice_refuses_the_file_by_its_line(tmp_path,
                                                                              capsys):
    path = tmp_path / "events.jsonl"
    path.write_text('{"date": "2025-08-08", "latitude": 46.5, "longitude": 30.7}\n'
                    '{"date": "2025-08-09", "latitude": 46.5, "latitude": 30.7, '
                    '"longitude": 30.7}\n', encoding="utf-8")
    code = main(["import", str(path), "--dry-run", "--db", str(tmp_path / "s.sqlite")])
    err = capsys.readouterr().err
    assert code == 2 and "line 2 gives the key 'latitude' twice" in err, err
    assert "46.5, then 30.7" in err, err


NOT_NUMBERS = ('[{"date": "2025-08-01", "place": "Kyiv", "lat": NaN, "lon": 30.5},'
               ' {"date": "2025-08-02", "place": "Odesa", "lat": "NaN", "lon": 30.7},'
               ' {"date": "2025-08-03", "place": "Lviv", "lat": Infinity, "lon": 24.0},'
               ' {"date": "2025-08-04", "place": "Lviv", "lat": 1e309, "lon": 24.0}]')


def test_json_coordinates_that_are_no_numbers_are_named_as_written(tmp_path, capsys):
    """Python's parser takes NaN and Infinity, which are no JSON, and reads 1e309 as inf: a
    NaN latitude was read as an empty cell ('latitude is empty'), 1e309 named 'inf'."""
    path = tmp_path / "records.json"
    path.write_text(NOT_NUMBERS, encoding="utf-8")
    assert main(["import", str(path), "--db", str(tmp_path / "s.sqlite")]) == 1
    said = capsys.readouterr().out
    assert ("Rows 1-2 (2 rows): longitude is given but latitude is 'NaN', which is no number "
            "(a missing value); give both") in said, said
    assert ("Rows 3-4 (2 rows): latitude 'Infinity' is not a finite number; write decimal "
            "degrees such as 46.4857 (also row 4: '1e309')") in said, said


def test_geojson_coordinates_that_are_no_numbers_are_named_as_written(tmp_path, capsys):
    features = [feature({"date": "2025-08-01", "place": "Kyiv"}) for _ in range(2)]
    text = json.dumps({"type": "FeatureCollection", "features": features})
    path = tmp_path / "points.geojson"
    path.write_text(text.replace("46.5", "NaN", 1).replace("46.5", "-1E+400"), encoding="utf-8")
    assert main(["import", str(path), "--db", str(tmp_path / "s.sqlite")]) == 1
    said = capsys.readouterr().out
    assert "Row 1: longitude is given but latitude is 'NaN', which is no number" in said, said
    assert "Row 2: latitude '-1E+400' is not a finite number" in said, said


def cir_export(tmp_path, groups: list[str]):
    import csv
    import io

    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["entry", "date", "event_group", "title", "brief description", "lat",
                     "lon", "country", "province", "district", "town/city", "arms/munition",
                     "violence level", "link", "geolocation"])
    for number, group in enumerate(groups, start=1):
        writer.writerow([f"UW{number:04d}", f"0{number}/08/2025", group, "strike",
                         "a strike", "46.48", "30.72", "Ukraine", "Odesa", "", "Odesa", "",
                         "2", "https://example.org/a", ""])
    path = tmp_path / "cir.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


def test_a_cir_event_group_giving_a_key_twice_refuses_the_file_by_its_row(tmp_path, capsys):
    """CIR's event-group cell was read with json.loads, which keeps the last value of a key
    given twice: the first was lost unsaid, where a TimeMap cell's is refused."""
    path = cir_export(tmp_path, ['["Bombing or Explosion Feb - June"]',
                                 '[{"group": "Bombing", "group": "Detentions or Arrests"}]'])
    code = main(["import", str(path), "--preset", "cir", "--db", str(tmp_path / "s.sqlite")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert ("Row 2: its event group cell gives the key 'group' twice in one object "
            "('Bombing', then 'Detentions or Arrests')") in err, err


def test_a_cir_event_group_nested_past_reading_is_its_text(tmp_path, capsys):
    """json.loads of a cell of 100,000 '[' ended the import in a RecursionError."""
    path = cir_export(tmp_path, ["[" * 100_000])
    code = main(["import", str(path), "--preset", "cir", "--dry-run",
                 "--db", str(tmp_path / "s.sqlite")])
    captured = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in captured.err, captured.err
    assert "cir.csv: " in captured.out, captured.out


def test_a_json_lines_line_nested_past_reading_is_named_so(tmp_path, capsys):
    """It was refused as 'line 2 is not one (JSON object)', which it was."""
    path = tmp_path / "events.jsonl"
    path.write_text('{"date": "2025-08-08", "latitude": 46.5, "longitude": 30.7}\n'
                    '{"date": "2025-08-09", "x": ' + "[" * 50_000 + "]" * 50_000 + "}\n",
                    encoding="utf-8")
    code = main(["import", str(path), "--dry-run", "--db", str(tmp_path / "s.sqlite")])
    err = capsys.readouterr().err
    assert code == 2 and "'events.jsonl' line 2 nests its JSON too deep to read" in err, err


def test_a_nan_altitude_is_no_reason_to_refuse_a_geojson_file(tmp_path, capsys):
    """NaN kept as written was no number to the check of shapes: a Point's altitude written
    NaN refused the whole file (its position is read, its altitude never)."""
    point = feature({"date": "2025-08-01", "place": "Kyiv"})
    point["geometry"]["coordinates"] = [30.7, 46.5, "ALTITUDE"]
    line = {"type": "Feature", "properties": {"date": "2025-08-02", "place": "Odesa"},
            "geometry": {"type": "LineString", "coordinates": [[30.7, 46.5], [30.8, 46.6]]}}
    path = tmp_path / "shapes.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [point, line]})
                    .replace('"ALTITUDE"', "NaN"), encoding="utf-8")
    assert main(["import", str(path), "--dry-run", "--db", str(tmp_path / "s.sqlite")]) == 0
    assert "2 would be added" in capsys.readouterr().out
