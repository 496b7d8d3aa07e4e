"""The same rule broken by many rows is said once, with the row ranges, the count and the
first examples, in the preview, the command line and the rows-left-out download."""

from __future__ import annotations

import io

import pandas as pd

from geo.importing.problems import RowIssues, grouped_problems, row_ranges
from tests.support.cli import geo
from tests.support.files import TEST_DATA
from tests.support.imports import preview_bytes

VIIRS = TEST_DATA / "firms_viirs_nrt_silex.csv"


def broken_firms(rows: int = 307) -> bytes:
    """The real VIIRS rows repeated, every acq_time a clock time that is not one."""
    frame = pd.read_csv(VIIRS, dtype=str, keep_default_na=False)
    frame = pd.concat([frame] * (rows // len(frame) + 1)).head(rows)
    frame["acq_time"] = [f"{24 + i % 3}:{i % 60:02d}" for i in range(rows)]
    return frame.to_csv(index=False).encode()


def test_row_ranges_are_spans():
    assert row_ranges([1, 2, 3, 5, 9, 10]) == "1-3, 5, 9-10"
    assert row_ranges(list(range(1, 40, 2)), limit=3) == "1, 3, 5, ..."


def test_one_line_per_rule_with_ranges_count_and_examples(store):
    preview = preview_bytes(store, broken_firms(), "firms.csv")
    assert preview.counts()["rejected"] == 307 and len(preview.problems()) == 307
    assert preview.grouped_problems() == [
        "Rows 1-307 (307 rows): acq_time '24:00' is not a time of day (FIRMS writes it 140, "
        "0140 or 01:40, UTC); fix it (also row 2: '25:01'; row 3: '26:02'; row 4: '24:03'; "
        "...)"]


def test_different_rules_stay_apart_rejections_first():
    issues = RowIssues()
    issues.add("review", [9], ["date 2030-01-01 is in the future (today is 2025-09-01); "
                               "check the year"])
    issues.add("rejected", [3, 4, 7], ["latitude 95.2 is out of range (-90..90)"] * 3)
    issues.add("rejected", [5], ["place 'Xyzzy' was not found in the offline gazetteer"])
    assert grouped_problems(issues) == [
        "Rows 3-4, 7 (3 rows): latitude 95.2 is out of range (-90..90)",
        "Row 5: place 'Xyzzy' was not found in the offline gazetteer",
        "Row 9: date 2030-01-01 is in the future (today is 2025-09-01); check the year"]


def test_the_command_line_prints_the_rule_once(tmp_path):
    path = tmp_path / "firms.csv"
    path.write_bytes(broken_firms())
    done = geo("import", path, "--dry-run", db=tmp_path / "cli.sqlite")
    assert done.returncode == 1
    assert done.stdout.count("acq_time") == 1
    assert "Rows 1-307 (307 rows): acq_time '24:00' is not a time of day" in done.stdout


def test_the_download_still_has_every_row_with_its_own_reason(store):
    preview = preview_bytes(store, broken_firms(20), "firms.csv")
    table = pd.read_csv(io.BytesIO(preview.not_imported_csv()), dtype=str,
                        keep_default_na=False, encoding="utf-8-sig")
    assert len(table) == 20
    assert table.loc[1, "reason"].startswith("acq_time '25:01' is not a time of day")
