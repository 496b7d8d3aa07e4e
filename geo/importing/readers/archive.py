"""A ZIP archive of data files (NASA FIRMS's CSV or JSON download: fire_archive_*.csv and
fire_nrt_*.csv beside a Readme.txt) -> one table of every data file's rows.

Each member is read by its own reader (`read_member`, the dispatcher's); the tables are
joined one after the other, with a 'file' column when there are several, and rows numbered
on through them. A member that cannot be read stops the import with its name."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath

from geo.errors import InputFileError
from geo.importing.readers.table import RawTable, stacked
from geo.importing.readers.unpacking import member_bytes

DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".geojson")
SKIPPED = ("readme",)  # FIRMS's Readme.txt
MAX_MEMBERS = 1_000  # a year of daily files and more; FIRMS's download holds two to four
NAMES_SHOWN = 10     # a note names this many of the files read


def data_members(names: list[str]) -> list[str]:
    """The archive's data files, Readme and folders and macOS's __MACOSX copies left out."""
    return [n for n in names
            if n.lower().endswith(DATA_SUFFIXES) and not n.endswith("/")
            and not n.startswith("__MACOSX/")
            and not PurePosixPath(n).name.lower().startswith(SKIPPED)]


def read_archive(data: bytes, name: str,
                 read_member: Callable[[bytes, str], RawTable]) -> RawTable:
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = data_members(archive.namelist())
    if len(members) > MAX_MEMBERS:  # each is read on its own: 20,000 took a minute
        raise InputFileError(
            f"'{name}' holds {len(members):,} data files ({_listed(members)}); an import "
            f"reads at most {MAX_MEMBERS:,} from one archive: import it in parts")
    tables = []
    for member in members:
        try:
            tables.append(read_member(member_bytes(archive, member, name), member))
        except InputFileError as error:
            raise InputFileError(f"'{name}': the file '{member}' inside it cannot be imported: "
                                 f"{error}") from error
    if len(tables) == 1:
        table = tables[0]
        table.notes.insert(0, f"Read '{members[0]}' from the archive '{name}'")
        table.file_name = name
        return table
    return _joined(tables, name)


def _joined(tables: list[RawTable], name: str) -> RawTable:
    """The tables one after the other, rows numbered on: the second file's row 1 follows
    the first file's last row."""
    whole, problems, notes, column = stacked(tables, [t.file_name for t in tables], "file")
    notes.insert(0, f"Read {len(tables)} files from the archive '{name}' "
                    f"({_listed([t.file_name for t in tables])}); the column '{column}' says "
                    "which each row came from")
    return RawTable(whole, name, encoding=tables[0].encoding, delimiter=tables[0].delimiter,
                    row_problems=problems, notes=notes, file_format="ZIP archive",
                    unit=tables[0].unit)


def _listed(names: list[str]) -> str:
    """The first NAMES_SHOWN names and how many more (the note named all 20,000)."""
    return ", ".join(names[:NAMES_SHOWN]) + (
        f" and {len(names) - NAMES_SHOWN:,} more" if len(names) > NAMES_SHOWN else "")
