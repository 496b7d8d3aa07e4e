"""Rebuild the trimmed real-format samples of tests/data from their public origins.

Run from the project root with the origin repositories checked out as bare mirrors (the
paths below); every sample keeps its records verbatim, only fewer of them. Origins,
commits and licences are in tests/data/README.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent
MIRRORS = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror")
UCDP = Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/data/eval/ucdp_ged_ukraine_v22_1.csv")


def show(repo: str, commit: str, path: str) -> bytes:
    return subprocess.run(["git", "-C", str(MIRRORS / repo / "repo"), "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout


def firms_modis_json() -> None:
    records = json.loads(show("hingfirewatch+P3I-HING", "307aba122b322f78591a954e8030ca1938e0dbf7",
                              "data/FIRMS/VIIRS/DL_FIRE_M-C61_628466/fire_nrt_M-C61_628466.json"))
    (OUT / "firms_modis_nrt_hawaii_team.json").write_text(json.dumps(records[:40], indent=1))


def firms_modis_geojson() -> None:
    text = show("jowelch+Sumatra_Fires_Heatmap", "ef6690de8c33b065cf722a35f4d23c8695b1db46",
                "Fires_Data.js").decode("utf-8")
    document = json.loads(text[text.index("{"):text.rindex("}") + 1])
    document["features"] = document["features"][:25]
    (OUT / "firms_modis_sumatra.geojson").write_text(json.dumps(document, indent=1))


def firms_viirs_csv() -> None:
    readme = show("3dfirelab+hsVIIRS", "520e233d1ea545f2ffedbf44c5bce902c6f68863",
                  "README.md").decode("utf-8")
    block = readme[readme.index("latitude,longitude,bright_ti4"):]
    lines = block[:block.index("```")].strip().splitlines()
    (OUT / "firms_viirs_nrt_silex.csv").write_text("\n".join(lines) + "\n")
    # The same rows as a spreadsheet shows them once opened and saved: acq_time as a
    # clock time, acq_date month-first (derived here; said so in the README).
    header, *rows = [line.split(",") for line in lines]
    at_time, at_date = header.index("acq_time"), header.index("acq_date")
    excel = [",".join(header)]
    for row in rows:
        hhmm = row[at_time].zfill(4)
        year, month, day = row[at_date].split("-")
        row[at_time] = f"{hhmm[:2]}:{hhmm[2:]}:00"
        row[at_date] = f"{month}/{day}/{year}"
        excel.append(",".join(row))
    (OUT / "firms_viirs_nrt_silex_excel.csv").write_text("\n".join(excel) + "\n")


def timemap_json() -> None:
    text = show("visual-svelte+website", "7cf036ae5425cb75a8b861f11f3a670db24ac6f0",
                "src/data/ukraine.js").decode("utf-8")
    starts = [m.start() for m in re.finditer(r"\n  \{\n    id:", text)]
    text = text[:starts[14]].rstrip().rstrip(",") + "\n]"  # the first 14 events
    quoted = re.sub(r"^(\s*)([A-Za-z_]+):", r'\1"\2":', text, flags=re.MULTILINE)
    quoted = re.sub(r"\{ ([a-z]+):", r'{ "\1":', quoted)
    quoted = re.sub(r", ([a-z]+):", r', "\1":', quoted)
    quoted = re.sub(r",(\s*[\]}])", r"\1", quoted)
    events = json.loads(quoted[quoted.index("["):quoted.rindex("]") + 1])
    (OUT / "timemap_bellingcat_civharm.json").write_text(
        json.dumps(events, indent=1, ensure_ascii=False), encoding="utf-8")


def timemap_xlsx() -> None:
    data = show("forensic-architecture+datasheet-server",
                "18b20356b5826541e2727216c27bc6b98642d540", "data/timemap_data.xlsx")
    (OUT / "timemap_datasheet_server.xlsx").write_bytes(data)


def ucdp_csv() -> None:
    """The header, the first 20 records of the eval file and the first record of every other
    where_prec and date_prec pair it has, in cp1252 with CRLF as it is (values as written,
    quoted by the csv module)."""
    text = UCDP.read_bytes().decode("cp1252")
    header, *records = csv.reader(io.StringIO(text, newline=""))
    where, when = header.index("where_prec"), header.index("date_prec")
    chosen, seen = [], set()
    for position, record in enumerate(records):
        key = (record[where], record[when])
        if key not in seen or position < 20:
            seen.add(key)
            chosen.append(record)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([header, *chosen])
    (OUT / "ucdp_ged_ukraine_export_sample.csv").write_bytes(out.getvalue().encode("cp1252"))


def firms_modis_shapefile() -> None:
    """The first 25 features of a real FIRMS MODIS C6 shapefile download (the ZIP of .shp,
    .shx, .dbf, .prj, .cpg), written again as a zipped shapefile by GDAL: same fields and
    values, fewer features."""
    import tempfile
    import zipfile

    import pyogrio

    data = show("johncel+pca_and_regression_splines", "e21ff009861d6e526f2b2e52c9ffa47f5714bfda",
                "data/MODIS_C6_Global_24h.zip")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source.zip"
        source.write_bytes(data)
        meta, table = pyogrio.read_arrow(f"/vsizip/{source}", max_features=25)
        layer = Path(folder) / "out" / "MODIS_C6_Global_24h.shp"
        layer.parent.mkdir()
        pyogrio.write_arrow(table, layer, driver="ESRI Shapefile", encoding="UTF-8",
                            geometry_name=meta["geometry_name"] or "wkb_geometry",
                            geometry_type=meta["geometry_type"], crs=meta["crs"])
        with zipfile.ZipFile(OUT / "firms_modis_c6_global_24h_shapefile.zip", "w",
                             zipfile.ZIP_DEFLATED) as archive:
            for part in sorted(layer.parent.iterdir()):
                archive.write(part, part.name)


def ucdp_geojson() -> None:
    """The first 3 features of UCDP GED v23.1's Central African Republic GeoJSON and the
    first feature of every other where_prec and date_prec pair it has (verbatim)."""
    document = json.loads(show("optgeo+ucdp-23.1-482", "b0d1d425a4bc3db44f56ad068295472a70fa8ded",
                               "GEDEvent_v23_1.geojson"))
    chosen, seen = [], set()
    for position, feature in enumerate(document["features"]):
        key = (feature["properties"]["where_prec"], feature["properties"]["date_prec"])
        if key not in seen or position < 3:
            seen.add(key)
            chosen.append(feature)
    document["features"] = chosen
    (OUT / "ucdp_ged_v23_1_car_sample.geojson").write_text(
        json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")


def firms_modis_archive_csv() -> None:
    """The first 10 detections and the first of every other (month, satellite, type) of a
    FIRMS MODIS C6 standard-archive CSV (Australia, August-September 2019)."""
    lines = show("STAT547-UBC-2019-20+Group10", "bd0fdda26d82f3a2cab185e51b63f4011a0dcae4",
                 "data/fire_archive_M6_96619.csv").decode("utf-8").splitlines()
    header, body = lines[0], lines[1:]
    kept, seen = [], set()
    for index, line in enumerate(body):
        cells = line.split(",")
        key = (cells[5][:7], cells[7], cells[14])
        if index < 10 or key not in seen:
            kept.append(line)
        seen.add(key)
    (OUT / "firms_modis_archive_m6_australia.csv").write_text("\n".join([header, *kept]) + "\n")


def gdelt_events() -> None:
    """GDELT 1.0 event rows, tab-separated and without a header row as GDELT publishes them:
    the daily files' 58 columns (the first 10 rows and the first of every other ActionGeo_Type
    and of CAMEO roots 18-20) and the 1979-2013 backfile's 57 (the first 5 rows, the first
    with no place at 0,0 and the first of type 0 with a place)."""
    lines = show("reed9999+gdelt-demo", "d5ef29073b0fe6091374dbc89413fd1e9d38f2cc",
                 "data_related/sample_data/events.csv").decode("utf-8").splitlines()
    daily = [line for line in lines if line.count("\t") == 57]
    kept, seen = [], set()
    for index, line in enumerate(daily):
        cells = line.split("\t")
        keys = {("type", cells[49]), *([("root", cells[28])] if cells[28] in ("18", "19", "20")
                                        else [])}
        if index < 10 or not keys <= seen:
            kept.append(line)
        seen |= keys
    (OUT / "gdelt_v1_daily_events_sample.csv").write_text("\n".join(kept) + "\n")
    backfile = [line for line in lines if line.count("\t") == 56]
    nowhere = next(line for line in backfile if line.split("\t")[49] == "")
    typeless = next(line for line in backfile if line.split("\t")[49:51] != ["0", ""]
                    and line.split("\t")[49] == "0")
    (OUT / "gdelt_v1_backfile_events_sample.csv").write_text(
        "\n".join([*backfile[:5], nowhere, typeless]) + "\n")


def ucdp_api_json() -> None:
    """The first 5 events of a UCDP GED API answer saved as a JSON list (Israel, 2002) and
    the first of every other where_prec/date_prec pair it has."""
    records = json.loads(show("NoahStapper+Individual_Assignment",
                              "3e5f38cf1e0ed7fb536e3203f90ddc4dc79d5847", "Israel_2002.json"))
    kept, seen = [], set()
    for index, record in enumerate(records):
        key = (record["where_prec"], record["date_prec"])
        if index < 5 or key not in seen:
            kept.append(record)
        seen.add(key)
    (OUT / "ucdp_ged_api_israel_2002.json").write_text(
        json.dumps(kept, indent=1, ensure_ascii=False) + "\n")


def firms_noaa20_archive_json() -> None:
    """The first 12 detections of a FIRMS VIIRS NOAA-20 (J1V-C2) standard-archive JSON
    download (Sweden, July 2018: `brightness`/`bright_t31` as FIRMS names them in this
    download, satellite N20, version 2, type 0)."""
    records = json.loads(show("PiotrPeca+Predicting-fire-spread-using-cellular-automata",
                              "b846bae491f5f3290b7048f0a0bb152424559355",
                              "data/fire_archive_J1V-C2_675226.json"))
    (OUT / "firms_viirs_noaa20_archive_sweden.json").write_text(
        json.dumps(records[:12], indent=4) + "\n")


def firms_viirs_country_geojson() -> None:
    """The first 12 features of a FIRMS VIIRS S-NPP country download (Nepal, 30 December
    2023) as GeoJSON: acq_date month-first (12/30/2023), acq_time a number (741)."""
    document = json.loads(show("Dibyatma+webAppDev_Assignment",
                               "f1ffa33c3d4693b3b070aec3ef23964ce5f99357",
                               "assets/fireData-2023-12-30.geojson"))
    document["features"] = document["features"][:12]
    (OUT / "firms_viirs_country_nepal.geojson").write_text(json.dumps(document, indent=1) + "\n")


def ocha_hostilities_geojson() -> None:
    """The first 4 features of OCHA's Ukraine hostilities layer (a shapefile's fields as
    GeoJSON: `Location__` null throughout, the settlement under `Name`, its reports under
    `Humanitari`), the first citing several links and the first whose link holds a comma."""
    document = json.loads(show("OCHA-DAP+hdx-scraper-ukraine-viz",
                               "f8b7c03362c3edb09dfe7a40c70c382c3813c453",
                               "UKR_Hostilities.geojson"))
    features = document["features"]
    links = [f["properties"]["Humanitari"] or "" for f in features]
    several = next(i for i, cell in enumerate(links) if cell.count("http") > 1)
    comma = next(i for i, cell in enumerate(links) if "," in cell and cell.count("http") == 1)
    document["features"] = [features[i] for i in sorted({0, 1, 2, 3, several, comma})]
    (OUT / "ocha_ukr_hostilities_sample.geojson").write_text(
        json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    firms_modis_json()
    firms_modis_geojson()
    firms_viirs_csv()
    timemap_json()
    timemap_xlsx()
    ucdp_csv()
    firms_modis_shapefile()
    ucdp_geojson()
    firms_modis_archive_csv()
    gdelt_events()
    ucdp_api_json()
    firms_noaa20_archive_json()
    firms_viirs_country_geojson()
    ocha_hostilities_geojson()
