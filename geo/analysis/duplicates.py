"""Duplicates: the same category, within 1 km, on an overlapping day, as a stored incident or
an earlier row of the same file. Vectorised with numpy, no spatial library needed. Two rows
of one file that name different places ("when 2009" and "span 2009" of a Google Earth file,
two depots 300 m apart) are two incidents by the file's own word; a stored incident, from
another source, may name the same place otherwise and is compared by point alone. So are
two rows of one file that cite different source URLs: two claims, each kept with its source
(a monitor's videos of one town on one day).

A record known only to within more than MAX_SPAN_DAYS (an article's "since the war began",
a year) duplicates only a record of the same interval: its dates cannot say that another
event at its town is the same one. Each record is spread over the days of its interval
(such a long one over its first day only) and put in a grid cell twice as wide as the
radius, so any record
within the radius lies in the point's own cell or in the neighbours towards its nearest
edges: four cells, not nine. Candidates
sharing a day in those cells are found with one `searchsorted` on a sorted int64 key;
exact distances then decide. Cells are in degrees, their width in longitude set by the
highest latitude present (near the 180th meridian, neighbours across it are not compared).
Thermal detections (FIRMS) are separate satellite pixels: only the same pixel (within
100 m) at the same acquisition time counts as a duplicate there.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.schema import CATEGORIES, THERMAL_CATEGORY

RADIUS_KM = 1.0
CATEGORY_RADIUS_KM = {THERMAL_CATEGORY: 0.1}
SAME_TEXT_CATEGORIES = {THERMAL_CATEGORY: "date_text"}  # the acquisition date and time
MAX_SPAN_DAYS = 31   # a month: ACLED's and UCDP's month precision are still compared
KM_PER_DEGREE = 111.2
CHUNK = 250_000
_DAY_BITS, _CELL_BITS = 17, 17
_EPOCH_1900 = -25567  # days from 1970-01-01 back to 1900-01-01
_CATEGORY_CODES = {name: code for code, name in enumerate(CATEGORIES, start=1)}


def _keys(category_code, cell_x, cell_y, day) -> np.ndarray:
    key = category_code.astype(np.int64)
    for part, bits in ((cell_x, _CELL_BITS), (cell_y, _CELL_BITS), (day, _DAY_BITS)):
        key = (key << bits) | (part.astype(np.int64) & ((1 << bits) - 1))
    return key


def _cell_size(*frames: pd.DataFrame) -> tuple[float, float]:
    """(degrees of longitude, of latitude): at least twice the radius everywhere."""
    lats = [np.abs(f["latitude"].to_numpy(np.float64)) for f in frames if len(f)]
    highest = np.nanmax(np.concatenate(lats)) if lats and np.isfinite(
        np.concatenate(lats)).any() else 0.0
    height = 2 * RADIUS_KM / KM_PER_DEGREE
    return height / max(np.cos(np.radians(min(highest, 89.0))), 0.05), height


def _category_codes(values: np.ndarray) -> np.ndarray:
    """1 + each value's position in CATEGORIES, 0 for any other value (looked up once per
    distinct value: a third of the time pandas' Categorical takes)."""
    codes, distinct = pd.factorize(values)
    known = [_CATEGORY_CODES.get(value, 0) for value in distinct]
    return np.array([*known, 0], dtype=np.int64)[codes]  # NaN (code -1): 0


def _prepare(frame: pd.DataFrame, cell: tuple[float, float]):
    """Per record: category code, grid cell, side of the cell, first day and day count."""
    lat = frame["latitude"].to_numpy(np.float64)
    lon = frame["longitude"].to_numpy(np.float64)
    category = _category_codes(frame["category"].to_numpy(dtype=object))
    start = frame["date_start"].to_numpy("datetime64[D]").astype(np.int64) - _EPOCH_1900
    end = frame["date_end"].to_numpy("datetime64[D]").astype(np.int64) - _EPOCH_1900
    span = np.clip(end - start + 1, 1, None)
    days = np.where(span > MAX_SPAN_DAYS, 1, span)   # a long one meets its copies on day 1
    usable = np.isfinite(lat) & np.isfinite(lon) & (start >= 0)
    gx = np.where(usable, lon + 180.0, 0.0) / cell[0]
    gy = np.where(usable, lat + 90.0, 0.0) / cell[1]
    cell_x, cell_y = np.floor(gx).astype(np.int64), np.floor(gy).astype(np.int64)
    side_x = np.where(gx - cell_x < 0.5, -1, 1)
    side_y = np.where(gy - cell_y < 0.5, -1, 1)
    return category, cell_x, cell_y, side_x, side_y, np.where(usable, start, 0), days, usable


def _expand(days: np.ndarray, usable: np.ndarray):
    """(record index, day offset) for every day of every usable record."""
    records = np.repeat(np.flatnonzero(usable), days[usable])
    starts = np.repeat(np.cumsum(days[usable]) - days[usable], days[usable])
    return records, np.arange(len(records)) - starts


