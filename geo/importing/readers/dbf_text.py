"""A shapefile's text cells (its .dbf table) that hold a NUL character before more text:
GDAL reads a cell up to its first NUL and drops the rest without a word ('hit\\0\\0the
depot' came in as 'hit'). Such a cell's row is refused with what was read and what to do;
NULs only padding the end of a cell, as some writers pad, are no text and are left."""

from __future__ import annotations

import numpy as np

HEADER = 32       # bytes before the field descriptors
DESCRIPTOR = 32   # bytes of each field's descriptor
END = 0x0D        # after the last descriptor
SPACE, DELETED = 0x20, ord("*")


def _fields(dbf: bytes, header_length: int) -> list[tuple[str, int, int]]:
    """(name, offset in the record, length) of each text ('C') field."""
    fields, offset, at = [], 1, HEADER  # a record starts with its deletion flag
    while at + DESCRIPTOR <= header_length and dbf[at] != END:
        length = dbf[at + 16]
        if chr(dbf[at + 11]) == "C":
            fields.append((dbf[at:at + 11].split(b"\0")[0].decode("latin-1"), offset, length))
        offset, at = offset + length, at + DESCRIPTOR
    return fields


def cut_cells(dbf: bytes) -> tuple[int, dict[str, np.ndarray]]:
    """(records not deleted, {field: positions among them of the records whose text holds
    a NUL before more text})."""
    if len(dbf) < HEADER:
        return 0, {}
    count = int.from_bytes(dbf[4:8], "little")
    header_length = int.from_bytes(dbf[8:10], "little")
    record_length = int.from_bytes(dbf[10:12], "little")
    count = min(count, max(len(dbf) - header_length, 0) // max(record_length, 1))
    if not count or not record_length:
        return 0, {}
    records = np.frombuffer(dbf, np.uint8, count * record_length, header_length).reshape(
        count, record_length)
    records = records[records[:, 0] != DELETED]  # GDAL leaves deleted records out
    found = {}
    if dbf.find(b"\0", header_length) == -1:  # the usual file: nothing to look at
        return len(records), found
    for name, offset, length in _fields(dbf, header_length):
        cells = records[:, offset:offset + length]
        text = (cells != 0) & (cells != SPACE)
        after = np.flip(np.cumsum(np.flip(text, 1), 1), 1) > 0  # text here or later
        cut = ((cells[:, :-1] == 0) & after[:, 1:]).any(axis=1)
        if cut.any():
            found[name] = np.flatnonzero(cut)
    return len(records), found
