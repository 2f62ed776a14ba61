-- The schema of motcua's SQLite case stores of version 4 (user_version 4), as engine/store/schema.py
-- created it before the store's migrations (Alembic); the tests build files of that schema from it.
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
