"""Online geocoding is opt-in: nothing reaches geopy (or the network) unless asked for."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from geo.geocoding.online import geocode_online
from geo.settings import PROJECT_ROOT


def test_the_offline_paths_never_import_geopy():
    code = ("import sys, geo.geocoding.online, geo.commands.geocode, geo.geocoding.geocoder; "
            "print('geopy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_nothing_is_sent_when_every_name_was_placed_offline():
    found = pd.DataFrame({"latitude": [45.3], "longitude": [28.4],
                          "geocode_status": ["exact"], "geocode_precision": ["town"],
                          "geocode_match": ["Orlivka"]})
    assert geocode_online(found, ["Orlivka"]) is found


def test_the_cli_flag_is_off_by_default():
    result = subprocess.run([sys.executable, "-m", "geo", "geocode", "--help"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert "--online" in result.stdout and "off by default" in result.stdout
