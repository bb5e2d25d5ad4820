-- The management API's delivery-log queries on 1,000,000 deliveries: run with
--   psql -h 127.0.0.1 -U postgres -d test -f setup.sql && psql ... -f explain.sql && psql ... -c 'DROP SCHEMA api_explain CASCADE'
-- (autovacuum may be off: setup ends with ANALYZE; run VACUUM ANALYZE api_explain.webhook_delivery for index-only scans)
DROP SCHEMA IF EXISTS api_explain CASCADE;
CREATE SCHEMA api_explain;
SET search_path TO api_explain;
\i /work/wt-api/webhooks-autoconfigure/src/main/resources/dev/webhooks/store/schema-postgresql.sql
-- 10 tenants, 4 endpoints each; tenant_0 publishes half of the 250,000 events, so each of its endpoints holds
-- 125,000 deliveries; every event goes to its tenant's 4 endpoints: 1,000,000 deliveries, one attempt each.
-- Types and statuses are drawn at random (90 % succeeded, 5 % failed, 3 % dead, 2 % pending).
SELECT setseed(0.42);
INSERT INTO webhook_endpoint (id, tenant_id, url, event_types, headers, secrets, enabled, created_at, updated_at)
SELECT 'ep_' || t || '_' || k, 'tenant_' || t, 'https://example.com/' || t || '/' || k, '[]', '{}', '[]', TRUE,
	now() - interval '60 days', now()
FROM generate_series(0, 9) AS t CROSS JOIN generate_series(0, 3) AS k;
INSERT INTO webhook_event (id, event_type, tenant_id, created_at, body)
SELECT 'evt_' || lpad(i::text, 8, '0'),
	(ARRAY['order.created','order.shipped','order.paid','invoice.sent','user.created'])[1 + floor(random() * 5)::int],
	'tenant_' || CASE WHEN random() < 0.5 THEN 0 ELSE 1 + floor(random() * 9)::int END,
	now() - interval '30 days' + (i * interval '10 seconds'), convert_to('{"id":"evt_' || i || '"}', 'UTF8')
FROM generate_series(0, 249999) AS i;
INSERT INTO webhook_delivery (id, event_id, endpoint_id, status, attempts, next_attempt_at, last_status_code, created_at, completed_at)
SELECT 'dlv_' || substr(e.id, 5) || '_' || k, e.id, 'ep_' || substr(e.tenant_id, 8) || '_' || k, s.status, 1, e.created_at,
	CASE WHEN s.status = 'SUCCEEDED' THEN 200 ELSE 503 END, e.created_at,
	CASE WHEN s.status = 'PENDING' THEN NULL ELSE e.created_at + interval '1 second' END
FROM webhook_event e CROSS JOIN generate_series(0, 3) AS k
CROSS JOIN LATERAL (SELECT CASE WHEN r < 0.90 THEN 'SUCCEEDED' WHEN r < 0.95 THEN 'FAILED' WHEN r < 0.98 THEN 'DEAD'
	ELSE 'PENDING' END AS status FROM (SELECT random() + k * 0 + length(e.id) * 0 AS r) AS x) AS s;
INSERT INTO webhook_attempt (delivery_id, attempt_number, started_at, duration_ms, status_code, response_body, error)
SELECT id, 1, created_at, 40, COALESCE(last_status_code, 0), NULL, NULL FROM webhook_delivery;
ANALYZE webhook_endpoint; ANALYZE webhook_event; ANALYZE webhook_delivery; ANALYZE webhook_attempt;
SELECT (SELECT count(*) FROM webhook_delivery WHERE endpoint_id = 'ep_0_0') AS big_endpoint, (SELECT count(*) FROM webhook_delivery) AS deliveries, (SELECT count(*) FROM webhook_event) AS events,
	(SELECT count(*) FROM webhook_attempt) AS attempts;
-- a tenant with 100 events among the 250,000, for the plans of a small tenant's messages
UPDATE webhook_event SET tenant_id = 'tenant_tiny' WHERE id IN (SELECT id FROM webhook_event WHERE tenant_id = 'tenant_3' ORDER BY id LIMIT 100);
VACUUM ANALYZE webhook_event;
VACUUM ANALYZE webhook_delivery;
