SET search_path TO api_explain;
\pset pager off
\set ep '''ep_0_0'''
\set tenant '''tenant_0'''
SELECT event_id AS evt FROM webhook_delivery WHERE endpoint_id = 'ep_0_0' AND status = 'DEAD' ORDER BY created_at LIMIT 1 OFFSET 1000 \gset
\echo Q1 deliveries, no filter
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT d.id, d.event_id, e.event_type, d.endpoint_id, d.status, d.attempts, d.last_status_code,
 (SELECT a.error FROM webhook_attempt a WHERE a.delivery_id = d.id ORDER BY a.attempt_number DESC FETCH FIRST 1 ROWS ONLY) AS last_error,
 d.created_at, d.next_attempt_at, d.completed_at
FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id WHERE d.endpoint_id = :ep
ORDER BY d.created_at DESC, d.id DESC FETCH FIRST 51 ROWS ONLY;
\echo Q2 deliveries, status=failed
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT d.id, e.event_type FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
WHERE d.endpoint_id = :ep AND d.status IN ('FAILED') ORDER BY d.created_at DESC, d.id DESC FETCH FIRST 51 ROWS ONLY;
\echo Q2b deliveries, status=failed,dead
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT d.id, e.event_type FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
WHERE d.endpoint_id = :ep AND d.status IN ('DEAD', 'FAILED') ORDER BY d.created_at DESC, d.id DESC FETCH FIRST 51 ROWS ONLY;
\echo Q3 deliveries, event_type
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT d.id, e.event_type FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
WHERE d.endpoint_id = :ep AND e.event_type = 'order.paid' ORDER BY d.created_at DESC, d.id DESC FETCH FIRST 51 ROWS ONLY;
\echo Q4 deliveries, since/until window
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT d.id, e.event_type FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
WHERE d.endpoint_id = :ep AND d.created_at >= now() - interval '20 days' AND d.created_at < now() - interval '10 days'
ORDER BY d.created_at DESC, d.id DESC FETCH FIRST 51 ROWS ONLY;
\echo Q5 deliveries, cursor deep in the log
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT d.id, e.event_type FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
WHERE d.endpoint_id = :ep AND (d.created_at, d.id) < (now() - interval '25 days', 'dlv_z')
ORDER BY d.created_at DESC, d.id DESC FETCH FIRST 51 ROWS ONLY;
\echo Q5b deliveries, previous page (towards newer)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT d.id, e.event_type FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
WHERE d.endpoint_id = :ep AND (d.created_at, d.id) > (now() - interval '25 days', 'dlv_z')
ORDER BY d.created_at ASC, d.id ASC FETCH FIRST 51 ROWS ONLY;
\echo Q6 one delivery of an event
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT d.id FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
WHERE d.endpoint_id = :ep AND d.event_id = :'evt' ORDER BY d.created_at DESC, d.id DESC FETCH FIRST 1 ROWS ONLY;
\echo Q7 attempts of an event at an endpoint
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT a.delivery_id FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
WHERE d.event_id = :'evt' AND d.endpoint_id = :ep ORDER BY a.started_at, a.id;
\echo Q7b attempts of an event at every endpoint
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT a.delivery_id FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
WHERE d.event_id = :'evt' ORDER BY a.started_at, a.id;
\echo Q8 messages of a tenant
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT e.id, e.event_type, e.created_at FROM webhook_event e WHERE e.tenant_id = :tenant
ORDER BY e.created_at DESC, e.id DESC FETCH FIRST 51 ROWS ONLY;
\echo Q9 messages of a tenant, event_type
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT e.id FROM webhook_event e WHERE e.tenant_id = :tenant AND e.event_type = 'order.paid'
ORDER BY e.created_at DESC, e.id DESC FETCH FIRST 51 ROWS ONLY;
\echo Q10 messages of a tenant, status=dead
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT e.id FROM webhook_event e WHERE e.tenant_id = :tenant
AND EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = e.id AND d.status IN ('DEAD'))
ORDER BY e.created_at DESC, e.id DESC FETCH FIRST 51 ROWS ONLY;
\echo Q10b messages of a tenant, cursor and since
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT e.id FROM webhook_event e WHERE e.tenant_id = :tenant AND e.created_at >= now() - interval '28 days'
AND (e.created_at, e.id) < (now() - interval '20 days', 'evt_z') ORDER BY e.created_at DESC, e.id DESC FETCH FIRST 51 ROWS ONLY;
\echo Q11 deliveries of a page of messages
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT d.id FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
WHERE d.event_id IN (SELECT id FROM webhook_event WHERE tenant_id = :tenant ORDER BY created_at DESC LIMIT 50) ORDER BY d.created_at, d.id;
\echo Q12 stats: attempts of the deliveries created in the window (3 days here: the data ends a day ago)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT COALESCE(SUM(attempts), 0), COALESCE(SUM(CASE WHEN status = 'SUCCEEDED' THEN 1 ELSE 0 END), 0)
FROM webhook_delivery WHERE endpoint_id = :ep AND created_at >= now() - interval '3 days';
\echo Q13 stats: backlog
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = :ep AND status = 'PENDING';
\echo Q14 stats: last failure
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT completed_at, last_status_code FROM webhook_delivery
WHERE endpoint_id = :ep AND status IN ('FAILED', 'DEAD') ORDER BY created_at DESC, id DESC FETCH FIRST 1 ROWS ONLY;
\echo Q14b stats: last success
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT completed_at, last_status_code FROM webhook_delivery
WHERE endpoint_id = :ep AND status IN ('SUCCEEDED') ORDER BY created_at DESC, id DESC FETCH FIRST 1 ROWS ONLY;
\echo Q15 recover: events whose newest delivery failed or died, since 7 days
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT e.id, e.event_type, e.tenant_id, e.created_at, e.body
FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
WHERE d.endpoint_id = :ep AND d.status IN ('FAILED', 'DEAD') AND d.created_at >= now() - interval '7 days'
 AND NOT EXISTS (SELECT 1 FROM webhook_delivery n WHERE n.event_id = d.event_id AND n.endpoint_id = d.endpoint_id
  AND (n.created_at, n.id) > (d.created_at, d.id))
ORDER BY d.created_at, d.id FETCH FIRST 500 ROWS ONLY;
\echo Q16 cancel pending on delete (rolled back)
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) UPDATE webhook_delivery SET status = 'CANCELLED', completed_at = now(), locked_by = NULL, locked_until = NULL
WHERE endpoint_id = :ep AND status = 'PENDING';
ROLLBACK;
\echo Q8t messages of a tenant with 100 events
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT e.id, e.event_type, e.created_at FROM webhook_event e WHERE e.tenant_id = 'tenant_tiny'
ORDER BY e.created_at DESC, e.id DESC FETCH FIRST 51 ROWS ONLY;
\echo Q9t messages of a tenant with 100 events, event_type
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT e.id FROM webhook_event e WHERE e.tenant_id = 'tenant_tiny' AND e.event_type = 'order.paid'
ORDER BY e.created_at DESC, e.id DESC FETCH FIRST 51 ROWS ONLY;
