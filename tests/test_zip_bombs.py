"""Files that would unpack to far more than they weigh (a "zip bomb": a ZIP, or a Parquet
file of one repeated value), or whose directory lies about a member's size, are refused
with the project's message before anything is unpacked, through the command line and the
readers the Import page uses."""

from __future__ import annotations

import io
import struct
import zipfile

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from geo.errors import InputFileError
from geo.importing.readers.dispatch import read_file
from tests.support.cli import geo

MIB = 1024 * 1024
HEADER = b"date,latitude,longitude\n"


def zeros_zip(members: dict[str, int]) -> bytes:
    """A ZIP whose members are a CSV header then that many MiB of '0': a few hundred KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        chunk = b"0" * MIB
        for member, mib in members.items():
            with archive.open(member, "w", force_zip64=True) as handle:
                handle.write(HEADER)
                for _ in range(mib):
                    handle.write(chunk)
    return out.getvalue()


def test_an_archive_unpacking_past_a_gibibyte_is_refused_by_the_command(tmp_path):
    bomb = tmp_path / "fire_archive.zip"
    bomb.write_bytes(zeros_zip({f"part_{n}.csv": 180 for n in range(6)}))   # 1,080 MiB
    assert bomb.stat().st_size < 2 * MIB
    run = geo("import", bomb, "--db", tmp_path / "store.sqlite")
    assert run.returncode == 2, run.stderr
    assert "'fire_archive.zip' would unpack to 1080.0 MB, over the 1024.0 MB" in run.stderr
    assert "unpack it yourself and import the data files inside one at a time" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_data_file_inside_over_the_import_limit_is_named_and_refused():
    with pytest.raises(InputFileError) as refused:
        read_file(zeros_zip({"Readme.txt": 0, "fire_nrt.csv": 210}), "firms.zip")
    assert "'firms.zip: fire_nrt.csv' is 210.0 MB, over the 200.0 MB limit" in str(refused.value)


def test_a_member_larger_than_its_directory_says_is_reported_damaged():
    honest = io.BytesIO()
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("events.csv", HEADER + b"2025-08-08,45.3,28.8\n" * 1000)
    data = bytearray(honest.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("events.csv")
    lying = len(HEADER)      # the directory says the member is only its header long
    struct.pack_into("<I", data, info.header_offset + 22, lying)       # local header
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, lying)                  # central directory
    with pytest.raises(InputFileError) as refused:
        read_file(bytes(data), "events.zip")
    assert "'events.zip': the file 'events.csv' inside it is damaged" in str(refused.value)


def test_a_parquet_file_of_a_repeated_value_is_refused_before_it_is_read():
    column = pa.table({"latitude": pa.array(np.zeros(2**23))})   # 8,388,608 zeros
    out = io.BytesIO()
    with pq.ParquetWriter(out, column.schema, compression="zstd") as writer:
        for _ in range(7):              # 58,720,256 rows, 470 MB once read, in 100 KB
            writer.write_table(column)
    assert len(out.getvalue()) < MIB
    with pytest.raises(InputFileError) as refused:
        read_file(out.getvalue(), "points.parquet")
    assert ("'points.parquet' holds 58,720,256 rows of 1 column, over the 50,000,000 cells"
            in str(refused.value))
