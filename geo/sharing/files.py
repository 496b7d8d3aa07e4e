"""Write a snapshot of one view to a file whose suffix names the format (.png .svg .html)."""

from __future__ import annotations

from pathlib import Path

from geo.sharing.file_formats import pick_format
from geo.sharing.formats import SIZES, SNAPSHOT_FORMATS, SnapshotSize
from geo.sharing.html import snapshot_html
from geo.sharing.output import write_whole
from geo.sharing.snapshot import SnapshotView, snapshot_image


def check_snapshot_format(fmt: str) -> str:
    return pick_format(fmt, SNAPSHOT_FORMATS, what="snapshot", aliases={"htm": "html"})


def snapshot_bytes(snapshot: SnapshotView, fmt: str,
                   size: SnapshotSize = SIZES["default"]) -> bytes:
    fmt = check_snapshot_format(fmt)
    if fmt == "html":
        return snapshot_html(snapshot).encode("utf-8")
    return snapshot_image(snapshot, fmt, size)


def write_snapshot(snapshot: SnapshotView, path: Path,
                   size: SnapshotSize = SIZES["default"]) -> str:
    """Write the snapshot in the format named by `path`'s suffix; return that format."""
    path = Path(path)
    fmt = check_snapshot_format(path.suffix)
    data = snapshot_bytes(snapshot, fmt, size)
    write_whole(path, data)
    return fmt
