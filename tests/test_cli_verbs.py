"""`python -m geo`: every verb listed, and only the verb being run imported (issue 17: an
import does not pay for the snapshot's matplotlib and folium)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

from geo import commands
from geo.commands._cli import verb_modules
from geo.settings import DATA_DIR, PROJECT_ROOT
from geo.store.incident_store import IncidentStore
from tests.support.cli import geo
from tests.support.synthetic import synthetic_incidents

RUN_AND_LIST_MODULES = """
import sys
from geo.commands._cli import main
code = main(sys.argv[1:])
print("loaded:", " ".join(sorted(m for m in sys.modules if m.split(".")[0] in
      ("matplotlib", "folium", "pyogrio", "geo"))))
sys.exit(code)
"""


def loaded_by(*argv: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST_MODULES, *argv],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split("loaded:")[1].split())


def test_every_command_module_is_a_verb_listed_by_help():
    modules = sorted(i.name for i in pkgutil.iter_modules(commands.__path__)
                     if not i.name.startswith("_"))
    verbs = verb_modules()
    assert sorted(verbs.values()) == modules
    assert verbs["import"] == "import_cmd"
    listed = geo("--help")
    assert listed.returncode == 0
    for verb in verbs:
        assert verb in listed.stdout


def test_the_list_of_verbs_imports_no_verb_s_libraries():
    listing = """
import sys
from geo.commands._cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print("loaded:", " ".join(sorted(m for m in sys.modules if m.split(".")[0] in
      ("matplotlib", "folium", "pyogrio", "pandas", "geo"))))
"""
    done = subprocess.run([sys.executable, "-c", listing], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=120)
    listed, loaded = done.stdout.split("loaded:")
    assert "snapshot  Draw the map of a view to PNG, SVG or standalone HTML" in listed
    assert "claim     set an incident's claim status with who and why" in listed
    assert not {m for m in loaded.split() if m.split(".")[0] in ("matplotlib", "folium",
                                                                   "pyogrio", "pandas")}


def test_a_verb_imports_only_its_own_module():
    loaded = loaded_by("import", "--preset", "list")
    assert "geo.commands.import_cmd" in loaded
    assert not {"geo.commands.snapshot", "geo.commands.export", "geo.commands.batches"} \
        & loaded
    assert not {m for m in loaded if m.split(".")[0] in ("matplotlib", "folium", "pyogrio")}


def test_an_unknown_verb_names_the_choices():
    wrong = geo("imprt", "file.csv")
    assert wrong.returncode == 2
    assert "invalid choice: 'imprt'" in wrong.stderr and "'import'" in wrong.stderr


def test_an_import_of_rows_with_coordinates_does_not_load_the_geocoder(tmp_path):
    rows = tmp_path / "points.csv"
    rows.write_text("date,latitude,longitude,category\n2025-08-01,50.45,30.52,strike\n")
    loaded = loaded_by("import", str(rows), "--db", str(tmp_path / "store.sqlite"))
    assert "geo.commands.import_cmd" in loaded
    assert not {m for m in loaded if m.startswith("geo.geocoding.")} - {
        "geo.geocoding.normalize", "geo.geocoding.transliterate"}, loaded


def test_a_reader_that_stops_early_ends_the_command_without_a_traceback(tmp_path):
    """`python -m geo query | head -1`: the pipe closes while the command still prints."""
    db = tmp_path / "store.sqlite"
    IncidentStore.open(f"sqlite:///{db}", DATA_DIR).add_batch(
        "many", synthetic_incidents(3_000))
    command = subprocess.Popen(
        [sys.executable, "-m", "geo", "query", "--limit", "3000", "--db", str(db)],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert command.stdout.readline()
    command.stdout.close()  # as `head -1` does once it has its line
    stderr = command.stderr.read().decode()
    assert command.wait(timeout=120) == 1
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr
