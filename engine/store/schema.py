"""Which schema a case store holds, and what this code makes of it.

The tables themselves, and how a store of an older schema is brought up to date, are the
migrations of ``store/migrations/`` (Alembic): each revision is one schema version, its id that
version in four digits. A store says its schema three ways, which must agree: the revision in
``alembic_version``, the ``schema`` row of ``meta`` and, in an SQLite file, ``PRAGMA
user_version`` (``PRAGMA application_id`` marks the file as a motcua store). SQLite files written
before migrations have no ``alembic_version`` yet; they are upgraded and stamped the first time
they are opened for writing.
"""

from __future__ import annotations

from motcua.engine.spec.i18n import tr
from motcua.engine.spec.printable import visible
from motcua.engine.store.base import StoreError

__all__ = ["APPLICATION_ID", "REVISION", "SCHEMA_VERSION", "UPGRADE_COMMAND", "check_revision", "newer"]

#: ``PRAGMA application_id`` of motcua stores: "mcua" in ASCII.
APPLICATION_ID = 0x6D637561
#: The schema this code writes; stores of a higher one are refused.
#: 1: the first store. 2: ``events.corrects``, the seq a ``correct`` event voids. 3: the terms
#: of a case (``cases.variant``, ``cases.channel``), its clock stop (``cases.stopped``,
#: ``cases.stopped_at``) and the extension or clock stop an event names (``events.term``).
#: 4: the history of officers' records (``officer_records``), append-only; the first schema of
#: migrations (revision 0004) and of the PostgreSQL store. 5: the HTTP API's tokens
#: (``api_tokens``), its log of refused requests (``audit``) and the key of the citizen's lookup
#: secret (``meta`` row ``lookup-key``).
SCHEMA_VERSION = 5
#: The migration that brings a store to :data:`SCHEMA_VERSION`: the head of ``store/migrations/versions``.
REVISION = f"{SCHEMA_VERSION:04d}"
#: What upgrades a store in place without doing anything else (``{location}`` is the store's).
UPGRADE_COMMAND = "motcua store upgrade --db {location}"


def newer(location: str, schema: int) -> StoreError:
    """The refusal of a store of a schema newer than this code reads."""
    return StoreError(
        tr(f"{location}: lược đồ kho hồ sơ {schema} mới hơn lược đồ phiên bản motcua này đọc ({SCHEMA_VERSION}); "
           "hãy nâng cấp motcua",
           f"{location}: case store schema {schema} is newer than this motcua reads ({SCHEMA_VERSION}); upgrade motcua"),
        kind="newer", location=location,
    )  # fmt: skip


def check_revision(location: str, revision: str, schema: int) -> None:
    """Refuse a store whose migration ``revision`` this code does not know (kind ``newer``), or
    which says another schema than ``schema`` (kind ``corrupt``); nothing is written."""
    if revision != REVISION:
        from motcua.engine.store.migrations import known

        if not known(revision):
            if revision.isascii() and revision.isdigit():
                raise newer(location, int(revision))
            raise StoreError(
                tr(f"{location}: bước chuyển đổi kho hồ sơ {visible(revision)!r} không phải bước phiên bản motcua này biết "
                   "(do một phiên bản motcua mới hơn ghi?); hãy nâng cấp motcua",
                   f"{location}: case store migration {visible(revision)!r} is not one this motcua knows "
                   "(a newer motcua wrote it?); upgrade motcua"),
                kind="newer", location=location,
            )  # fmt: skip
    if int(revision) != schema:
        raise StoreError(
            tr(f"{location}: kho hồ sơ ghi lược đồ {schema} nhưng bước chuyển đổi {visible(revision)!r}; "
               "kho hồ sơ bị hỏng; hãy khôi phục kho từ một bản sao lưu",
               f"{location}: the case store says schema {schema} but migration {visible(revision)!r}; "
               "the case store is corrupted; restore it from a backup"),
            kind="corrupt", location=location,
        )  # fmt: skip
