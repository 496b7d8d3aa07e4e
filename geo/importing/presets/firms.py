"""NASA FIRMS active-fire exports: VIIRS 375 m (bright_ti4/bright_ti5), MODIS
(brightness/bright_t31) and Landsat 30 m (path/row, confidence H/M/L, satellite L8/L9, no frp),
NRT and standard (version '2.0NRT', '6.1NRT', '2.0URT', '2.0'...), archive downloads (with
`type`) and area/country API answers (with or without `instrument`).

The country download's `country_id` (ISO alpha-3) is the country; `version` (2.0NRT near
real time, 2 or 6.1 the standard archive) is kept in the description.

acq_time is read in every form it is found in: 45, 045, 0045 (HHMM as FIRMS writes it),
00:45 or 00:45:00 (after a spreadsheet); acq_date as 2025-08-08 or 08/08/2025. FIRMS's KML
and KMZ write each detection's fields as lines of its description (read as columns by
geo.importing.readers.description_fields): 'Detection Time' (2024-09-03 18:55 UTC, or a
'Detection Date' beside it), 'Sensor' (VIIRS NOAA-20, Landsat 8 OLI, ...), 'Day/Night',
and values with their units (5.3 MW, 0.39 km, 330.1 K). Detections
are stored as thermal detections, never as strikes (geo.importing.thermal). A detection's
identity is its satellite, overpass time and pixel (set in geo.importing.thermal once the
date is read), so a file overlapping an earlier one adds only the detections it lacks.

A detection is a pixel with a fire somewhere in it (VIIRS 375 m at nadir, MODIS 1 km, both
larger off nadir: `scan` x `track` km), not a located facility: its point is kept as given,
precision unknown, and geo_method gives the pixel's size.
"""

from __future__ import annotations

import pandas as pd

from geo.importing.presets.base import Preset, slug
from geo.schema import THERMAL_CATEGORY, UNKNOWN_PRECISION

CONFIDENCE = {"l": "low", "n": "nominal", "h": "high", "m": "medium",  # m: Landsat's
              "low": "low", "nominal": "nominal", "high": "high", "medium": "medium"}
# No level of the map is a pixel: 'site' is the facility itself, 'town' a town's centre. A
# detection's point is kept as given (precision unknown), its pixel's size in geo_method.
LANDSAT = "Landsat OLI"
NOMINAL_PIXEL = {"VIIRS": " (375 m at nadir, larger towards the scan's edge)",
                 "MODIS": " (1 km at nadir, larger towards the scan's edge)",
                 LANDSAT: " (30 m)"}
# FIRMS's satellite codes of the Landsat product: L8, L9 (its scan and track are the pixel's
# place in the scene, not a size in km)
LANDSAT_SATELLITE = r"(?i)^\s*(?:L\d{1,2}\s*$|landsat)|\bOLI\b"
UNITS = r"\s*(?:MW|km|K)\s*$"  # as FIRMS's KML writes FRP, scan/track and brightness
UNIT_FIELDS = ("frp", "scan", "track", "viirs_brightness", "modis_brightness")
DECIMAL_COMMA = r"^\s*(-?\d+),(\d+)\s*$"
# a date and its time in one value (a KML's 'Detection Time: 2024-09-03 18:55 UTC')
STAMP = r"^\s*(\S+(?:\s+[A-Za-z]{3}\s+\d{4})?)[ T](\d{1,2}:\d{2})(?::\d{2})?\s*(?:UTC|GMT|Z)?\s*$"
ZONE = r"\s*(?:UTC|GMT|Z)\s*$"
MAX_PIXEL_KM = 10.0  # MODIS's largest pixel, at the scan's edge, is 4.8 km
IN_THE_PIXEL = "; the fire is somewhere in it, not at a located site"
TYPES = {"0": "presumed vegetation fire", "1": "active volcano",
         "2": "other static land source", "3": "offshore"}


