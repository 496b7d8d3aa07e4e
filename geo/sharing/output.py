"""A file the command line writes (an export, a snapshot, a geocoded or parsed CSV): whole
or not at all. The bytes go to a temporary file beside it, which then replaces it: a full
disk, a killed process or a folder that cannot be written leaves the file that was there
(or none), never half a file; the temporary file is removed. A failure is the project's
ExportError naming the file and the reason."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from geo.errors import ExportError


def os_reason(error: OSError) -> str:
    """Why an OS call failed, in words ('No such file or directory'), never 'None'."""
    return error.strerror or str(error) or type(error).__name__


def _mode_for(path: Path) -> int:
    """The mode the file has, or the one a plain open() would give it (the temporary file
    is private: 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def write_whole(path: Path | str, data: bytes, *, advice: str = "check the folder exists "
                "and is writable") -> None:
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"Cannot write '{path}': it is a folder; name a file in it, "
                          f"e.g. '{path / 'incidents.csv'}'")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".part",
                                             dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise ExportError(f"Cannot write '{path}': {os_reason(error)}; {advice}") from error
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
