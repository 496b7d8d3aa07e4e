"""`python -m geo snapshot` and `python -m geo export`: files written, clear errors."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET

import pandas as pd
import pyogrio
import pytest
from PIL import Image

from geo.commands._cli import main
from geo.settings import DATA_DIR, PROJECT_ROOT
from geo.store.incident_store import IncidentStore


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "cli.sqlite")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_snapshot_png_of_a_region_and_window(tmp_path, db, capsys):
    out = tmp_path / "daily.png"
    code, stdout, _ = run(capsys, "snapshot", "-o", str(out), "--region", "ukraine",
                          "--from", "2025-08-01", "--to", "2025-08-31", "--title",
                          "Daily map", "--db", db)
    assert code == 0
    assert f"Wrote {out}" in stdout and "Data version" in stdout
    image = Image.open(out)
    assert image.size == (1600, 1000) and image.info.get("Title") == "Daily map"


def test_snapshot_svg_and_html_with_layers_and_bbox(tmp_path, db, capsys):
    svg, html = tmp_path / "map.svg", tmp_path / "map.html"
    assert run(capsys, "snapshot", "-o", str(svg), "--layers", "strikes,pipelines",
               "--bbox", "22,44,41,53", "--db", db)[0] == 0
    text = " ".join(e.text for e in ET.parse(svg).getroot().iter() if e.text)
    assert "Layers off: Energy infrastructure and named sites" in text
    assert run(capsys, "snapshot", "-o", str(html), "--claim", "claimed", "--db", db)[0] == 0
    assert "Claim status: Claimed" in html.read_text(encoding="utf-8")


def test_an_empty_selection_is_a_snapshot_not_an_error(tmp_path, db, capsys):
    out = tmp_path / "empty.png"
    code, stdout, _ = run(capsys, "snapshot", "-o", str(out), "--from", "2019-01-01",
                          "--to", "2019-01-31", "--db", db)
    assert code == 0 and "No incidents match" in stdout
    assert Image.open(out).size == (1600, 1000)


@pytest.mark.parametrize("argv, message", [
    (["--from", "2025-13-01"], "--from '2025-13-01' is not a date"),
    (["--from", "2025-08-08", "--to", "2025-08-01"], "before it starts"),
    (["--layers", "strikes,roads"], "Unknown layer(s): roads"),
    (["--category", "weather"], "--category: unknown value(s) weather"),
    (["--region", "atlantis"], "Unknown region 'atlantis'"),
    (["--bbox", "1,2,3"], "not four numbers"),
    (["--size", "poster"], "Unknown snapshot size 'poster'"),
    (["--size", "100000x100000"], "Snapshot size 100,000 x 100,000 pixels is outside 400 to "
                                  "6,000 pixels each way"),
    (["--size", "12x12"], "Snapshot size 12 x 12 pixels is outside 400 to 6,000 pixels"),
    (["--size", "p" * 5000], f"Unknown snapshot size '{'p' * 40}… (5,000 characters)'"),
])
def test_bad_options_are_named(tmp_path, db, capsys, argv, message):
    out = tmp_path / "x.png"
    code, _, stderr = run(capsys, "snapshot", "-o", str(out), "--db", db, *argv)
    assert code == 2 and message in stderr
    assert not out.exists()


def test_unknown_formats_fail_before_reading_data(tmp_path, capsys):
    code, _, stderr = run(capsys, "snapshot", "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "Unknown snapshot format '.pdf'" in stderr
    code, _, stderr = run(capsys, "export", "-o", str(tmp_path / "x.xlsx"))
    assert code == 2 and "Unknown export format '.xlsx'" in stderr


def test_export_each_format_with_filters(tmp_path, db, capsys):
    for suffix in ("geojson", "gpkg", "kml"):
        out = tmp_path / f"incidents.{suffix}"
        code, stdout, _ = run(capsys, "export", "-o", str(out), "--from", "2025-08-01",
                              "--db", db)
        assert code == 0 and "3 without coordinates" not in stdout
        ids = set(pyogrio.read_dataframe(out)["incident_id"])
        assert "seed-002-01" in ids and "seed-000-01" not in ids  # 8 Aug in, June-July out
    out = tmp_path / "incidents.csv"
    assert run(capsys, "export", "-o", str(out), "--db", db)[0] == 0
    stored = IncidentStore.open(f"sqlite:///{db}", DATA_DIR).incidents_frame()
    assert len(pd.read_csv(out, encoding="utf-8-sig")) == len(stored)
    assert run(capsys, "export", "-o", str(out), "--region", "caucasus", "--db", db)[0] == 0
    in_caucasus = pd.read_csv(out, encoding="utf-8-sig")
    # Baku, Khankendi and Aktau (on the Caspian shore); country-level rows have no point
    assert set(in_caucasus["country"]) == {"AZ", "KZ"}
    assert in_caucasus["latitude"].notna().all()
    assert in_caucasus["pipeline_distance_km"].notna().all()


def test_export_near_a_pipeline(tmp_path, db, capsys):
    out = tmp_path / "near.csv"
    code, stdout, _ = run(capsys, "export", "-o", str(out), "--near-pipeline", "Trans-Balkan",
                          "--within-km", "25", "--db", db)
    assert code == 0 and "2 incident(s)" in stdout
    near = pd.read_csv(out, encoding="utf-8-sig")
    assert set(near["incident_id"]) == {"seed-002-02", "seed-002-03"}
    assert (near["pipeline_distance_km"] < 25).all()
    code, _, stderr = run(capsys, "export", "-o", str(out), "--near-pipeline", "Nord Stream",
                          "--db", db)
    assert code == 2 and "No pipeline route named 'Nord Stream'" in stderr


def test_the_real_command_line(tmp_path, db):
    out = tmp_path / "cli.png"
    result = subprocess.run(
        [sys.executable, "-m", "geo", "snapshot", "-o", str(out), "--region", "black-sea",
         "--db", db], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert Image.open(io.BytesIO(out.read_bytes())).format == "PNG"
    bad = subprocess.run([sys.executable, "-m", "geo", "export", "-o", str(tmp_path / "x.csv"),
                          "--to", "tomorrow", "--db", db], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "--to 'tomorrow' is not a date" in bad.stderr


def test_export_by_operator_family_matches_the_app(tmp_path, db, capsys):
    out = tmp_path / "socar.csv"
    code, _, _ = run(capsys, "export", "-o", str(out), "--operator", "SOCAR", "--db", db)
    assert code == 0
    socar = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    # the same 8 claims the map shows for "SOCAR": own operator or linked site's, by family
    assert len(socar) == 8
    sites = dict(zip(socar["incident_id"], socar["site_name"], strict=True))
    assert sites["seed-002-01"] == "SOCAR oil depot (Odesa Oblast)"
    assert sites["seed-000-02"] == "Kremenchuk thermal power plant (CHP)"


def test_a_listed_value_keeps_a_comma_written_with_a_backslash():
    """'--operator "Naftogaz, JSC"' was two operators, neither of them known."""
    from geo.commands._view_options import _list

    assert _list(r"SOCAR,Naftogaz\, JSC", "--operator") == ("SOCAR", "Naftogaz, JSC")
    assert _list("SOCAR, Naftogaz", "--operator") == ("SOCAR", "Naftogaz")


@pytest.mark.parametrize("option", ["--category", "--operator", "--claim", "--layers"])
@pytest.mark.parametrize("verb, suffix", [("export", "csv"), ("snapshot", "png")])
def test_an_option_naming_nothing_is_refused_not_read_as_none_or_all(tmp_path, db, capsys,
                                                                      option, verb, suffix):
    """'--category ""' (an empty shell variable) exported no incident, and '--layers ,,'
    drew every layer, without a word."""
    out = tmp_path / f"x.{suffix}"
    for given in ("", " , ,"):
        code, _, stderr = run(capsys, verb, "-o", str(out), "--db", db, option, given)
        assert code == 2 and f"{option} '{given}' names nothing" in stderr, stderr
        assert not out.exists()
