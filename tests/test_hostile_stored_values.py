"""A store whose incidents another program wrote values into that no import writes (SQLite
keeps any value in any column): a latitude of 'abc', a date of 'garbage', year 0 or
'9999-99-99'. Every command (and page) that read the store ended in a traceback; it is
the project's error naming the incident, the column and the value, and nothing is
written."""

from __future__ import annotations

import sqlite3

import pytest

from geo.commands._cli import main
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore


def written_over(path, column: str, value) -> None:
    """A seeded store at `path` with `value` written into `column` of one incident, as
    another program would (the revision moved on, as any write moves it)."""
    IncidentStore.open(f"sqlite:///{path}", DATA_DIR).engine.dispose()
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE incidents SET {column} = ? WHERE incident_id = 'seed-002-01'",
                   (value,))
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")


@pytest.mark.parametrize(("column", "value"), [
    ("latitude", "abc"), ("date_start", "garbage"), ("date_start", "0000-01-01"),
    ("date_end", "9999-99-99"), ("date_end", "20250808"), ("date_start", ""),
])
@pytest.mark.parametrize("command", [["query"], ["export", "-o", "{tmp}/out.geojson"]])
def test_a_stored_value_of_the_wrong_kind_is_named_not_a_traceback(tmp_path, capsys, column,
                                                                    value, command):
    path = tmp_path / "store.sqlite"
    written_over(path, column, value)
    argv = [part.format(tmp=tmp_path) for part in command] + ["--db", str(path)]
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    shown = value if value.isdigit() else repr(value)  # SQLite keeps digits as a number
    assert "seed-002-01" in err and column in err and f"holds {shown} as" in err, err
    assert not (tmp_path / "out.geojson").exists()


@pytest.mark.parametrize("page", [None, "import_page"])
def test_the_pages_say_which_stored_value_is_wrong(db_path, new_app, page):
    written_over(db_path, "date_start", "garbage")
    app = new_app(page, timeout=180).run()
    assert not app.exception, [e.value for e in app.exception]
    shown = " ".join(e.value for e in app.error).replace("\\", "")  # escaped Markdown
    assert "seed-002-01" in shown and "date_start" in shown, shown


