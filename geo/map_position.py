"""Where the map opens (every map is built there; a view's own position is sent apart)."""

from __future__ import annotations

DEFAULT_CENTER = (47.0, 34.0)
DEFAULT_ZOOM = 5
