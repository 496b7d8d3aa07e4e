"""Sharing: what leaves the app: snapshots (PNG, SVG, HTML) and exports (GeoJSON, CSV,
GeoPackage, KML, GeoParquet), each stating its sources, window and data version.

Modules: `snapshot` (static images), `html` (the interactive map in one file), `files`
(a snapshot to a file by its suffix), `formats` (sizes and formats, no drawing code),
`citation` (what a snapshot states about itself), `exports`, `csv_safety` (formulas
neutralised in every CSV written), `file_formats` (one wording for a bad format).
"""
