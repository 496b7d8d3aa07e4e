"""A FlatGeobuf file's column names as the file writes them. GDAL reads a name up to its
first NUL character and drops the rest without a word: a column 'description\\0\\0x' came
in as 'description' and was imported as the incidents' description, and two names cut to
the same one ('a\\0x', 'a\\0y') ended the import in a traceback. The names are read here
from the file's header (a FlatBuffers table: magic bytes, its length, the header) so each
is taken whole, its NUL then shown as its mark (geo.importing.readers.nul_cells)."""

from __future__ import annotations

import struct

MAGIC_LENGTH = 8
HEADER_COLUMNS = 7   # the Header table's field 'columns' (a vector of Column tables)
COLUMN_NAME = 0      # the Column table's field 'name'


class _Malformed(Exception):
    """A header that is no FlatBuffers table as FlatGeobuf writes it (GDAL says so)."""


def _u32(buffer: bytes, at: int) -> int:
    if at < 0 or at + 4 > len(buffer):
        raise _Malformed
    return struct.unpack_from("<I", buffer, at)[0]


def _field(buffer: bytes, table: int, index: int) -> int | None:
    """Where the table's field `index` refers to (a string, vector or table), or None."""
    vtable = table - struct.unpack_from("<i", buffer, table)[0] if table + 4 <= len(
        buffer) else -1
    if vtable < 0 or vtable + 4 > len(buffer):
        raise _Malformed
    size = struct.unpack_from("<H", buffer, vtable)[0]
    if 4 + 2 * index + 2 > size or vtable + 4 + 2 * index + 2 > len(buffer):
        return None
    offset = struct.unpack_from("<H", buffer, vtable + 4 + 2 * index)[0]
    return None if not offset else table + offset + _u32(buffer, table + offset)


def _string(buffer: bytes, at: int) -> str:
    length = _u32(buffer, at)
    if at + 4 + length > len(buffer):
        raise _Malformed
    return buffer[at + 4:at + 4 + length].decode("utf-8", "surrogateescape")


def column_names(data: bytes) -> list[str] | None:
    """The names of the file's columns in order, or None when its header cannot be read
    (GDAL then says what is wrong with the file)."""
    try:
        length = _u32(data, MAGIC_LENGTH)
        header = data[MAGIC_LENGTH + 4:MAGIC_LENGTH + 4 + length]
        root = _u32(header, 0)
        columns = _field(header, root, HEADER_COLUMNS)
        if columns is None:
            return []
        names = []
        for i in range(_u32(header, columns)):
            at = columns + 4 + 4 * i
            name = _field(header, at + _u32(header, at), COLUMN_NAME)
            names.append("" if name is None else _string(header, name))
        return names
    except (_Malformed, struct.error):
        return None


def with_whole_names(frame, data: bytes):
    """`frame` (GDAL's reading of the file's one layer) with its columns named as the file
    names them, when GDAL cut a name at a NUL; as it is otherwise."""
    names = column_names(data)
    if not names or not any("\x00" in name for name in names):
        return frame
    geometry = getattr(frame, "_geometry_column_name", None)
    if sum(c != geometry for c in frame.columns) != len(names):
        return frame
    given = iter(names)   # GDAL keeps the file's order, the geometry apart
    renamed = frame.copy()
    renamed.columns = [c if c == geometry else next(given) for c in frame.columns]
    return renamed
