"""What snapshots can be made: sizes and formats. No drawing code, so the page can offer
them without loading matplotlib (about 0.6 s of a cold start); geo.sharing.snapshot draws them."""

from __future__ import annotations

import re
from dataclasses import dataclass

IMAGE_FORMATS = ("png", "svg")
SNAPSHOT_FORMATS = (*IMAGE_FORMATS, "html")
MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "html": "text/html"}


@dataclass(frozen=True)
class SnapshotSize:
    label: str
    width_px: int
    height_px: int
    dpi: int

    @property
    def inches(self) -> tuple[float, float]:
        return self.width_px / self.dpi, self.height_px / self.dpi


SIZES = {
    "default": SnapshotSize("1600 x 1000 px (screen)", 1600, 1000, 150),
    "print": SnapshotSize("A4 landscape, 300 dpi (print)", 3508, 2480, 300),
}
SIZE_PATTERN = re.compile(r"^\s*(\d{1,9})\s*[xX×]\s*(\d{1,9})\s*$")
