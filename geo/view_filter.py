"""What selects the incidents of a view: the date window and the filters (geo.filters
applies it). Without pandas: the map page's first draw uses it before that is imported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from geo.errors import FilterError


@dataclass(frozen=True)
class ViewFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    categories: tuple[str, ...] | None = None
    operators: tuple[str, ...] | None = None
    claim_statuses: tuple[str, ...] | None = None
    bbox: tuple[float, float, float, float] | None = field(default=None)  # W, S, E, N

    def __post_init__(self):
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise FilterError(
                f"The window ends ({self.date_to}) before it starts ({self.date_from}); "
                "swap the dates"
            )
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
                raise FilterError(
                    f"Bounding box {self.bbox} is not W,S,E,N in degrees with W<E and S<N"
                )
