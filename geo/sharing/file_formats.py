"""Output formats chosen by name or file suffix, with one wording for a bad choice."""

from __future__ import annotations

from geo.errors import ExportError


def pick_format(fmt: str, allowed, *, what: str, aliases: dict[str, str] | None = None) -> str:
    """'.PNG' -> 'png'; raise ExportError naming the value and the choices otherwise."""
    key = (fmt or "").lower().lstrip(".")
    key = (aliases or {}).get(key, key)
    if key not in allowed:
        raise ExportError(f"Unknown {what} format '{fmt}'; use one of "
                          f"{', '.join('.' + f for f in allowed)}")
    return key
