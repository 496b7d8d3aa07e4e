"""Readers: the bytes of an uploaded file -> a table of text cells (`table.RawTable`).

One module per format: `delimited` (CSV/TSV and other delimited text, with `encodings`
finding how it is encoded and `plain_csv` reading the common plain UTF-8 file with
pyarrow), `excel` (.xlsx, with `excel_formulas`: a formula cell with no saved value),
`geojson`, `kml` (KML and KMZ; `kml_coordinates` refuses a placemark whose coordinates
are no numbers of degrees),
`geopackage`, `geoparquet`, `shapefile` (zipped shapefiles, FlatGeobuf), `json_records`
(JSON record lists: ACLED and UCDP API answers, TimeMap events) and `archive` (a ZIP of
data files). `features` turns what GDAL (pyogrio) or pyarrow read into text cells and
points; `detect` names the format from the content; `dispatch.read_file` picks the
reader."""
