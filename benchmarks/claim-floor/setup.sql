DROP SCHEMA IF EXISTS wh_bench_claimfloor CASCADE;
CREATE SCHEMA wh_bench_claimfloor;
CREATE TABLE wh_bench_claimfloor.received (
	source VARCHAR(100) NOT NULL,
	message_id VARCHAR(255) NOT NULL,
	status VARCHAR(16) NOT NULL,
	received_at TIMESTAMP WITH TIME ZONE NOT NULL,
	claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
	handled_at TIMESTAMP WITH TIME ZONE,
	event_type VARCHAR(255),
	signed_at TIMESTAMP WITH TIME ZONE,
	headers TEXT,
	body BYTEA,
	PRIMARY KEY (source, message_id)
);
CREATE INDEX ON wh_bench_claimfloor.received (received_at);
CREATE INDEX ON wh_bench_claimfloor.received (status, claimed_at);
