-- The tables of motcua's PostgreSQL case stores of schema 4, as engine/store/postgres.py created
-- them before the store's migrations (Alembic); the tests build databases of that schema from it.
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
FOR EACH STATEMENT EXECUTE FUNCTION motcua_append_only('the officers'' history is append-only');
