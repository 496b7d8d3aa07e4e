"""Hostile stored and typed text in what leaves the app (issue 18, second round): snapshots
(PNG, SVG), the KML export, the popups and the canvas labels, and the marks for characters
that hide or reorder text."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from geo.commands._cli import main
from geo.errors import InputFileError
from geo.importing.readers.dispatch import read_file
from geo.render.canvas_points import layer_spec
from geo.render.popups import popup_html
from geo.settings import DATA_DIR
from geo.sharing.exports import export_bytes
from geo.sharing.output import write_whole
from geo.store.incident_store import IncidentStore
from geo.visible import safe_link, visible
from layers import infrastructure
from layers.base import PopupSpec
from tests.support.hostile import hostile_store, incidents

MATH = r"cost $\foo{ and $x^2$ at $"
CONTROL = "a\x01b \x1b[31m \ufffe\uffff \u202eexe"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("hostile") / "hostile.sqlite"
    hostile_store(path)
    with sqlite3.connect(path) as db:  # a site drawn with its name on every snapshot
        db.execute("UPDATE sites SET name = ? WHERE name LIKE 'Kremenchuk%refinery%'",
                   [MATH + " " + CONTROL])
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
    return str(path)


def svg_text(path) -> str:
    return " ".join(e.text for e in ET.parse(path).getroot().iter() if e.text)


@pytest.mark.parametrize("title", [MATH, CONTROL])
def test_a_snapshot_draws_any_title_and_name_as_written(tmp_path, capsys, hostile_db, title):
    """matplotlib read '$...$' as mathtext (a traceback for '$\\foo$'), and wrote control
    characters into the SVG, which no XML reader then opens."""
    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    for out in (png, svg):
        code, _, err = run(capsys, "snapshot", "-o", str(out), "--title", title,
                           "--region", "story", "--db", hostile_db)
        assert code == 0, err
    assert Image.open(png).info["Title"] == visible(title, one_line=True)
    text = svg_text(svg)  # parses: the SVG is well-formed XML
    assert visible(title) in text
    assert visible(MATH + " " + CONTROL) in text  # the site's label, as written
    assert "\x01" not in svg.read_text(encoding="utf-8")


def test_kml_names_and_descriptions_are_escaped_html_that_reads_back_as_written():
    """Google Earth shows a placemark's name and description as HTML (its balloon): stored
    markup there would run."""
    frame = incidents()
    data = export_bytes(frame, "kml")
    root = ET.fromstring(data)
    names = [e.text or "" for e in root.iter("{http://www.opengis.net/kml/2.2}name")]
    descriptions = [e.text or "" for e in
                    root.iter("{http://www.opengis.net/kml/2.2}description")]
    assert len(descriptions) == len(frame)
    for text in names + descriptions:
        assert "<" not in text and ">" not in text, text[:80]
    assert any("&lt;script&gt;" in text for text in descriptions)
    back = read_file(data, "export.kml").frame  # the project's reader decodes the HTML
    hostile = frame.loc[frame["incident_id"] == "hostile-01"].iloc[0]
    row = back.loc[back["incident_id"] == "hostile-01"].iloc[0]
    assert hostile["description"] in row["description"]


def test_popups_show_hidden_characters_as_marks_and_link_only_clean_addresses():
    spec = PopupSpec(title_column="place", fields=(("Source", "source_name"),),
                     link_column="source_url", link_label="source")
    html = popup_html({"place": "evil\u202eexe.txt", "source_name": "a\u200fb\x00",
                       "source_url": "https://news.example/\u202egpj.exe"}, spec)
    assert "\u202e" not in html and "\u200f" not in html and "\x00" not in html
    assert "evil‹U+202E›exe.txt" in html and "a‹U+200F›b‹U+0000›" in html
    assert "href" not in html and "source: https://news.example/‹U+202E›gpj.exe" in html
    linked = popup_html({"place": "x", "source_url": "https://news.example/a"}, spec)
    assert "href='https://news.example/a'" in linked


@pytest.mark.parametrize("url", ["https://news.example/\u202egpj.exe", "https://a.example/ b",
                                 "https://a.example/\u200ex", "http://a.example/\U000e0041"])
def test_no_address_with_a_hidden_character_or_a_space_is_a_link(url):
    assert safe_link(url) is None


def test_bidi_marks_tag_characters_and_noncharacters_show_as_marks():
    assert visible("a\u200eb\u200fc\u061cd") == "a‹U+200E›b‹U+200F›c‹U+061C›d"
    assert visible("pay\U000e0041\U000e0042") == "pay‹U+E0041›‹U+E0042›"
    assert visible("\ufffe\uffff\u3164") == "‹U+FFFE›‹U+FFFF›‹U+3164›"
    # joiners and variation selectors are left: scripts and emoji need them
    assert visible("\u0645\u200c\u0646 \U0001f3f3\ufe0f\u200d\U0001f308") == \
        "\u0645\u200c\u0646 \U0001f3f3\ufe0f\u200d\U0001f308"
    assert visible("one\u2028two\u2029three", one_line=True) == "one two three"


def test_canvas_labels_show_hidden_characters_as_marks(tmp_path):
    store = IncidentStore.open(f"sqlite:///{tmp_path / 'x.sqlite'}", DATA_DIR)
    sites = store.sites_frame()
    named = sites.index[~sites["site_id"].str.startswith(infrastructure.CONTEXT_PREFIX)][0]
    sites.loc[named, "name"] = "depot\u202eexe"
    labels = layer_spec(infrastructure.build(sites), None)["labels"]
    assert "depot‹U+202E›exe" in labels.values()
    assert not any("\u202e" in label for label in labels.values())


@pytest.mark.parametrize("verb", ["export", "snapshot", "query", "geocode", "parse"])
def test_a_command_writing_to_a_folder_or_nowhere_says_so(tmp_path, capsys, hostile_db, verb):
    """`query -o FOLDER` was a traceback (IsADirectoryError); `geocode -o` into a missing
    folder said "Cannot write '...': None"."""
    source = tmp_path / "in.csv"
    source.write_text("place,country\nOdesa,UA\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("A drone struck the Odesa oil depot on 8 August 2025.\n",
                       encoding="utf-8")
    first = {"export": [], "snapshot": [], "query": [], "geocode": [str(source)],
             "parse": [str(article)]}[verb]
    db = [] if verb in ("geocode", "parse") else ["--db", hostile_db]
    suffix = ".png" if verb == "snapshot" else ".csv"
    folder = tmp_path / f"folder{suffix}"  # a folder named as a file of the format
    folder.mkdir()
    for target, said in ((folder, "it is a folder"),
                         (tmp_path / "missing" / f"out{suffix}", "No such file or directory")):
        code, _, err = run(capsys, verb, *first, "-o", str(target), *db)
        assert code == 2 and "Traceback" not in err, err
        assert str(target) in err and "None" not in err, err
        if verb != "query":  # query checks the folder before it reads the store
            assert said in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", folder.name, "in.csv"]
    assert list(folder.iterdir()) == []


def test_a_write_that_fails_half_way_leaves_the_file_that_was_there(tmp_path, monkeypatch,
                                                                     capsys, hostile_db):
    """A full disk while writing an export: the previous export stays whole, no part file
    is left (the bytes were written in place, so a failure left half a file)."""
    out = tmp_path / "view.csv"
    out.write_bytes(b"the export of yesterday\n")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("geo.sharing.output.os.fsync", full_disk)
    code, _, err = run(capsys, "export", "-o", str(out), "--db", hostile_db)
    assert code == 2 and "No space left on device" in err and str(out) in err
    assert out.read_bytes() == b"the export of yesterday\n"
    assert [p.name for p in tmp_path.iterdir()] == ["view.csv"]


def test_query_refuses_a_negative_limit(capsys, hostile_db):
    code, _, err = run(capsys, "query", "--limit", "-5", "--db", hostile_db)
    assert code == 2 and "--limit -5" in err


def test_a_file_written_whole_has_the_mode_a_plain_write_gives(tmp_path):
    plain, whole = tmp_path / "plain.csv", tmp_path / "whole.csv"
    plain.write_bytes(b"x")
    write_whole(whole, b"x")
    assert whole.stat().st_mode == plain.stat().st_mode
    plain.chmod(0o640)
    write_whole(plain, b"y")
    assert plain.stat().st_mode & 0o777 == 0o640 and plain.read_bytes() == b"y"


def test_an_empty_db_option_is_refused_not_read_as_the_default_store(tmp_path, capsys,
                                                                       monkeypatch):
    """`--db "$DB"` with DB unset imported into the default store."""
    default = tmp_path / "default.sqlite"
    monkeypatch.setenv("INCIDENT_MAP_DB", str(default))
    source = tmp_path / "in.csv"
    source.write_text("date,latitude,longitude,place\n2025-08-01,46.1,30.2,Odesa\n",
                      encoding="utf-8")
    code, _, err = run(capsys, "import", str(source), "--db", " ", "--by", "Ana")
    assert code == 2 and "--db is empty" in err
    assert not default.exists()
    code, _, err = run(capsys, "batches", "--db", str(tmp_path / "missing" / "x.sqlite"))
    assert code == 2 and "--db: the folder of" in err


@pytest.mark.parametrize("member, said", [
    ({"type": "Point", "coordinates": [30.2, 46.1]}, "an object of type 'Point', not a Feature"),
    ("hello", "a string, not a Feature"), (None, "null, not a Feature"),
    ({"type": "Feature", "geometry": "POINT (30 46)", "properties": {}}, "geometry that is a"),
    ({"type": "Feature", "geometry": None, "properties": [1, 2]}, "properties that are a list"),
])
def test_a_geojson_member_that_is_not_a_feature_is_named_not_dropped_or_a_traceback(member,
                                                                                       said):
    """A bare geometry among the features was dropped without a word; a string, null or a
    list of properties stopped the reader with a traceback."""
    good = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.2, 46.1]},
            "properties": {"date": "2025-08-01"}}
    data = json.dumps({"type": "FeatureCollection", "features": [good, member]}).encode()
    with pytest.raises(InputFileError, match="feature 2 of 2") as error:
        read_file(data, "events.geojson")
    assert said in str(error.value)
    umap = json.dumps({"type": "umap", "properties": {"name": "m"}, "geometry": {
        "type": "Point", "coordinates": [30, 46]}, "layers": [
        {"type": "FeatureCollection", "features": [good, member], "_umap_options": {}}]})
    with pytest.raises(InputFileError, match="feature 2 of 2"):
        read_file(umap.encode(), "map.umap")


def test_the_html_snapshot_shows_a_hidden_character_of_its_title_as_a_mark(tmp_path, capsys,
                                                                             hostile_db):
    out = tmp_path / "map.html"
    code, _, err = run(capsys, "snapshot", "-o", str(out), "--title", CONTROL,
                       "--db", hostile_db)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    for hidden in ("\u202e", "\x1b", "\\u202e", "\\u001b"):
        assert hidden not in html, repr(hidden)
    assert "<title>a‹U+0001›b ‹U+001B›[31m ‹U+FFFE›‹U+FFFF› ‹U+202E›exe" in html


@pytest.mark.parametrize("pair, said", [
    ("nosuchfield=place", "mapped to 'nosuchfield', which this import does not read (no such "
                          "field)"),
    ("date=date", "mapped to 'date', which this import does not read"),
])
def test_a_map_option_naming_no_field_is_refused_not_ignored(tmp_path, capsys, pair, said):
    """`--map nosuchfield=place` imported as if it were not given."""
    source = tmp_path / "in.csv"
    source.write_text("date,latitude,longitude,place\n2025-08-01,46.1,30.2,Odesa\n",
                      encoding="utf-8")
    code, _, err = run(capsys, "import", str(source), "--map", pair, "--dry-run", "--by", "Ana",
                       "--db", str(tmp_path / "x.sqlite"))
    assert code == 2 and said in err and "date_start, date_end" in err


def test_an_unknown_preferred_country_is_refused_as_the_geocode_command_refuses_it(tmp_path,
                                                                                    capsys):
    """`import --country ZZZ` preferred nothing without a word (`geocode --country ZZZ`
    refused it)."""
    source = tmp_path / "in.csv"
    source.write_text("date,place\n2025-08-01,Odesa\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(source), "--country", "ZZZ", "--dry-run", "--by",
                       "Ana", "--db", str(tmp_path / "x.sqlite"))
    assert code == 2 and "Unknown country 'ZZZ'" in err
    code, out, _ = run(capsys, "import", str(source), "--country", "Ukraine", "--dry-run",
                       "--by", "Ana", "--db", str(tmp_path / "x.sqlite"))
    assert code == 0 and "1 would be added" in out


def test_no_file_name_or_value_can_pass_for_a_line_of_the_import_summary(tmp_path, capsys):
    """A file name or a cell holding a line break printed the rest of it as a line of its
    own: 'FAKE 2026-01-01 evil.csv: 1 added' under a name that said nothing of it."""
    source = tmp_path / "report\n  rejected: 0\nOK.csv"
    source.write_text('date,place\n2025-08-01,"Nowhere\nRow 2: fine"\n', encoding="utf-8")
    code, out, _ = run(capsys, "import", str(source), "--dry-run", "--by", "Ana",
                       "--db", str(tmp_path / "x.sqlite"))
    assert code == 1
    assert "report‹U+000A›  rejected: 0‹U+000A›OK.csv: 0 would be added" in out
    assert "place 'Nowhere‹U+000A›Row 2: fine' was not found" in out
    assert "\nOK.csv" not in out and "\nRow 2: fine" not in out


def test_an_article_s_file_name_cannot_pass_for_a_line_of_the_parse_report(tmp_path, capsys):
    article = tmp_path / "art\nother.txt: 9 proposal(s).txt"
    article.write_text("A drone struck the Odesa oil depot on 8 August 2025.\n",
                       encoding="utf-8")
    code, _, err = run(capsys, "parse", str(article), "-o", str(tmp_path / "out.csv"))
    assert code == 0 and "art‹U+000A›other.txt: 9 proposal(s).txt: 1 proposal(s)" in err


@pytest.mark.parametrize("uploaded, stem", [
    ("report.csv", "report"), ("invoice\u202ecod.exe.csv", "invoice‹U+202E›cod.exe"),
    ("../../etc/passwd.csv", "_.._etc_passwd"), ("a\nb.csv", "a b"),
    ('<img src="x">.csv', "_img src=_x__"), ("..csv", "import"),
])
def test_the_rows_left_out_download_under_a_name_that_shows_what_it_is(uploaded, stem):
    """'invoice\\u202ecod.exe.csv' was offered as 'invoice\\u202ecod.exe-not-imported.csv',
    which a file manager shows as '...vsc.detropmi-ton-exe.doc'."""
    from geo.ui.import_preview_panel import download_stem

    assert download_stem(uploaded) == stem


@pytest.mark.parametrize("verb", ["import", "geocode"])
def test_a_device_or_a_folder_given_as_the_file_is_refused_by_what_it_is(tmp_path, capsys,
                                                                        verb):
    """`geocode /dev/zero` read forever, filling the memory; a folder was 'No such file'."""
    out = ["--dry-run", "--by", "Ana", "--db", str(tmp_path / "x.sqlite")] \
        if verb == "import" else ["-o", str(tmp_path / "out.csv")]
    for given, said in (("/dev/zero", "is not a regular file (a device or a pipe)"),
                        (str(tmp_path), "is a folder")):
        code, _, err = run(capsys, verb, given, *out)
        assert code == 2 and f"'{given}' {said}" in err, err


def test_no_more_than_the_limit_is_read_whatever_size_the_file_states(tmp_path):
    from geo.importing.readers.table import read_path

    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 2_000)
    with pytest.raises(InputFileError, match="over the 1000 bytes limit"):
        read_path(big, max_bytes=1_000)
    assert read_path(big, max_bytes=2_000) == b"x" * 2_000


def test_kml_balloons_show_only_the_escaped_name_and_description():
    """Google Earth's default balloon lays out every ExtendedData value (kept exactly as
    stored, '<script>' and all) as HTML: each placemark takes a balloon of its own."""
    data = export_bytes(incidents(), "kml")
    root = ET.fromstring(data)
    kml = "{http://www.opengis.net/kml/2.2}"
    assert [e.text for e in root.iter(f"{kml}text")] == ["<b>$[name]</b><br/>$[description]"]
    placemarks = list(root.iter(f"{kml}Placemark"))
    assert [p.find(f"{kml}styleUrl").text for p in placemarks] == \
        ["#incident-balloon"] * len(placemarks)
    data_values = [e.text for e in root.iter(f"{kml}SimpleData") if e.text]
    assert any("<script>" in value for value in data_values)  # the record, as stored


def test_a_cell_longer_than_any_account_of_an_incident_refuses_its_row(tmp_path, capsys):
    """A 1 MB description was stored, and carried by every popup, table and export."""
    source = tmp_path / "long.csv"
    source.write_text("date,latitude,longitude,description\n"
                      f"2025-08-01,46.1,30.2,{'x' * 1_000_000}\n"
                      f"2025-08-02,46.2,30.3,{'y' * 100_000}\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(source), "--by", "Ana",
                       "--db", str(tmp_path / "x.sqlite"))
    assert code == 0 and ": 1 added" in out and "rejected: 1" in out
    assert "Row 1: description is 1,000,000 characters long; at most 100,000 are stored" in out


def test_a_workbook_formula_without_a_value_refuses_its_row_not_read_as_empty(tmp_path):
    """A workbook a script wrote holds formulas and no values: GDAL reads such a cell as
    empty, so a latitude or a description was lost without a word."""
    import zipfile

    def cell(ref, text):
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/package/2006/relationships"
    rows = ('<row r="1">' + "".join(cell(f"{c}1", h) for c, h in zip(
        "ABCD", ("date", "latitude", "longitude", "description"), strict=True)) + "</row>"
            '<row r="2">' + cell("A2", "2025-08-01") + '<c r="B2"><f>46+0.1</f></c>'
            '<c r="C2"><v>30.2</v></c>' + cell("D2", "kept") + "</row>"
            '<row r="3">' + cell("A3", "2025-08-02") + '<c r="B3"><v>46.2</v></c>'
            '<c r="C3"><v>30.3</v></c><c r="D3" t="str"><f>IF(1,"","x")</f><v></v></c></row>')
    path = tmp_path / "script.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets'
            '/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            f'<Relationships xmlns="{relations}"><Relationship Id="rId1" Type="http://schemas'
            '.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            f'<workbook xmlns="{main}" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="Events" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            f'<Relationships xmlns="{relations}"><Relationship Id="rId1" Type="http://schemas'
            '.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'))
        archive.writestr("xl/worksheets/sheet1.xml",
                         f'<worksheet xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>')
    table = read_file(path.read_bytes(), path.name)
    assert table.row_problems == {2: [
        "Row 2: cell B2 holds a formula (=46+0.1) the workbook keeps no value of; open and "
        "save the file in Excel or LibreOffice (they work it out), or type the value"]}


@pytest.mark.parametrize("argv", [
    ("batches", "--db", "{tmp}/no\nsuch/x.db"),
    ("import", "{tmp}/no\nsuch.csv", "--db", "{tmp}/s.sqlite"),
    ("export", "-o", "{tmp}/no\nsuch/x.csv", "--db", "{tmp}/s.sqlite"),
])
def test_a_line_break_in_a_path_shows_as_a_mark_in_the_one_line_error(tmp_path, capsys, argv):
    """The error's one line joined its lines with '; ': '/tmp/no\\nsuch/x.db' was named
    '/tmp/no; such/x.db', a path that is not the one given."""
    code, _, err = run(capsys, *(a.format(tmp=tmp_path) for a in argv))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert f"{tmp_path}/no‹U+000A›such" in err, err


@pytest.mark.parametrize("db, said", [
    ("/dev/null", "--db: '/dev/null' is a device, not a database file"),
    ("sqlite:///:memory:", "--db: 'sqlite:///:memory:' is a database in memory"),
    ("sqlite://", "--db: 'sqlite://' is a database in memory"),
    ("sqlite:///file:x?mode=memory&uri=true", "is a database in memory"),
])
def test_a_db_that_keeps_nothing_is_refused_by_what_it_is(tmp_path, capsys, db, said):
    """`import --db /dev/null` said 'disk I/O error: check the disk'; an import into
    sqlite:///:memory: said it added its rows, and they were gone when it ended."""
    source = tmp_path / "in.csv"
    source.write_text("date,latitude,longitude,place\n2025-08-01,46.1,30.2,Odesa\n",
                      encoding="utf-8")
    code, out, err = run(capsys, "import", str(source), "--db", db, "--by", "Ana")
    assert code == 2 and said in err and "added" not in out, err


@pytest.mark.parametrize("options, said", [
    (("--near-pipeline", "Trans-Balkan", "--within-km", "1e309"),
     "--within-km 1e309 is not a distance over 0 and at most 500 km"),
    (("--within-km", "abc"), "--within-km abc is not a distance over 0 and at most 500 km"),
    (("--bbox", "30,46,1e309,47"), "Bounding box '30,46,1e309,47' is not four finite numbers"),
    (("--bbox", "nan,46,31,47"), "Bounding box 'nan,46,31,47' is not four finite numbers"),
])
def test_a_number_no_float_holds_is_named_as_given(tmp_path, capsys, hostile_db, options,
                                                   said):
    """'--within-km 1e309' was named 'inf', '--bbox nan,...' '(nan, 46.0, ...)'."""
    code, _, err = run(capsys, "export", "-o", str(tmp_path / "x.csv"), "--db", hostile_db,
                       *options)
    assert code == 2 and said in err, err
