"""Settings, built once from the environment.

INCIDENT_MAP_DB     database path or URL (default: data/incidents.sqlite, git-ignored):
                    sqlite:///..., or postgresql://user:password@host/database for a
                    team's shared store (geo.store.engine opens it with psycopg 3)
INCIDENT_MAP_CACHE  folder for derived caches such as the gazetteer index
                    (default: $XDG_CACHE_HOME/incident-map or ~/.cache/incident-map)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from geo.errors import ConfigError
from geo.visible import UNDECODED, undecoded_marked

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DB_PATH = DATA_DIR / "incidents.sqlite"


@dataclass(frozen=True)
class Settings:
    database_url: str
    cache_dir: Path
    data_dir: Path = DATA_DIR

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            database_url=database_url_from(env.get("INCIDENT_MAP_DB", "")),
            cache_dir=cache_dir_from(env),
        )


def database_url_from(value: str, given_as: str = "INCIDENT_MAP_DB") -> str:
    """Accept a URL ("sqlite:///x.db", "postgresql://...", "postgres://...") or a plain file
    path; `given_as` names where it was given, for the messages."""
    value = value.strip()
    if not value:
        return sqlite_url(DEFAULT_DB_PATH)
    if UNDECODED.search(value):  # no database opens it: a UnicodeEncodeError traceback
        raise ConfigError(f"{given_as}: '{undecoded_marked(value)}' holds bytes that are not "
                          "UTF-8 text (marked ‹0x..›); give a path or URL in UTF-8, renaming "
                          "the file if need be")
    if "://" in value:
        _refuse_memory(value, given_as)
        return value
    path = Path(value).expanduser()
    if path.exists() and not path.is_dir() and not path.is_file():
        raise ConfigError(f"{given_as}: '{value}' is a device, not a database file; give a "
                          "file path such as 'incidents.sqlite' or a database URL")
    if path.is_dir():
        raise ConfigError(
            f"{given_as} points to a folder: '{value}'; give a file path such as "
            f"'{path / 'incidents.sqlite'}' or a database URL"
        )
    if not path.parent.exists():
        raise ConfigError(
            f"{given_as}: the folder of '{value}' does not exist; create "
            f"'{path.parent}' or choose another path"
        )
    return sqlite_url(path.resolve())


def _refuse_memory(url: str, given_as: str) -> None:
    """A SQLite database in memory is gone when the program ends: nothing written to it
    would be kept."""
    scheme, _, rest = url.partition("://")
    if not scheme.lower().startswith("sqlite"):
        return
    database, _, query = rest.removeprefix("/").partition("?")
    if database in ("", ":memory:") or "mode=memory" in query:
        raise ConfigError(f"{given_as}: '{url}' is a database in memory, which keeps nothing "
                          "once the program ends; give a database file such as "
                          "'incidents.sqlite'")


def sqlite_url(path: Path) -> str:
    """The URL of a SQLite file at `path`, whatever its name holds: '?', '#' and '%' are
    escaped, so "q?x.sqlite" is not the file "q" with a query, nor "p%20x" the file "p x"
    (SQLAlchemy, and geo.store.identity, unescape them)."""
    return "sqlite:///" + quote(str(path), safe="/")


def cache_dir_from(env) -> Path:
    explicit = env.get("INCIDENT_MAP_CACHE", "").strip()
    if explicit:
        return Path(explicit).expanduser()
    xdg = env.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "incident-map"
