"""A file whose latitude and longitude columns are swapped, where both orders are valid
numbers: Ukrainian points land in Iran, Iraq and Saudi Arabia. They were stored without a
word; each is held for review with its values, where they fall and what to do."""

from __future__ import annotations

from geo.commands._cli import main

HEADER = "date,latitude,longitude,place,country,description\n"
KYIV, KHARKIV, ODESA, LVIV = (50.4501, 30.5234), (49.9935, 36.2304), (46.4825, 30.7233), \
    (49.8397, 24.0297)


def rows(*points, country: str = "", swapped: bool = False) -> str:
    return HEADER + "".join(
        f"2025-08-0{n},{b if swapped else a},{a if swapped else b},place {n},{country},strike\n"
        for n, (a, b) in enumerate(points, start=1))


def imported(tmp_path, capsys, text: str, *options: str) -> tuple[int, str]:
    path = tmp_path / "strikes.csv"
    path.write_text(text, encoding="utf-8")
    code = main(["import", str(path), "--db", str(tmp_path / "store.sqlite"), *options])
    out, err = capsys.readouterr()
    return code, out + err


def test_a_file_with_its_columns_swapped_is_held_and_said(tmp_path, capsys):
    code, said = imported(tmp_path, capsys, rows(KYIV, KHARKIV, ODESA, LVIV, swapped=True))
    assert code == 1, said
    assert "held for review, not imported: 4" in said, said
    assert "latitude 36.2304 and longitude 49.9935 put the point in Iran" in said, said
    assert "swapped they put it in Ukraine" in said and "--swap-coordinates" in said, said
    assert "--include-review" in said


def test_the_swap_option_imports_the_same_file(tmp_path, capsys):
    code, said = imported(tmp_path, capsys, rows(KYIV, KHARKIV, ODESA, LVIV, swapped=True),
                          "--swap-coordinates")
    assert code == 0 and "4 added" in said, said


def test_one_swapped_row_among_right_ones_is_held_alone(tmp_path, capsys):
    text = rows(KYIV, KHARKIV, LVIV) + "2025-08-04,30.7233,46.4825,place 4,,strike\n"
    code, said = imported(tmp_path, capsys, text)
    assert code == 0 and "3 added" in said and "held for review, not imported: 1" in said
    assert "Row 4: latitude 30.7233 and longitude 46.4825" in said, said


def test_the_rows_country_column_says_where_a_point_belongs(tmp_path, capsys):
    code, said = imported(tmp_path, capsys, rows(KYIV, country="Ukraine", swapped=True))
    assert code == 1 and "Ukraine, the row's country" in said, said


def test_a_file_about_iran_is_not_taken_for_a_swapped_one(tmp_path, capsys):
    code, said = imported(tmp_path, capsys, rows((32.65, 51.67), (35.69, 51.39), (29.59, 52.58)))
    assert code == 0 and "3 added" in said and "swapped" not in said, said


def test_a_right_ukrainian_file_is_untouched(tmp_path, capsys):
    code, said = imported(tmp_path, capsys, rows(KYIV, KHARKIV, ODESA, LVIV))
    assert code == 0 and "4 added" in said and "swapped" not in said, said


def test_the_import_page_holds_swapped_points_for_review_with_the_reason(new_app):
    from tests.support.import_page import button, metrics, uploaded

    page = new_app("import_page", timeout=120).run()
    uploaded(page, rows(KYIV, KHARKIV, ODESA, LVIV, swapped=True).encode(), "strikes.csv")
    assert metrics(page)["Needs review"] == "4"
    table = page.dataframe[0].value
    assert "swapped they put it in Ukraine" in table["Why"].iat[1], table["Why"].iat[1]
    assert "'Swap lat/lon'" in table["Why"].iat[1] and "'Import rows to check'" in \
        table["Why"].iat[1]
    next(t for t in page.toggle if t.label == "Swap lat/lon").set_value(True)
    button(page, "Check the file with these settings").click().run()
    assert not page.exception and metrics(page)["New"] == "4", metrics(page)
