"""How much a compressed file unpacks to, checked from its directory or metadata before
anything is unpacked: a small file can hold gigabytes (a "zip bomb"), which would exhaust
the memory of the app serving everyone. ZIP-based files (a ZIP of data files, KMZ, a zipped
shapefile, an .xlsx workbook) are held to MAX_UNPACKED_BYTES, each data file inside to the
importer's own limit; a Parquet file, whose repeated values take no room, to MAX_CELLS."""

from __future__ import annotations

import zipfile
import zlib

from geo.errors import InputFileError
from geo.importing.readers.table import MAX_FILE_BYTES, file_size, too_large

MAX_UNPACKED_BYTES = 1024 * 1024 * 1024   # every member together (an .xlsx unpacks ~10x)
MAX_CELLS = 50_000_000   # about what a CSV at the 200 MB limit can hold (4 bytes a cell)


def check_unpacked(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an archive whose members together unpack past MAX_UNPACKED_BYTES."""
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputFileError(
            f"'{name}' would unpack to {file_size(unpacked)}, over the "
            f"{file_size(MAX_UNPACKED_BYTES)} this map unpacks; unpack it yourself and "
            "import the data files inside one at a time")


def member_bytes(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    """One member's bytes, refused when it is over the importer's limit or damaged."""
    size = archive.getinfo(member).file_size
    if size > MAX_FILE_BYTES:
        raise too_large(f"{name}: {member}", size, MAX_FILE_BYTES)
    try:
        return archive.read(member)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
        raise InputFileError(f"'{name}': the file '{member}' inside it is damaged ({error}); "
                             "make the archive again or import the file itself") from error


def check_cells(rows: int, columns: int, name: str) -> None:
    """Refuse a table of more than MAX_CELLS cells, from its row and column counts."""
    if rows * max(columns, 1) > MAX_CELLS:
        raise InputFileError(
            f"'{name}' holds {rows:,} rows of {columns:,} column{'' if columns == 1 else 's'}, "
            f"over the {MAX_CELLS:,} "
            "cells this map reads from one file; split it into smaller files (for example "
            "by year) and import each one")
