"""How much a compressed file unpacks to, checked before any reader unpacks it: a small
file can hold gigabytes (a "zip bomb"), which would exhaust the memory of the app serving
everyone. ZIP-based files (a ZIP of data files, KMZ, a zipped shapefile, an .xlsx workbook)
are held to MAX_UNPACKED_BYTES by their directory, each data file inside to the importer's
own limit; each member packed at most MAX_RATIO times, and unpacking to no more than the
directory states (GDAL unpacks whatever is there); a Parquet file, whose repeated values
take no room, to MAX_CELLS."""

from __future__ import annotations

import zipfile
import zlib

from geo.errors import InputFileError
from geo.importing.readers.table import MAX_FILE_BYTES, file_size, too_large

MAX_UNPACKED_BYTES = 1024 * 1024 * 1024   # every member together (an .xlsx unpacks ~10x)
UNPACK_CHUNK = 1024 * 1024
ENCRYPTED = 0x1  # a ZIP member's general purpose flag bit 0
MAX_RATIO = 200
RATIO_FLOOR = 32 * 1024 * 1024  # a small member may pack tighter (a sheet of one value)
MAX_CELLS = 50_000_000   # about what a CSV at the 200 MB limit can hold (4 bytes a cell)


def check_unpacked(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an archive whose members together unpack past MAX_UNPACKED_BYTES, or one
    whose members unpack to more than its directory states."""
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputFileError(
            f"'{name}' would unpack to {file_size(unpacked)}, over the "
            f"{file_size(MAX_UNPACKED_BYTES)} this map unpacks; unpack it yourself and "
            "import the data files inside one at a time")
    for info in archive.infolist():
        _check_packing(info, name)
    for info in archive.infolist():
        _check_stated(archive, info, name)


def _check_packing(info: zipfile.ZipInfo, name: str) -> None:
    """Spreadsheets, KML and CSV of incidents pack 5 to 30 times; a member packed over
    MAX_RATIO times is padding (a zip bomb), refused before anything unpacks it."""
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        if info.file_size > MAX_FILE_BYTES:  # what member_bytes would say of a data file
            raise too_large(f"{name}: {info.filename}", info.file_size, MAX_FILE_BYTES)
        raise InputFileError(
            f"'{name}': the file '{info.filename}' inside it unpacks to "
            f"{file_size(info.file_size)} from {file_size(info.compress_size)}, "
            f"{info.file_size // max(info.compress_size, 1):,} times its packed size: no "
            "export of incidents packs so tightly (it looks like a zip bomb); unpack it "
            "yourself and import the data files inside")


def _check_stated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """The member unpacked, its bytes dropped as they come: zipfile stops at the size
    the directory states and checks the CRC there, so a member holding more fails here.
    GDAL, which reads workbooks, shapefiles and KMZ, unpacks whatever is there."""
    if info.flag_bits & ENCRYPTED:
        raise InputFileError(f"'{name}': the file '{info.filename}' inside it is encrypted; "
                             "unpack it with its password and import the data files inside")
    try:
        with archive.open(info) as member:
            while member.read(UNPACK_CHUNK):
                pass
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as error:
        raise InputFileError(
            f"'{name}': the file '{info.filename}' inside it is damaged or unpacks to more "
            f"than the {file_size(info.file_size)} the archive states ({error}); make the "
            "archive again, or unpack it yourself and import the data files inside"
        ) from error


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
