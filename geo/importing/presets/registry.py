"""Every preset, and which one a file is from its column names."""

from __future__ import annotations

from geo.importing.presets.acled import ACLED
from geo.importing.presets.base import Preset, normalise_header
from geo.importing.presets.cir import CIR
from geo.importing.presets.firms import FIRMS
from geo.importing.presets.gdelt import GDELT
from geo.importing.presets.template import GENERIC, TEMPLATE
from geo.importing.presets.timemap import TIMEMAP
from geo.importing.presets.ucdp import UCDP

PRESETS = {p.name: p for p in (GENERIC, TEMPLATE, ACLED, FIRMS, UCDP, TIMEMAP, CIR, GDELT)}


def detect_preset(columns) -> Preset:
    """The preset whose signature the headers fit best; GENERIC when none fits."""
    headers = {normalise_header(c) for c in columns}
    scored = [(preset.matches(headers), -order, preset)
              for order, preset in enumerate(PRESETS.values()) if preset.signature]
    best = max(scored, key=lambda item: item[:2])
    return best[2] if best[0] else GENERIC


def describe_presets() -> str:
    """One line per preset: its name, label and what it reads (for --preset list)."""
    return "\n".join(f"{p.name:<9} {p.label}: {p.help}" for p in PRESETS.values())
