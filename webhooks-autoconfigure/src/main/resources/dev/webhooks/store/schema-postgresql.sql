-- Tables of the webhooks starter. Only CREATE ... IF NOT EXISTS: an existing table is never dropped or altered.

-- Received webhooks (receive side): one row per (source, message id), for de-duplication, and the body of
-- asynchronous messages until they are handled. status: PROCESSING (claimed by a request), PENDING (accepted,
-- waiting for its asynchronous listener), HANDLED, FAILED (asynchronous listener failed every retry).
CREATE TABLE IF NOT EXISTS webhook_received (
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
CREATE INDEX IF NOT EXISTS webhook_received_received_at_idx ON webhook_received (received_at);
CREATE INDEX IF NOT EXISTS webhook_received_status_idx ON webhook_received (status, claimed_at);
