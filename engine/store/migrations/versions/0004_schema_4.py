"""Schema 4: the case store as motcua creates it, and the stores written before migrations.

- An empty database gets the tables of schema 4, marked as a motcua store.
- An SQLite file of schema 1, 2 or 3 (``user_version``), written before migrations, gains what
  each later schema added, in place: columns and a table are added, no row is rewritten (the log
  stays append-only), and the officers registered before get their record as it stands.
- A store of schema 4 written before migrations is left as it is; Alembic records the revision.

The statements are written out here as the stores sent them for schema 4, not taken from the
store's code, so this revision keeps creating the same schema whatever the code becomes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

SCHEMA_VERSION = 4
#: ``PRAGMA application_id`` of motcua's SQLite stores: "mcua" in ASCII.
APPLICATION_ID = 0x6D637561
#: ``meta.application`` of motcua's PostgreSQL stores.
APPLICATION = "motcua case store"

#: The history of officers' records: appended to, never changed.
SQLITE_OFFICER_RECORDS = """
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

SQLITE_SCHEMA = """
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
""" + SQLITE_OFFICER_RECORDS

#: From each SQLite schema written before migrations to the next.
SQLITE_UPGRADES: dict[int, str] = {
    1: 'ALTER TABLE events ADD COLUMN corrects INTEGER;',
    2: """
ALTER TABLE cases ADD COLUMN variant TEXT;
ALTER TABLE cases ADD COLUMN channel TEXT;
ALTER TABLE cases ADD COLUMN stopped TEXT;
ALTER TABLE cases ADD COLUMN stopped_at TEXT;
ALTER TABLE events ADD COLUMN term TEXT;
""",
    # The officers registered before: their record as it stands, made at a time not known.
    3: SQLITE_OFFICER_RECORDS + """
INSERT INTO officer_records SELECT id, 1, NULL, agency, unit, name, position FROM officers;
""",
}