@pytest.mark.parametrize(("table", "statement", "command"), [
    ("batches", "UPDATE batches SET created_at = 'garbage'", ["batches"]),
    ("claim_history", "UPDATE claim_history SET changed_at = 'garbage'",
     ["claim", "--history"]),
])
def test_a_stored_time_of_the_wrong_kind_is_named_with_its_table(tmp_path, capsys, table,
                                                                 statement, command):
    path = tmp_path / "store.sqlite"
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    assert main(["claim", "seed-002-01", "confirmed", "--by", "Anna", "--note", "video",
                 "--db", str(path)]) == 0
    store.engine.dispose()
    with sqlite3.connect(path) as db:  # another program: append-only rules and all
        for (trigger,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                     "AND tbl_name = ?", (table,)).fetchall():
            db.execute(f"DROP TRIGGER {trigger}")
        db.execute(statement)
    code = main([*command, "--db", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and f"table '{table}'" in err and "'garbage'" in err, err


@pytest.mark.parametrize("command", [["query"], ["export", "-o", "{tmp}/out.kml"],
                                     ["export", "-o", "{tmp}/out.parquet"],
                                     ["snapshot", "-o", "{tmp}/out.png"]])
def test_utf8_bytes_in_a_text_column_read_as_the_text_they_hold(tmp_path, capsys, command):
    path = tmp_path / "store.sqlite"
    written_over(path, "place", "Одеса".encode())  # a BLOB: a script's bytes, not text
    code = main([part.format(tmp=tmp_path) for part in command] + ["--db", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "b'" not in out
    if command == ["query"]:
        assert "Одеса" in out, out
    if command[-1].endswith(".kml"):
        assert "Одеса" in (tmp_path / "out.kml").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["query"], ["export", "-o", "{tmp}/out.kml"],
                                     ["export", "-o", "{tmp}/out.parquet"],
                                     ["snapshot", "-o", "{tmp}/out.png"]])
def test_bytes_that_are_no_text_in_a_text_column_are_named(tmp_path, capsys, command):
    path = tmp_path / "store.sqlite"
    written_over(path, "description", b"\xff\x00abc")
    code = main([part.format(tmp=tmp_path) for part in command] + ["--db", str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "seed-002-01" in err and "description" in err and "not text (UTF-8)" in err, err
    assert "Traceback" not in err and not list(tmp_path.glob("out.*"))


def test_a_wrong_date_text_is_not_called_a_wrong_day(tmp_path, capsys):
    path = tmp_path / "store.sqlite"
    written_over(path, "date_text", b"\xe9t\xe9")
    assert main(["query", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "date_text" in err and "not text (UTF-8)" in err and "a day" not in err, err


def table_written_over(path, statement: str, *values) -> None:
    """A seeded store at `path` where another program ran `statement` (append-only rules
    and all)."""
    IncidentStore.open(f"sqlite:///{path}", DATA_DIR).engine.dispose()
    with sqlite3.connect(path) as db:
        for (trigger,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                     ).fetchall():
            db.execute(f"DROP TRIGGER {trigger}")
        db.execute(statement, values)
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")


@pytest.mark.parametrize("command", [["export", "-o", "{tmp}/out.kml"],
                                     ["snapshot", "-o", "{tmp}/out.png"]])
def test_bytes_in_a_site_s_name_are_read_as_text_or_named_with_the_site(tmp_path, capsys,
                                                                        command):
    argv = [part.format(tmp=tmp_path) for part in command]
    path = tmp_path / "store.sqlite"
    table_written_over(path, "UPDATE sites SET name = ?", "Депо".encode())
    assert main([*argv, "--db", str(path)]) == 0, capsys.readouterr().err
    (tmp_path / argv[-1].rsplit("/", 1)[1]).unlink()
    table_written_over(path, "UPDATE sites SET name = ? WHERE site_id = "
                             "'socar_odesa_oblast_depot'", b"\xff\xfeDepot")
    assert main([*argv, "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "site socar_odesa_oblast_depot" in err and "not text (UTF-8)" in err, err
    assert not list(tmp_path.glob("out.*"))


def test_bytes_in_a_batch_s_file_name_are_read_as_text_or_named_with_the_batch(tmp_path,
                                                                               capsys):
    path = tmp_path / "store.sqlite"
    table_written_over(path, "UPDATE batches SET file_name = ?", "файл.csv".encode())
    assert main(["batches", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "файл.csv" in out and "b'" not in out, out
    table_written_over(path, "UPDATE batches SET file_name = ?", b"f\xe9.csv")
    assert main(["batches", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "b'f\\xe9.csv' as the file_name of batch seed" in err, err


def test_bytes_in_a_claim_note_are_read_as_the_text_they_hold(tmp_path, capsys):
    path = tmp_path / "store.sqlite"
    IncidentStore.open(f"sqlite:///{path}", DATA_DIR).engine.dispose()
    assert main(["claim", "seed-002-01", "confirmed", "--by", "Anna", "--note", "video",
                 "--db", str(path)]) == 0
    table_written_over(path, "UPDATE claim_history SET note = ?", "відео".encode())
    assert main(["claim", "--history", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "відео" in out and "b'" not in out, out


@pytest.mark.parametrize(("column", "value", "text"), [("place", "Одеса".encode(), True),
                                                       ("description", b"\xff\x00abc", False)])
def test_the_map_page_reads_bytes_in_a_text_column_or_names_them(db_path, new_app, column,
                                                                value, text):
    written_over(db_path, column, value)
    app = new_app(None, timeout=180).run()
    assert not app.exception, [e.value for e in app.exception]
    shown = " ".join(e.value for e in app.error).replace("\\", "")  # escaped Markdown
    if text:
        assert not shown, shown
    else:
        assert "seed-002-01" in shown and column in shown and "not text" in shown, shown
