"""The project's one exception hierarchy.

Every message names the bad value and what to do about it, e.g.
"Row 7: 'latitude' is not a number: 'abc'". The app catches `IncidentMapError`
only; anything else is a bug and must surface.
"""

from __future__ import annotations

import re

LINE_BREAK = re.compile("\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def _mark(match: re.Match) -> str:
    return "".join(f"‹U+{ord(ch):04X}›" for ch in match.group())


class IncidentMapError(Exception):
    """Base class of every error this project raises on purpose."""

    def one_line(self) -> str:
        """The message on one line, for the command line's single line of error: a line
        break in it (a file name's, a value's) shows as a mark, so the path or value
        named is the one given ('/tmp/no\\nsuch' was shown as '/tmp/no; such')."""
        return LINE_BREAK.sub(_mark, str(self).strip())


class ConfigError(IncidentMapError):
    """A setting (environment variable, path, URL) is unusable."""


class DataError(IncidentMapError):
    """Shipped or stored data is missing or malformed."""


class StoreError(IncidentMapError):
    """The incident store cannot be opened, migrated or written."""


class ReadOnlyStoreError(StoreError):
    """The store may be read but not written (a file or folder this account may not write,
    a read-only disk): raised by a write, which wrote nothing."""


class InputFileError(IncidentMapError):
    """An uploaded or given file cannot be read at all (empty, binary, too large, ...)."""


class ValidationError(IncidentMapError):
    """One or more rows or columns failed validation; `problems` lists each one."""

    def __init__(self, problems: list[str], summary: str | None = None):
        self.problems = list(problems)
        self.summary = summary or f"{len(self.problems)} problem(s) found"
        super().__init__(self.summary + ":\n" + "\n".join(f"- {p}" for p in self.problems))

    def one_line(self) -> str:
        return f"{self.summary}: " + "; ".join(" ".join(p.split()) for p in self.problems)


class GeocodeError(IncidentMapError):
    """The gazetteer cannot be built or loaded, or a geocoding request is malformed."""


class FilterError(IncidentMapError):
    """A filter, date window, layer name or bounding box given by the user is invalid."""


class ExportError(IncidentMapError):
    """A snapshot or export cannot be written in the requested format."""


class AccessError(IncidentMapError):
    """A request or person may not do this: team mode without the sign-in header, a role
    without the permission, or a request from another computer in local mode."""
