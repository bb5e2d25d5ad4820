INSERT INTO webhook_received (source, message_id, status, received_at, claimed_at) VALUES ('bench', 'msg_' || :client_id || '_' || random(), 'PROCESSING', now(), now());
