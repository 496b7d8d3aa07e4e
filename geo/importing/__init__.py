"""Import: a file -> rows checked one by one -> a preview -> one batch in the store.

Modules: `pipeline` (the steps in order: preview_import, commit_import, import_path),
`readers/` (bytes of any accepted format -> a table of text, one module per format),
`presets/` (foreign exports: ACLED, FIRMS, UCDP, TimeMap, ...), `columns` (which column
feeds which field), `rows`, `date_fields` and `coordinates` (fields -> typed values, every
problem collected in `problems`, said once per rule), `category_words` (event words of five
languages -> a category and subtype), `places` (rows placed by the
geocoder), `identity` (rows matched on their source id: unchanged, changed, missing),
`linking` (rows linked to registered sites), `thermal` (FIRMS rows), `preview` (what an
import would do, row by row), `fixes` (changes made in the preview) and `result` (what it
did).
"""
