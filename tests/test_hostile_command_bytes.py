"""Command lines holding bytes that are not UTF-8 (a value typed in a Latin-1 terminal, a
file named on an old Windows disk): Python passes each such byte as a lone surrogate
(U+DC80-U+DCFF), which no text can be stored, drawn or compared as. A value is refused
naming the byte; a file's name is stored with the byte as a mark."""

from __future__ import annotations

import pytest

from geo.commands._cli import main

ROWS = "date,latitude,longitude,place,category,description\n2025-08-08,46.5,30.7,Odesa,strike,x\n"


@pytest.mark.parametrize("command", [
    ["export", "-o", "{tmp}/x.csv", "--operator", "SOC\udcff"],
    ["export", "-o", "{tmp}/x.csv", "--near-pipeline", "Druzhba\udce9"],
    ["query", "--category", "strike\udcff"],
    ["snapshot", "-o", "{tmp}/x.svg", "--title", "Soci\udce9t\udce9"],
])
def test_a_value_of_bytes_that_are_not_utf8_is_refused_naming_the_byte(tmp_path, capsys,
                                                                       command):
    argv = [part.format(tmp=tmp_path) for part in command] + ["--db", str(tmp_path / "s.db")]
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    assert "not UTF-8" in err and "‹0x" in err, err


def test_a_database_path_of_bytes_that_are_not_utf8_is_refused(tmp_path, capsys):
    code = main(["query", "--db", str(tmp_path / "caf\udce9.db")])
    err = capsys.readouterr().err
    assert code == 2 and "caf‹0xE9›.db" in err, err


def test_a_file_named_in_bytes_that_are_not_utf8_is_imported_under_its_marked_name(
        tmp_path, capsys):
    path = tmp_path / "r\udce9sum\udce9.csv"  # 'résumé.csv' as Latin-1 wrote it
    path.write_text(ROWS, encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert main(["import", str(path), "--db", db]) == 0, capsys.readouterr().err
    assert main(["batches", "--db", db]) == 0
    assert "r‹0xE9›sum‹0xE9›.csv" in capsys.readouterr().out


def test_an_article_named_in_bytes_that_are_not_utf8_is_read_under_its_marked_name(
        tmp_path, capsys):
    path = tmp_path / "art\udce9.txt"
    path.write_text("On 8 August 2025 a drone struck an oil depot in Odesa.\n", encoding="utf-8")
    out = tmp_path / "proposals.csv"
    assert main(["parse", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    assert "art‹0xE9›.txt" in out.read_text(encoding="utf-8-sig")


def test_a_store_named_in_the_environment_in_bytes_that_are_not_utf8_is_refused(
        tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INCIDENT_MAP_DB", str(tmp_path / "caf\udce9.db"))
    code = main(["query"])
    err = capsys.readouterr().err
    assert code == 2 and "INCIDENT_MAP_DB" in err and "caf‹0xE9›.db" in err, err
