"""The revisions of the case store's schema, one file per schema version (read by Alembic, not imported)."""
