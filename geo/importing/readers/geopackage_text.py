"""A GeoPackage's text cells that hold a NUL character, read whole: GDAL reads a text
value up to its first NUL and drops the rest without a word ('Ky\\0iv' came in as 'Ky').
The file is SQLite; such cells are read from its tables as they are stored, in the order
GDAL reads the features (by feature id), so the NUL is then shown as its mark
(geo.importing.readers.nul_cells) and nothing after it is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


Cells = dict[tuple[str, str], tuple[int, dict[int, str]]]


def cut_cells(path: Path) -> Cells:
    """{(layer, column): (features in the layer, {position of the feature in its layer: the
    whole text})} of every text cell holding a NUL; {} when there is none (or no table
    SQLite can read, which GDAL could not read either)."""
    found: Cells = {}
    try:
        with sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True) as db:
            for (layer,) in db.execute("SELECT table_name FROM gpkg_contents").fetchall():
                found.update(_layer_cells(db, str(layer)))
    except sqlite3.Error:
        return found
    return found


def _layer_cells(db: sqlite3.Connection, layer: str) -> Cells:
    table = _quoted(layer)
    texts = [str(row[1]) for row in db.execute(f"PRAGMA table_info({table})")
             if "TEXT" in str(row[2]).upper() or not row[2]]
    found = {}
    order = None
    for column in texts:
        rows = db.execute(f"SELECT rowid, CAST({_quoted(column)} AS BLOB) FROM {table} "
                          f"WHERE instr(CAST({_quoted(column)} AS BLOB), x'00') > 0").fetchall()
        if not rows:
            continue
        if order is None:
            order = np.array([r for (r,) in db.execute(f"SELECT rowid FROM {table} "
                                                       "ORDER BY rowid")], dtype=np.int64)
        positions = np.searchsorted(order, [rowid for rowid, _ in rows])
        found[(layer, column)] = (len(order), {
            int(p): bytes(value).decode("utf-8", "replace")
            for p, (_, value) in zip(positions, rows, strict=True)})
    return found
