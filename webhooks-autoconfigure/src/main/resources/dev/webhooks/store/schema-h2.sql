-- Tables of the webhooks starter. Only CREATE ... IF NOT EXISTS and ADD COLUMN IF NOT EXISTS: an existing table is
-- never dropped, and nothing in it is changed or removed.
-- Every table and index name starts with %TABLE_PREFIX%, which the starter replaces with webhooks.store.table-prefix
-- (webhook_ by default); replace it the same way when you give this script to Flyway or Liquibase.

-- Received webhooks (receive side): one row per (source, message id), for de-duplication, and the body of
-- asynchronous messages until they are handled. status: PROCESSING (claimed by a request), PENDING (accepted,
-- waiting for its asynchronous listener), HANDLED, FAILED (asynchronous listener failed every retry).
CREATE TABLE IF NOT EXISTS %TABLE_PREFIX%received (
	source VARCHAR(100) NOT NULL,
	message_id VARCHAR(255) NOT NULL,
	status VARCHAR(16) NOT NULL,
	received_at TIMESTAMP WITH TIME ZONE NOT NULL,
	claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
	handled_at TIMESTAMP WITH TIME ZONE,
	event_type VARCHAR(255),
	signed_at TIMESTAMP WITH TIME ZONE,
	headers CLOB,
	body BLOB,
	PRIMARY KEY (source, message_id)
);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%received_received_at_idx ON %TABLE_PREFIX%received (received_at);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%received_status_idx ON %TABLE_PREFIX%received (status, claimed_at);

-- Outbox: events, subscriber endpoints, deliveries (one per event and endpoint) and their attempts. There are no
-- foreign keys between them: the starter writes an event with its deliveries in one transaction and purges
-- attempts, deliveries and events together, and a foreign-key check on every delivery and attempt insert costs
-- more than the rest of the insert.
CREATE TABLE IF NOT EXISTS %TABLE_PREFIX%event (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	event_type VARCHAR(255) NOT NULL,
	tenant_id VARCHAR(255),
	idempotency_key VARCHAR(255),
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	body VARBINARY NOT NULL,
	-- the W3C traceparent of the publish, so delivery attempts join its trace (NULL when not traced)
	trace_parent VARCHAR(512)
);
-- for an event table created by an earlier version (a nullable column, so nothing is rewritten)
ALTER TABLE %TABLE_PREFIX%event ADD COLUMN IF NOT EXISTS trace_parent VARCHAR(512);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%event_created_idx ON %TABLE_PREFIX%event (created_at);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%event_idempotency_idx ON %TABLE_PREFIX%event (idempotency_key, created_at);

-- The management API's message log: a tenant's events newest first, optionally of one type.
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%event_tenant_log_idx ON %TABLE_PREFIX%event (tenant_id, created_at, id);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%event_tenant_type_idx ON %TABLE_PREFIX%event (tenant_id, event_type, created_at, id);

CREATE TABLE IF NOT EXISTS %TABLE_PREFIX%endpoint (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	tenant_id VARCHAR(255),
	url VARCHAR(2048) NOT NULL,
	description VARCHAR(4096),
	event_types VARCHAR NOT NULL,
	headers VARCHAR NOT NULL,
	secrets VARCHAR NOT NULL,
	enabled BOOLEAN NOT NULL,
	disabled_reason VARCHAR(1024),
	failing_since TIMESTAMP WITH TIME ZONE,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	deleted_at TIMESTAMP WITH TIME ZONE,
	payload_filter VARCHAR,
	ordering VARCHAR(16) DEFAULT 'parallel' NOT NULL,
	rate_limit INT,
	ssl_bundle VARCHAR(255)
);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%endpoint_tenant_idx ON %TABLE_PREFIX%endpoint (tenant_id);

CREATE TABLE IF NOT EXISTS %TABLE_PREFIX%delivery (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	event_id VARCHAR(64) NOT NULL,
	endpoint_id VARCHAR(64) NOT NULL,
	status VARCHAR(16) NOT NULL,
	attempts INT NOT NULL,
	next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
	locked_by VARCHAR(255),
	locked_until TIMESTAMP WITH TIME ZONE,
	last_status_code INT,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	completed_at TIMESTAMP WITH TIME ZONE,
	seq BIGINT
);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%delivery_due_idx ON %TABLE_PREFIX%delivery (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%delivery_event_idx ON %TABLE_PREFIX%delivery (event_id);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%delivery_endpoint_idx ON %TABLE_PREFIX%delivery (endpoint_id, created_at);
-- The management API's delivery log filtered by status, an endpoint's backlog, its last success and failure, and
-- recovery of its failed deliveries; the unfiltered log reads %TABLE_PREFIX%delivery_endpoint_idx.
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%delivery_log_status_idx ON %TABLE_PREFIX%delivery (endpoint_id, status, created_at, id);

-- An ordered (FIFO) endpoint's queue: its deliveries carry seq, their place in the endpoint's publish order, and
-- the lowest pending one is the head, the only one that may be sent (the poller's claim leaves them alone). H2
-- has no partial index: the head is found through %TABLE_PREFIX%delivery_log_status_idx (the endpoint's pending
-- rows), so deliveries to other endpoints pay for no further index.

-- Per-endpoint delivery controls shared by every instance on the database: next_seq is the last sequence number
-- given to an ordered endpoint's deliveries (its row lock, held until the publishing transaction commits, makes
-- the sequence follow commit order); rate_tat is the rate limiter's theoretical arrival time in microseconds since
-- the epoch (GCRA: the earliest time the next request may go out).
CREATE TABLE IF NOT EXISTS %TABLE_PREFIX%endpoint_lane (
	endpoint_id VARCHAR(64) NOT NULL PRIMARY KEY,
	next_seq BIGINT NOT NULL,
	rate_tat BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS %TABLE_PREFIX%attempt (
	id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	delivery_id VARCHAR(64) NOT NULL,
	attempt_number INT NOT NULL,
	started_at TIMESTAMP WITH TIME ZONE NOT NULL,
	duration_ms BIGINT NOT NULL,
	status_code INT NOT NULL,
	response_body VARCHAR,
	error VARCHAR(4096),
	signature_scheme VARCHAR(100),
	signature_headers VARCHAR(1024)
);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%attempt_delivery_idx ON %TABLE_PREFIX%attempt (delivery_id);

-- Portal sessions (management API): a tenant's single-use link token and, once exchanged, the browser's session
-- secret, each stored only as its SHA-256 hash (hex). Expired rows are purged.
CREATE TABLE IF NOT EXISTS %TABLE_PREFIX%portal_session (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	tenant_id VARCHAR(255) NOT NULL,
	token_hash VARCHAR(64) NOT NULL,
	session_hash VARCHAR(64),
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	exchanged_at TIMESTAMP WITH TIME ZONE,
	revoked_at TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX IF NOT EXISTS %TABLE_PREFIX%portal_token_idx ON %TABLE_PREFIX%portal_session (token_hash);
CREATE UNIQUE INDEX IF NOT EXISTS %TABLE_PREFIX%portal_secret_idx ON %TABLE_PREFIX%portal_session (session_hash);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%portal_tenant_idx ON %TABLE_PREFIX%portal_session (tenant_id, expires_at);
CREATE INDEX IF NOT EXISTS %TABLE_PREFIX%portal_expires_idx ON %TABLE_PREFIX%portal_session (expires_at);
