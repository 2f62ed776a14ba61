"""The tables of the SQLite case store, and how a file of an older schema is brought up to date.

``PRAGMA application_id`` marks a file as a motcua store and ``PRAGMA user_version`` records
its schema. A file of an older schema is upgraded in place the first time it is opened for
writing (one transaction); opened read-only, it is read as it is.
"""

from __future__ import annotations

__all__ = ["APPLICATION_ID", "SCHEMA", "SCHEMA_VERSION", "UPGRADES", "statements"]

#: ``PRAGMA application_id`` of motcua stores: "mcua" in ASCII.
APPLICATION_ID = 0x6D637561
#: The schema this code writes; files with a higher ``user_version`` are refused.
#: 1: the first store. 2: ``events.corrects``, the seq a ``correct`` event voids. 3: the terms
#: of a case (``cases.variant``, ``cases.channel``), its clock stop (``cases.stopped``,
#: ``cases.stopped_at``) and the extension or clock stop an event names (``events.term``).
#: 4: the history of officers' records (``officer_records``), append-only.
SCHEMA_VERSION = 4

#: The history of officers' records: appended to, never changed.
_OFFICER_RECORDS = """
CREATE TABLE officer_records (
    officer TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT,
    agency TEXT NOT NULL,
    unit TEXT NOT NULL,
    name TEXT NOT NULL,
    position TEXT NOT NULL,
    PRIMARY KEY (officer, seq)
) WITHOUT ROWID;
CREATE TRIGGER officer_records_append_only_update BEFORE UPDATE ON officer_records
BEGIN SELECT RAISE(ABORT, 'the officers'' history is append-only'); END;
CREATE TRIGGER officer_records_append_only_delete BEFORE DELETE ON officer_records
BEGIN SELECT RAISE(ABORT, 'the officers'' history is append-only'); END;
"""

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE definitions (
    digest TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    text TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE officers (
    id TEXT PRIMARY KEY,
    agency TEXT NOT NULL,
    unit TEXT NOT NULL,
    name TEXT NOT NULL,
    position TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sequences (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    agency TEXT NOT NULL,
    procedure TEXT NOT NULL,
    version TEXT NOT NULL,
    digest TEXT NOT NULL REFERENCES definitions(digest),
    applicant TEXT NOT NULL,
    state TEXT NOT NULL,
    open INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    due TEXT NOT NULL,
    original_due TEXT NOT NULL,
    last_at TEXT NOT NULL,
    step_started TEXT,
    step_due TEXT,
    step_paused_us INTEGER NOT NULL,
    timer_due TEXT,
    paused_from TEXT,
    paused_at TEXT,
    answered TEXT NOT NULL,
    supplement_requests INTEGER NOT NULL,
    apologies INTEGER NOT NULL,
    closed_at TEXT,
    revision INTEGER NOT NULL,
    variant TEXT,
    channel TEXT,
    stopped TEXT,
    stopped_at TEXT
);
CREATE TABLE events (
    case_id TEXT NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_agency TEXT NOT NULL,
    actor_unit TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    actor_position TEXT NOT NULL,
    at TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    note TEXT,
    records TEXT NOT NULL,
    until TEXT,
    breach TEXT,
    corrects INTEGER,
    term TEXT,
    PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;
-- Overdue cases are few among many: index only the open ones (the query repeats open = 1).
CREATE INDEX cases_open_due ON cases(due) WHERE open = 1;
CREATE INDEX cases_timer_due ON cases(timer_due) WHERE timer_due IS NOT NULL;
CREATE INDEX cases_procedure ON cases(procedure, agency);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
""" + _OFFICER_RECORDS

#: From each older schema to the next: the statements, run in one write transaction. The log
#: stays append-only: a new column or table is added, no row is rewritten.
UPGRADES: dict[int, str] = {
    1: "ALTER TABLE events ADD COLUMN corrects INTEGER;",
    2: """
ALTER TABLE cases ADD COLUMN variant TEXT;
ALTER TABLE cases ADD COLUMN channel TEXT;
ALTER TABLE cases ADD COLUMN stopped TEXT;
ALTER TABLE cases ADD COLUMN stopped_at TEXT;
ALTER TABLE events ADD COLUMN term TEXT;
""",
    # The officers registered before: their record as it stands, made at a time not known.
    3: _OFFICER_RECORDS + """
INSERT INTO officer_records SELECT id, 1, NULL, agency, unit, name, position FROM officers;
""",
}


def statements(script: str) -> list[str]:
    """The statements of a script of this module, one by one (a ';' inside one ends no line)."""
    return [s for s in (part.strip() for part in script.split(";\n")) if s]