def hhmm(values: pd.Series) -> pd.Series:
    """'HH:MM' of a FIRMS acq_time in any of its forms; '' where it is not a time."""
    text = values.str.strip().str.replace(r"\.0+$", "", regex=True)
    colon = text.str.extract(r"^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$")
    digits = text.str.extract(r"^(\d{1,4})$")[0].str.zfill(4)
    hours = colon[0].str.zfill(2).where(colon[0].notna(), digits.str[:2])
    minutes = colon[1].where(colon[1].notna(), digits.str[2:])
    valid = (pd.to_numeric(hours, errors="coerce") < 24) \
        & (pd.to_numeric(minutes, errors="coerce") < 60)
    return (hours + ":" + minutes).where(valid, "").fillna("")


def pixel_method(instrument: pd.Series, scan: pd.Series, track: pd.Series) -> pd.Series:
    """How a detection is placed: the centre of its pixel, of the size FIRMS gives (scan x
    track, km) or else the instrument's size at nadir."""
    scan, track = (v.str.strip().str.replace(r"\.0+$", "", regex=True) for v in (scan, track))
    sizes = [pd.to_numeric(v, errors="coerce") for v in (scan, track)]
    sized = (instrument != LANDSAT) & sizes[0].gt(0) & sizes[1].gt(0) \
        & sizes[0].le(MAX_PIXEL_KM) & sizes[1].le(MAX_PIXEL_KM)
    named = instrument.where(instrument != "", "satellite")
    nominal = named.map(NOMINAL_PIXEL).fillna("")
    pixel = ("a " + scan + " km × " + track + " km " + named + " pixel (scan × track)").where(
        sized, "a " + named + " pixel" + nominal)
    return "NASA FIRMS detection: the centre of " + pixel + IN_THE_PIXEL


def instrument_of(frame: pd.DataFrame) -> pd.Series:
    """The file's instrument, or the one its brightness columns (VIIRS I-band, MODIS) or its
    satellite (Landsat's L8, L9) name."""
    given = frame["instrument"].str.strip()
    inferred = pd.Series("", index=frame.index, dtype=object)
    inferred = inferred.mask(frame["modis_brightness"] != "", "MODIS")
    inferred = inferred.mask(frame["viirs_brightness"] != "", "VIIRS")
    # a sensor named in words (a KML's 'Sensor: VIIRS NOAA-20') over its brightness's name
    sensor = frame["satellite"]
    inferred = inferred.mask(sensor.str.contains(r"(?i)\bMODIS\b"), "MODIS")
    inferred = inferred.mask(sensor.str.contains(r"(?i)\bVIIRS\b"), "VIIRS")
    inferred = inferred.mask(sensor.str.contains(LANDSAT_SATELLITE), LANDSAT)
    return given.where(given != "", inferred)


def _with_instrument(satellite: pd.Series, instrument: pd.Series) -> pd.Series:
    """'N20 VIIRS'; 'VIIRS NOAA-20' as a KML names its sensor, without the instrument again."""
    satellite = satellite.str.strip()
    named = pd.Series([bool(i) and i.split()[-1].lower() in s.lower()
                       for s, i in zip(satellite, instrument, strict=True)],
                      index=satellite.index, dtype=bool)
    return satellite.where(named, (satellite + " " + instrument).str.strip())


def _split_stamps(out: pd.DataFrame) -> None:
    """A date written with its time and no time column ('2024-09-03 18:55 UTC'): the day as
    the date, the time as acq_time; values without their units, with a decimal point."""
    stamp = out["date_start"].str.extract(STAMP)
    split = (stamp[0].notna() & (out["time"].str.strip() == "")).to_numpy(dtype=bool)
    out.loc[split, "date_start"] = stamp.loc[split, 0]
    out.loc[split, "time"] = stamp.loc[split, 1]
    out["time"] = out["time"].str.replace(ZONE, "", regex=True)
    for name in UNIT_FIELDS:
        # a decimal comma: a FIRMS CSV re-saved by a spreadsheet in most of Europe
        out[name] = out[name].str.replace(UNITS, "", regex=True).str.replace(
            DECIMAL_COMMA, r"\1.\2", regex=True)


