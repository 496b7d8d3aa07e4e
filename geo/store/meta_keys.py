"""The store's meta table (key -> value): its name and keys, with no database library, so
geo.store.identity can read them with the standard library alone."""

from __future__ import annotations

META_TABLE = "meta"
META_VERSION = "schema_version"
META_REVISION = "revision"  # bumped by every write (geo.store.engine.bump_revision)
META_SPAN_CLASSES = "span_classes"
# a new id whenever a database is made: files derived from a store (geo.store.frame_cache,
# geo.ui.opening_map) name it with the revision, so a store deleted and made again at the
# same path, whose revisions count from 1 again, never reads the old store's files
META_STORE_ID = "store_id"