def _positions(distinct: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """np.searchsorted(distinct, keys), asked in sorted order: numpy then starts each
    search where the last one ended (3x faster than 100,000 searches at random places)."""
    order = np.argsort(keys)
    at = np.empty(len(keys), dtype=np.intp)
    at[order] = np.searchsorted(distinct, keys[order])
    return at


def _candidate_pairs(new: pd.DataFrame, reference: pd.DataFrame,
                     earlier_only: bool = False) -> tuple[np.ndarray, ...]:
    """(new index, reference index) of every pair sharing a day in neighbouring cells; with
    `earlier_only` (`reference` is `new`), only pairs of a row with an earlier row."""
    cell = _cell_size(new, reference)
    n_cat, n_x, n_y, n_sx, n_sy, n_start, n_days, n_ok = _prepare(new, cell)
    r_cat, r_x, r_y, _, _, r_start, r_days, r_ok = _prepare(reference, cell) \
        if reference is not new else (n_cat, n_x, n_y, n_sx, n_sy, n_start, n_days, n_ok)
    r_rec, r_off = _expand(r_days, r_ok)
    r_keys = _keys(r_cat[r_rec], r_x[r_rec], r_y[r_rec], r_start[r_rec] + r_off)
    order = np.argsort(r_keys, kind="stable")
    r_keys, r_rec = r_keys[order], r_rec[order]
    distinct, first, count = np.unique(r_keys, return_index=True, return_counts=True)
    q_rec, q_off = _expand(n_days, n_ok)
    found_new, found_ref = [], []
    for use_x, use_y in ((0, 0), (1, 0), (0, 1), (1, 1)):
        for lo in range(0, len(q_rec), CHUNK):
            rec, off = q_rec[lo:lo + CHUNK], q_off[lo:lo + CHUNK]
            keys = _keys(n_cat[rec], n_x[rec] + use_x * n_sx[rec],
                         n_y[rec] + use_y * n_sy[rec], n_start[rec] + off)
            at = _positions(distinct, keys).clip(0, max(len(distinct) - 1, 0))
            hit = np.flatnonzero(distinct[at] == keys) if len(distinct) else at[:0]
            if not len(hit):
                continue
            repeats = count[at[hit]]
            begin = np.repeat(first[at[hit]] - np.cumsum(repeats) + repeats, repeats)
            pair_new = np.repeat(rec[hit], repeats)
            pair_ref = r_rec[begin + np.arange(repeats.sum())]
            if earlier_only:  # most pairs of a file with itself are a row with itself
                pair_new, pair_ref = pair_new[pair_ref < pair_new], pair_ref[pair_ref < pair_new]
            found_new.append(pair_new)
            found_ref.append(pair_ref)
    if not found_new:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    # each pair once, ordered by new then reference row: one int64 per pair sorts in a
    # fraction of the time np.unique(axis=0) takes over rows of two
    width = max(len(reference), 1)
    pairs = np.unique(np.concatenate(found_new) * width + np.concatenate(found_ref))
    return pairs // width, pairs % width


def _distance_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    a = (np.sin((phi2 - phi1) / 2) ** 2
         + np.cos(phi1) * np.cos(phi2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _close_pairs(new: pd.DataFrame, reference: pd.DataFrame, earlier_only: bool = False):
    """(new index, reference index, km) of the pairs close enough; with `earlier_only`
    (`reference` is `new`), only pairs of a row with an earlier row."""
    i, j = _candidate_pairs(new, reference, earlier_only)
    distance = _distance_km(new["latitude"].to_numpy()[i], new["longitude"].to_numpy()[i],
                            reference["latitude"].to_numpy()[j],
                            reference["longitude"].to_numpy()[j])
    category = new["category"].to_numpy()[i]
    radius = np.full(len(category), RADIUS_KM)
    for name, km in CATEGORY_RADIUS_KM.items():
        radius[category == name] = km
    keep = (distance <= radius) & _comparable_dates(new, reference, i, j)
    for name, column in SAME_TEXT_CATEGORIES.items():
        special = category == name
        same = new[column].to_numpy()[i] == reference[column].to_numpy()[j]
        keep &= ~special | same
    return i[keep], j[keep], distance[keep]


def _comparable_dates(new: pd.DataFrame, reference: pd.DataFrame, i, j) -> np.ndarray:
    """Pairs whose dates can make them one event: both known to within MAX_SPAN_DAYS, or
    the same interval."""
    starts = [f["date_start"].to_numpy("datetime64[D]") for f in (new, reference)]
    ends = [f["date_end"].to_numpy("datetime64[D]") for f in (new, reference)]
    limit = np.timedelta64(MAX_SPAN_DAYS - 1, "D")
    short = ((ends[0][i] - starts[0][i]) <= limit) & ((ends[1][j] - starts[1][j]) <= limit)
    same = (starts[0][i] == starts[1][j]) & (ends[0][i] == ends[1][j])
    return short | same


def _place_codes(frame: pd.DataFrame) -> np.ndarray:
    """A code per row for its place as written, case and spacing aside; -1 when it names
    none. Worked out per distinct text: a file repeats its places."""
    if "place" not in frame or frame.empty:
        return np.full(len(frame), -1, dtype=np.int64)
    codes, texts = pd.factorize(frame["place"].to_numpy(dtype=object))
    keys = [" ".join(str(text).split()).casefold() for text in texts]
    key_codes = pd.factorize(np.array(keys, dtype=object))[0]
    key_codes = np.where(np.array([key == "" for key in keys], dtype=bool), -1, key_codes)
    return np.where(codes >= 0, np.append(key_codes, -1)[codes], -1)


def _link_codes(frame: pd.DataFrame) -> np.ndarray:
    """A code per row for its source URL; -1 when it has none."""
    if "source_url" not in frame or frame.empty:
        return np.full(len(frame), -1)
    codes, _ = pd.factorize(frame["source_url"].to_numpy(dtype=object))
    return np.where(frame["source_url"].to_numpy(dtype=object) == "", -1, codes)


def _near_duplicates(new: pd.DataFrame, stored: pd.DataFrame, within_file: bool) -> np.ndarray:
    reasons = np.full(len(new), "", dtype=object)
    rows = new.index.to_numpy()
    if len(new) and len(stored):
        i, j, km = _close_pairs(new, stored)
        first = np.unique(i, return_index=True)[1]
        stored_id = stored["incident_id"].to_numpy()
        for a, b, d in zip(i[first], j[first], km[first], strict=True):
            reasons[a] = (f"same category, {d:.1f} km away and on an overlapping date as "
                          f"stored incident {stored_id[b]}")
    if within_file and len(new) > 1:
        i, j, km = _close_pairs(new, new, earlier_only=True)
        place, link = _place_codes(new), _link_codes(new)
        earlier = (reasons[i] == "") & ((place[i] == place[j]) | (place[i] < 0)
                                        | (place[j] < 0)) \
            & ((link[i] == link[j]) | (link[i] < 0) | (link[j] < 0))
        i, j, km = i[earlier], j[earlier], km[earlier]
        order = np.lexsort((j, i))
        i, j, km = i[order], j[order], km[order]
        first = np.unique(i, return_index=True)[1]
        for a, b, d in zip(i[first], j[first], km[first], strict=True):
            reasons[a] = (f"same category, {d:.1f} km away and on an overlapping date as "
                          f"row {rows[b]} of this file")
    return reasons


def find_duplicates(new: pd.DataFrame, stored: pd.DataFrame,
                    stored_ids: set[str] | frozenset[str] = frozenset(), *,
                    within_file: bool = True) -> pd.Series:
    """For each row of `new`, why it is a duplicate ('' when it is not).

    A row duplicates a stored incident, or (with `within_file`) an earlier row of `new`:
    the first one stays. `stored_ids` are stored incident ids that rows of `new` may
    repeat. Exact copies are settled first, so many copies of one row cost no pair work.
    """
    if not within_file:
        reasons = _near_duplicates(new, stored, within_file=False)
        ids = new["incident_id"].to_numpy()
        known = pd.Series(ids).isin(stored_ids).to_numpy() & (ids != "") & (reasons == "")
        reasons[known] = [f"incident_id {v} is already stored" for v in ids[known]]
        return pd.Series(reasons, index=new.index, dtype=object)
    same = ["category", "latitude", "longitude", "date_start", "date_end", "date_text",
            *(["source_url"] if "source_url" in new else [])]
    keys = new[same].assign(place=_place_codes(new))
    group = keys.groupby(list(keys.columns), dropna=False, sort=False).ngroup().to_numpy()
    _, first_position, inverse = np.unique(group, return_index=True, return_inverse=True)
    firsts = new.iloc[first_position]
    reasons = np.full(len(new), "", dtype=object)
    reasons[first_position] = _near_duplicates(firsts, stored, within_file=True)
    rows = new.index.to_numpy()
    copies = np.flatnonzero(np.arange(len(new)) != first_position[inverse])
    reasons[copies] = [f"same category, place and dates as row {rows[first_position[g]]} "
                       "of this file" for g in inverse[copies]]
    ids = new["incident_id"].to_numpy()
    known = pd.Series(ids, dtype=object).isin(stored_ids).to_numpy() & (ids != "") \
        & (reasons == "")
    reasons[known] = [f"incident_id {v} is already stored" for v in ids[known]]
    repeated = pd.Series(ids, dtype=object).duplicated().to_numpy() & (ids != "") \
        & (reasons == "")
    reasons[repeated] = [f"incident_id {v} repeats an earlier row" for v in ids[repeated]]
    return pd.Series(reasons, index=new.index, dtype=object)