def _firms(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    _split_stamps(out)
    out["acq_time"] = out["time"]  # as written, for geo.importing.thermal
    when = hhmm(out["time"])
    confidence = out["confidence"].str.strip()
    confidence = confidence.str.lower().map(CONFIDENCE).fillna(confidence)
    instrument = instrument_of(out)
    out["instrument"] = instrument
    kind = out["detection_type"].str.strip().str.replace(r"\.0+$", "", regex=True)
    written = out["version"].str.strip()
    version = (", version " + written).where(written != "", "")
    extra = (", FIRMS type " + kind + " (" + kind.map(TYPES).fillna("not a known type")
             + ")").where(kind != "", "")
    frp = out["frp"].str.strip()
    power = ("fire radiative power " + frp + " MW").where(
        frp != "", "no fire radiative power given")
    stated = (", confidence " + confidence).where(confidence != "", ", no confidence given")
    out["description"] = ("Thermal detection: " + power + stated
                          + ", satellite " + _with_instrument(out["satellite"], instrument)
                          + ", acquired " + when.where(when != "", out["time"]) + " UTC"
                          + version + extra)
    out["date_text"] = (out["date_start"].str.strip() + " " + when + " UTC").where(
        when != "", out["date_start"].str.strip())
    out["time"] = ""  # kept in date_text; the record's precision is the day
    out["subtype"] = slug(instrument)
    out["geo_precision"] = UNKNOWN_PRECISION
    out["geo_method"] = pixel_method(instrument, out["scan"], out["track"])
    out["source_name"] = "NASA FIRMS"
    out["source_url"] = out["source_url"].where(out["source_url"] != "",
                                                "https://firms.modaps.eosdis.nasa.gov/")
    out["claimant"] = "NASA FIRMS (satellite thermal sensor, not a claim of a strike)"
    out["date_precision"] = "day"
    return out


FIRMS = Preset(
    name="firms", label="NASA FIRMS fire detections",
    help="Satellite thermal detections (acq_date, acq_time in any form, frp, confidence, "
         "satellite; VIIRS, MODIS or Landsat, NRT or standard, archive or area download): "
         "stored as the 'Thermal detection' category, never as strikes. A detection is "
         "identified by its satellite, time and pixel: an overlapping file adds only new "
         "ones. Its point is the centre of a pixel (375 m VIIRS, 1 km MODIS, 30 m Landsat): "
         "precision unknown, never the site itself; the pixel's size is kept in how it was "
         "placed.",
    mapping={"date_start": ("acq_date", "detection_date", "detection_time"),
             "time": ("acq_time", "detection_time"), "latitude": ("latitude",),
             "longitude": ("longitude",), "confidence": ("confidence",), "frp": ("frp",),
             "satellite": ("satellite", "sensor"), "instrument": ("instrument",),
             "daynight": ("daynight", "day_night"), "detection_type": ("type",),
             "viirs_brightness": ("bright_ti4",),
             "modis_brightness": ("brightness",), "scan": ("scan",), "track": ("track",),
             "version": ("version",), "country": ("country_id",)},
    signature=(frozenset({"acq_date", "acq_time", "frp"}),
               frozenset({"acq_date", "acq_time", "bright_ti4"}),
               frozenset({"acq_date", "acq_time", "brightness"}),
               frozenset({"acq_date", "frp", "confidence"}),
               # Landsat: no frp and no brightness
               frozenset({"acq_date", "acq_time", "daynight"}),
               # FIRMS's KML/KMZ: the fields its descriptions list
               frozenset({"detection_time", "sensor", "confidence"})),
    extra_fields={"confidence": "Confidence", "frp": "Fire radiative power (MW)",
                  "satellite": "Satellite", "instrument": "Instrument",
                  "daynight": "Day or night pass (D/N)",
                  "detection_type": "Detection type (0-3, archive files)",
                  "viirs_brightness": "VIIRS brightness (bright_ti4, K)",
                  "modis_brightness": "MODIS brightness (brightness, K)",
                  "scan": "Pixel size along the scan (km)",
                  "track": "Pixel size along the track (km)",
                  "version": "Processing version (2.0NRT: near real time)"},
    transform=_firms, identity=True, id_prefix="firms-", day_first=False,
    fixed={"category": THERMAL_CATEGORY, "claim_status": "reported"},
)
