"""Incident map library: records, store, gazetteer, import, exports and the CLI."""
