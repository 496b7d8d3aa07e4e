"""A cell just under the longest stored (100,000 characters) that is no latitude, category
or status: each problem quoted it whole, a message of 99,000 characters on the command line
and in the Import page's table for each such row. The value is quoted cut, with its
length."""

from __future__ import annotations

from geo.commands._cli import main

LONG = 99_000


def test_a_long_value_is_quoted_cut_with_its_length(tmp_path, capsys):
    path = tmp_path / "wide.csv"
    path.write_text("date,latitude,longitude,place,category,claim_status\n"
                    f"2025-08-01,{'x' * LONG},30,Kyiv,{'c' * LONG},{'s' * LONG}\n"
                    "2025-08-02,50.45,30.52,Kyiv,strike,reported\n", encoding="utf-8")
    code = main(["import", str(path), "--dry-run", "--db", str(tmp_path / "s.sqlite")])
    out = capsys.readouterr().out
    assert code == 0 and "1 would be added" in out and "rejected: 1" in out, out[:2000]
    problems = [line for line in out.splitlines() if line.strip().startswith("Row 1:")]
    assert len(problems) == 3 and all(len(line) < 400 for line in problems), problems
    assert f"latitude '{'x' * 80}…' (99,000 characters) is not a number" in out
    assert f"category '{'c' * 80}…' (99,000 characters) is not known" in out


def test_a_column_named_in_100000_characters_is_named_cut_in_notes_and_errors(tmp_path,
                                                                              capsys):
    """The note of the columns not read, and the error of a file without a date, listed
    the name whole: 100 KB of output for one column."""
    from geo.commands._cli import main

    unread, undated = tmp_path / "unread.csv", tmp_path / "undated.csv"
    unread.write_text("date,lat,lon," + "k" * 100_000 + "\n2025-08-01,50.4,30.5,v\n",
                      encoding="utf-8")
    undated.write_text("lat,lon," + "k" * 100_000 + "\n50.4,30.5,v\n", encoding="utf-8")
    for path, code in ((unread, 0), (undated, 2)):
        assert main(["import", str(path), "--dry-run", "--db", str(tmp_path / "s.db")]) == code
        captured = capsys.readouterr()
        said = captured.out + captured.err
        assert len(said) < 3_000 and "(100,000 characters)" in said, said[:500]
