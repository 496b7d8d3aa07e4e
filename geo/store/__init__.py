"""The store: incidents, sites, batches and their history in one database (SQLite by
default), and the caches derived from it per revision.

Modules: `incident_store` (IncidentStore, the one interface pages and commands use),
`engine` (connection, read and write transactions and bulk insert by dialect), `bulk`
(rows given column by column into one table), `tables` and `migrations` (schema),
`opening` (what opening a store must write, if anything), `query` (the window + box query
and the typed frame it reads), `map_index`, `map_chunks` and `map_query` (the map columns
in chunks), `identity` and `meta_keys` (store id and revision without a database library),
`revision_log` (what each write changed), `frame_cache`, `frame_delta` and `cache_files`
(columnar copies per revision, brought forward from the log), `seed` (the shipped
records), `thermal` (FIRMS detections and coverage), `postgis` (PostgreSQL only: the
extension, the incidents' point and its GiST index).

Importing this package imports nothing: the map page's first draw reads the store's
identity before any data library is loaded.
"""
