"""A row that names no place and has no coordinates, only its region (raion, oblast), is
placed at that region. Ukraine's air-raid alerts (`oblast, raion, hromada, level,
started_at, finished_at`, as `Vadimkin/ukrainian-air-raid-sirens-dataset` publishes the
official ones) and regional tallies are such files: they were refused as having no
location, though the geocoder finds 'Вінницька область' and 'Уманський район' at their
own precision. The most specific region given is looked up, with the others as its hints.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


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
