"""Import: a file -> rows checked one by one -> a preview -> one batch in the store.

Modules: `pipeline` (the steps in order: preview_import, commit_import, import_path),
`csv_reader` (bytes -> a table of text), `presets` (foreign exports: ACLED, FIRMS, ...),
`columns` (which column feeds which field), `rows`, `date_fields` and `coordinates`
(fields -> typed values, every problem collected in `problems`), `places` (rows placed by
the geocoder), `linking` (rows linked to registered sites), `thermal` (FIRMS rows),
`preview` (what an import would do, row by row) and `fixes` (changes made in the preview).
"""
