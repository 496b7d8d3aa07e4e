"""A row that names no place and has no coordinates, only its region (raion, oblast), is
placed at that region. Ukraine's air-raid alerts (`oblast, raion, hromada, level,
started_at, finished_at`, as `Vadimkin/ukrainian-air-raid-sirens-dataset` publishes the
official ones) and regional tallies are such files: they were refused as having no
location, though the geocoder finds 'Вінницька область' and 'Уманський район' at their
own precision. The most specific region given is looked up, with the others as its hints.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

OBLAST = re.compile(r"\bобласт|\bобласть\b|\boblast\b|\bобл\.", re.IGNORECASE)
RAION = re.compile(r"\bрайон\b|\braion\b|\brayon\b|\bр-н\b", re.IGNORECASE)


def region_places(fields: pd.DataFrame, given: np.ndarray) -> tuple[pd.Series, int]:
    """(place per row: the file's place, else for a row without coordinates its raion, else
    its oblast; how many rows take a region's name)."""
    place = fields["place"]
    region = fields["admin2"].where(fields["admin2"] != "", fields["admin1"])
    taken = (place == "").to_numpy() & ~given & (region != "").to_numpy()
    if not taken.any():
        return place, 0
    return place.mask(taken, region), int(taken.sum())


NOTE = ("{count:,} row(s) name no place, only a region: each is placed at its raion or "
        "oblast, at that region's precision")


def unswapped_regions(fields: pd.DataFrame) -> int:
    """Put back each row's oblast and raion written in each other's columns (an oblast
    ('Полтавська область') under raion, a raion ('Лубенський район') under oblast, as one
    record of the official alerts has them): the row was placed at the oblast it named as
    its raion, and the raion was no hint. How many rows were put back (fields changed in
    place)."""
    admin1, admin2 = fields["admin1"], fields["admin2"]
    swapped = (admin2.str.contains(OBLAST) & admin1.str.contains(RAION)
               & ~admin1.str.contains(OBLAST) & ~admin2.str.contains(RAION)).to_numpy()
    if swapped.any():
        fields.loc[swapped, ["admin1", "admin2"]] = fields.loc[
            swapped, ["admin2", "admin1"]].to_numpy()
    return int(swapped.sum())


SWAPPED_NOTE = ("{count:,} row(s) name an oblast in the raion column and a raion in the "
                "oblast column: read the other way round")
