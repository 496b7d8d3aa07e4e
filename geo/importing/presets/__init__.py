"""Import presets: how the exports of other tools map onto this project's incident fields.

One module per source: `template` (this project's own columns, and `GENERIC`: any CSV,
columns matched by name), `acled`, `firms` (NASA FIRMS fire detections), `ucdp` (UCDP GED)
and `timemap` (Forensic Architecture / Bellingcat TimeMap events). `base` holds the Preset
record and the helpers they share; `registry` lists them (PRESETS) and detects which one
a file is from its columns (`detect_preset`).
"""
