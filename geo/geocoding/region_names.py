"""Names of regions and countries: a small table from normalised name to ids, built on load.

Region names come as "Odesa Oblast", "Odes'ka", "Odesskaya", "Mariupolskyi Raion": the level
word is dropped and an adjectival form ("odeska", "mariupolskyi") is also filed under its
stem ("odes", "mariupol"), on both sides, so the noun finds the adjective and back.
"""

from __future__ import annotations

from geo.geocoding.normalize import normalize_many, phonetic_keys
from geo.geocoding.place_text import strip_level

ADJECTIVE_ENDINGS = ("skaya", "skaia", "skiy", "skyi", "skyy", "skoho", "skyj", "skij", "ska",
                     "ske", "skoe", "ivskyi", "aya", "ka")
REGION_LEVELS = ("admin2", "admin1")  # "Kyiv City" stays "kyiv city"; "Odesa Oblast" is "odesa"
MIN_KEY_LENGTH = 5   # shorter phonetic keys fold too much to be trusted without the exact spelling


def stems(core: str) -> list[str]:
    """'odeska' -> ['odeska', 'odes']; 'mariupolskyi' -> ['mariupolskyi', 'mariupol']."""
    return [core] + [core[: -len(e)] for e in ADJECTIVE_ENDINGS
                     if core.endswith(e) and len(core) - len(e) >= 3]


class NameTable:
    """Region or country names: normalised core and phonetic key -> ids. Built from (name,
    id) pairs at index build time and stored in the index as two plain mappings (`tables`),
    so loading it costs a JSON read, not the folding of thousands of names."""

    def __init__(self, pairs: list[tuple[str, object]] = ()):
        self.exact: dict[str, set] = {}
        self.keyed: dict[str, set] = {}
        if pairs:
            self._add(pairs)

    @classmethod
    def from_tables(cls, tables: dict) -> NameTable:
        table = cls()
        table.exact = {k: set(v) for k, v in tables["exact"].items()}
        table.keyed = {k: set(v) for k, v in tables["keyed"].items()}
        return table

    def tables(self) -> dict:
        return {"exact": {k: sorted(v) for k, v in self.exact.items()},
                "keyed": {k: sorted(v) for k, v in self.keyed.items()}}

    def _add(self, pairs: list[tuple[str, object]]) -> None:
        cores = [strip_level(n, REGION_LEVELS)[0]
                 for n in normalize_many([name for name, _ in pairs])]
        forms = [(form, ident) for core, (_, ident) in zip(cores, pairs, strict=True)
                 for form in stems(core)]
        for core, (_, ident) in zip(cores, pairs, strict=True):
            self.exact.setdefault(core, set()).add(ident)
        for key, (_, ident) in zip(phonetic_keys([f for f, _ in forms]), forms, strict=True):
            self.keyed.setdefault(key, set()).add(ident)

    def find(self, core: str, *, exact_only: bool = False) -> set:
        """Ids named `core` ('odesa', 'odeska', 'odesskaya', 'kharkov')."""
        if not core or core in self.exact or exact_only:
            return set(self.exact.get(core, ()))
        return self._keyed(core)

    def find_any(self, core: str) -> set:
        """Ids named `core` spelt so or otherwise: 'kirovskyi' finds 'Kirovskiy Rayon' even
        where another entry has the name spelt 'kirovskyi' exactly."""
        return set(self.exact.get(core, ())) | self._keyed(core) if core else set()

    def _keyed(self, core: str) -> set:
        if len(phonetic_keys([core])[0]) < MIN_KEY_LENGTH:
            return set()
        for key in phonetic_keys(stems(core)):
            if len(key) >= MIN_KEY_LENGTH - 1 and key in self.keyed:
                return set(self.keyed[key])
        return set()


def oblast_of(feature, names: NameTable, admin1: list[dict]) -> int | None:
    """The Ukrainian admin1 that a boundary feature names by 'iso' ('UA-51') or 'name'."""
    for text in (feature.get("iso"), feature.get("name")):
        found = {a for a in names.find(strip_level(normalize_many([str(text or "")])[0])[0])
                 if admin1[a]["country"] == "UA"}
        if len(found) == 1:
            return found.pop()
    return None