POSTGRESQL_SCHEMA = """
CREATE TABLE definitions (
	digest TEXT COLLATE "C" NOT NULL, 
	key TEXT COLLATE "C" NOT NULL, 
	text TEXT COLLATE "C" NOT NULL, 
	PRIMARY KEY (digest)
);
CREATE TABLE meta (
	key TEXT COLLATE "C" NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY (key)
);
CREATE TABLE officer_records (
	officer TEXT COLLATE "C" NOT NULL, 
	seq BIGINT NOT NULL, 
	at TEXT COLLATE "C", 
	agency TEXT COLLATE "C" NOT NULL, 
	unit TEXT COLLATE "C" NOT NULL, 
	name TEXT COLLATE "C" NOT NULL, 
	position TEXT COLLATE "C" NOT NULL, 
	PRIMARY KEY (officer, seq)
);
CREATE TABLE officers (
	id TEXT COLLATE "C" NOT NULL, 
	agency TEXT COLLATE "C" NOT NULL, 
	unit TEXT COLLATE "C" NOT NULL, 
	name TEXT COLLATE "C" NOT NULL, 
	position TEXT COLLATE "C" NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE sequences (
	prefix TEXT COLLATE "C" NOT NULL, 
	last BIGINT NOT NULL, 
	PRIMARY KEY (prefix)
);
CREATE TABLE cases (
	id TEXT COLLATE "C" NOT NULL, 
	agency TEXT COLLATE "C" NOT NULL, 
	procedure TEXT COLLATE "C" NOT NULL, 
	version TEXT COLLATE "C" NOT NULL, 
	digest TEXT COLLATE "C" NOT NULL, 
	applicant TEXT COLLATE "C" NOT NULL, 
	state TEXT COLLATE "C" NOT NULL, 
	open BIGINT NOT NULL, 
	received_at TEXT COLLATE "C" NOT NULL, 
	due TEXT COLLATE "C" NOT NULL, 
	original_due TEXT COLLATE "C" NOT NULL, 
	last_at TEXT COLLATE "C" NOT NULL, 
	step_started TEXT COLLATE "C", 
	step_due TEXT COLLATE "C", 
	step_paused_us BIGINT NOT NULL, 
	timer_due TEXT COLLATE "C", 
	paused_from TEXT COLLATE "C", 
	paused_at TEXT COLLATE "C", 
	answered TEXT COLLATE "C" NOT NULL, 
	supplement_requests BIGINT NOT NULL, 
	apologies BIGINT NOT NULL, 
	closed_at TEXT COLLATE "C", 
	revision BIGINT NOT NULL, 
	variant TEXT COLLATE "C", 
	channel TEXT COLLATE "C", 
	stopped TEXT COLLATE "C", 
	stopped_at TEXT COLLATE "C", 
	PRIMARY KEY (id), 
	FOREIGN KEY(digest) REFERENCES definitions (digest)
);
CREATE TABLE events (
	case_id TEXT COLLATE "C" NOT NULL, 
	seq BIGINT NOT NULL, 
	id TEXT COLLATE "C" NOT NULL, 
	event TEXT COLLATE "C" NOT NULL, 
	actor TEXT COLLATE "C" NOT NULL, 
	actor_agency TEXT COLLATE "C" NOT NULL, 
	actor_unit TEXT COLLATE "C" NOT NULL, 
	actor_name TEXT COLLATE "C" NOT NULL, 
	actor_position TEXT COLLATE "C" NOT NULL, 
	at TEXT COLLATE "C" NOT NULL, 
	source TEXT COLLATE "C" NOT NULL, 
	target TEXT COLLATE "C" NOT NULL, 
	note TEXT COLLATE "C", 
	records TEXT COLLATE "C" NOT NULL, 
	until TEXT COLLATE "C", 
	breach TEXT COLLATE "C", 
	corrects BIGINT, 
	term TEXT COLLATE "C", 
	PRIMARY KEY (case_id, seq), 
	FOREIGN KEY(case_id) REFERENCES cases (id), 
	CONSTRAINT events_id_key UNIQUE (id)
);
CREATE INDEX cases_open_due ON cases (due) WHERE open = 1;
CREATE INDEX cases_procedure ON cases (procedure, agency);
CREATE INDEX cases_timer_due ON cases (timer_due) WHERE timer_due IS NOT NULL;
CREATE FUNCTION motcua_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = TG_ARGV[0]; END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION motcua_append_only('the event log is append-only');
CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON events
FOR EACH STATEMENT EXECUTE FUNCTION motcua_append_only('the event log is append-only');
CREATE TRIGGER officer_records_append_only BEFORE UPDATE OR DELETE ON officer_records
FOR EACH ROW EXECUTE FUNCTION motcua_append_only('the officers'' history is append-only');
CREATE TRIGGER officer_records_append_only_truncate BEFORE TRUNCATE ON officer_records
FOR EACH STATEMENT EXECUTE FUNCTION motcua_append_only('the officers'' history is append-only')
"""


def statements(script: str) -> list[str]:
    """The statements of a script of this module, one by one (a ';' inside one ends no line)."""
    return [s for s in (part.strip() for part in script.split(";\n")) if s]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite(bind)
    else:
        _postgresql(bind)


def downgrade() -> None:
    raise NotImplementedError("a case store is never downgraded")


def _run(script: str) -> None:
    for statement in statements(script):
        op.execute(sa.text(statement))


def _sqlite(bind: sa.Connection) -> None:
    version = int(bind.exec_driver_sql("PRAGMA user_version").scalar_one())
    if version == 0:
        op.execute(sa.text(f"PRAGMA application_id = {APPLICATION_ID}"))
        _run(SQLITE_SCHEMA)
        op.execute(sa.text("INSERT INTO meta VALUES ('schema', :schema)").bindparams(schema=str(SCHEMA_VERSION)))
    else:
        while version < SCHEMA_VERSION:
            _run(SQLITE_UPGRADES[version])
            version += 1
        op.execute(sa.text("UPDATE meta SET value = :schema WHERE key = 'schema'").bindparams(schema=str(SCHEMA_VERSION)))
    op.execute(sa.text(f"PRAGMA user_version = {SCHEMA_VERSION}"))


def _postgresql(bind: sa.Connection) -> None:
    tables = "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'meta'"
    if bind.exec_driver_sql(tables).scalar_one():
        return  # a store of schema 4, the first PostgreSQL stores had
    _run(POSTGRESQL_SCHEMA)
    op.execute(sa.text("INSERT INTO meta (key, value) VALUES ('application', :application), ('schema', :schema)")
               .bindparams(application=APPLICATION, schema=str(SCHEMA_VERSION)))  # fmt: skip
