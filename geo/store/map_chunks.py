"""Chunks of the map index (geo.store.map_index): the map columns of up to CHUNK_ROWS incidents
that lie close together in time and space, stored column by column as numpy bytes.

A query then decodes every candidate chunk with a few numpy calls and filters exactly in
numpy, instead of building a Python tuple per row: at 30,000 rows the driver's tuples
alone take longer than 50 ms here, whatever index found them.

A batch's rows are cut the way a Sort-Tile-Recursive R-tree packs its leaves: sorted by
first day and cut into time slabs, each slab sorted by longitude and cut into columns,
each column sorted by latitude and cut into chunks. Rows without a point, and intervals
longer than LONG_SPAN_DAYS, get chunks of their own: a long interval would stretch its
chunk's dates over many windows.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from geo.dates import EPOCH, day_number

CHUNK_ROWS = 512
LONG_SPAN_DAYS = 7
# Columns with a handful of distinct values are stored as codes (geo.store.map_index's vocabulary).
CODED = ("category", "geo_precision", "claim_status")
# How each map column but incident_id is stored; dates as days since EPOCH. incident_id is
# UTF-8 padded with NUL to the chunk's id_width, with each id's length in bytes (an id may
# end in NUL itself): numpy selects the matches' ids without decoding the others.
STORED_AS = {"date_start": "<i4", "date_end": "<i4", "latitude": "<f8", "longitude": "<f8",
             **{name: "<u4" for name in CODED}, "id_length": "<u4"}


def day_numbers(dates: np.ndarray) -> np.ndarray:
    return dates.astype("datetime64[D]").astype(np.int64)


def partition(rows: dict[str, np.ndarray]) -> list[np.ndarray]:
    """Positions of `rows` (typed map columns) in each chunk; every row in exactly one."""
    first, last = day_numbers(rows["date_start"]), day_numbers(rows["date_end"])
    lat, lon = rows["latitude"], rows["longitude"]
    point = ~(np.isnan(lat) | np.isnan(lon))
    long_span = last - first > LONG_SPAN_DAYS
    chunks: list[np.ndarray] = []
    for has_point in (True, False):
        for group in (~long_span, long_span):
            positions = np.flatnonzero(group & (point if has_point else ~point))
            if positions.size:
                chunks += _tiles(positions, first, lon, lat) if has_point else \
                    _tiles(positions, first)
    return chunks


def _tiles(positions: np.ndarray, *keys: np.ndarray) -> list[np.ndarray]:
    """Sort by the first key and cut into slabs; each slab likewise by the next key."""
    leaves = -(-positions.size // CHUNK_ROWS)
    positions = positions[np.argsort(keys[0][positions], kind="stable")]
    if len(keys) == 1:
        return np.array_split(positions, leaves)
    slabs = max(1, round(leaves ** (1 / len(keys))))
    return [tile for slab in np.array_split(positions, slabs) if slab.size
            for tile in _tiles(slab, *keys[1:])]


def encode(rows: dict[str, np.ndarray], codes: dict[str, np.ndarray],
           positions: np.ndarray) -> dict:
    """The stored form of rows[positions]: its extent (dates as ISO text, as incidents
    store them; no box for rows without a point) and its columns."""
    first = day_numbers(rows["date_start"][positions])
    last = day_numbers(rows["date_end"][positions])
    lat, lon = rows["latitude"][positions], rows["longitude"][positions]
    has_point = not np.isnan(lat[0]) and not np.isnan(lon[0])  # partition keeps them apart
    ids = [value.encode("utf-8") for value in rows["incident_id"][positions].tolist()]
    lengths = np.array([len(value) for value in ids])
    values = {"date_start": first, "date_end": last, "latitude": lat, "longitude": lon,
              **{name: codes[name][positions] for name in CODED}, "id_length": lengths}
    return {
        "row_count": int(positions.size),
        "first_date": (EPOCH + dt.timedelta(days=int(first.min()))).isoformat(),
        "last_date": (EPOCH + dt.timedelta(days=int(last.max()))).isoformat(),
        "west": float(lon.min()) if has_point else None,
        "south": float(lat.min()) if has_point else None,
        "east": float(lon.max()) if has_point else None,
        "north": float(lat.max()) if has_point else None,
        "id_width": max(int(lengths.max()), 1),
        "incident_id": np.array(ids, dtype=f"S{max(int(lengths.max()), 1)}").tobytes(),
        **{name: np.ascontiguousarray(values[name], dtype=dtype).tobytes()
           for name, dtype in STORED_AS.items()},
    }


def decode(stored: dict[str, list]) -> dict[str, np.ndarray]:
    """Each stored column (one value per chunk) as one array over the chunks' rows, in
    chunk order; incident_id stays bytes per chunk (see selected_ids)."""
    return {name: np.frombuffer(b"".join(stored[name]), dtype=dtype)
            for name, dtype in STORED_AS.items()}


def view_mask(arrays: dict[str, np.ndarray], view, vocabulary: dict[str, np.ndarray]):
    """Rows of decoded chunks in the view (its window, box, categories and statuses),
    with the same comparisons the SQL makes."""
    mask = np.ones(len(arrays["date_start"]), dtype=bool)
    if view.date_to is not None:
        mask &= arrays["date_start"] <= day_number(view.date_to)
    if view.date_from is not None:
        mask &= arrays["date_end"] >= day_number(view.date_from)
    if view.bbox is not None:
        west, south, east, north = view.bbox
        lat, lon = arrays["latitude"], arrays["longitude"]
        mask &= (lat >= south) & (lat <= north) & (lon >= west) & (lon <= east)
    for name, allowed in (("category", view.categories),
                          ("claim_status", view.claim_statuses)):
        if allowed is not None:
            wanted = np.flatnonzero(np.isin(vocabulary[name], list(allowed)))
            mask &= np.isin(arrays[name], wanted)
    return mask


def selected_ids(stored: dict[str, list], lengths: np.ndarray,
                 mask: np.ndarray) -> np.ndarray:
    """incident_id of the rows in `mask` over the chunks of `stored` (`lengths`: id_length
    of each row); only the matches' ids become Python strings."""
    counts = np.asarray(stored["row_count"], dtype=np.int64)
    ends = np.cumsum(counts)
    matched = np.flatnonzero(np.add.reduceat(mask, ends - counts)) if len(counts) else []
    if not len(matched):
        return np.empty(0, dtype=object)
    padded = np.concatenate([  # NUL-padded to the widest
        np.frombuffer(stored["incident_id"][k], dtype=f"S{stored['id_width'][k]}")[
            mask[ends[k] - counts[k]:ends[k]]] for k in matched])
    wanted = lengths[mask]
    raw = padded.view(np.uint8).reshape(len(padded), padded.itemsize)
    ascii_rows = (raw < 0x80).all(axis=1)
    # ASCII bytes are their own code points: UTF-32 text without a per-id cast
    text = np.where(ascii_rows[:, None], raw, 0).astype(np.uint32).view(
        f"U{padded.itemsize}").ravel()
    ids = text.astype(object)
    # the others from their bytes: non-ASCII, or ending in NUL (numpy drops trailing NULs)
    for i in np.flatnonzero(~ascii_rows | (np.strings.str_len(text) != wanted)):
        value = bytes(padded[i])
        ids[i] = (value + b"\0" * (int(wanted[i]) - len(value))).decode("utf-8")
    return ids


def chunk_ids(row_count: int, id_width: int, incident_id: bytes, id_length: bytes) -> list:
    """Every incident_id of one stored chunk."""
    stored = {"row_count": [row_count], "id_width": [id_width], "incident_id": [incident_id]}
    lengths = np.frombuffer(id_length, dtype=STORED_AS["id_length"])
    return selected_ids(stored, lengths, np.ones(row_count, dtype=bool)).tolist()
