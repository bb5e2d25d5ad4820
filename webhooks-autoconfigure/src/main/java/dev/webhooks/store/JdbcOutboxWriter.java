package dev.webhooks.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.webhooks.delivery.NewDelivery;
import dev.webhooks.delivery.NewEvent;
import dev.webhooks.event.OutboxEvent;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Writes published events and their deliveries into the outbox, in the publisher's transaction, and looks events
 * up by idempotency key (locking the key first, where the database can, so a concurrent publish of it waits).
 */
final class JdbcOutboxWriter {

	private static final String SELECT_EVENT_BY_KEY = """
			SELECT id
			FROM %TABLE_PREFIX%event
			WHERE idempotency_key = ? AND tenant_id = ? AND created_at >= ?
			ORDER BY created_at
			LIMIT 1
			""";

	private static final String SELECT_EVENT_OF_NO_TENANT_BY_KEY = """
			SELECT id
			FROM %TABLE_PREFIX%event
			WHERE idempotency_key = ? AND tenant_id IS NULL AND created_at >= ?
			ORDER BY created_at
			LIMIT 1
			""";

	private final JdbcOperations jdbc;

	private final StoreDialect dialect;

	private final JdbcEndpointLanes lanes;

	private final String selectEventByKey;

	private final String selectEventOfNoTenantByKey;

	JdbcOutboxWriter(JdbcOperations jdbc, StoreDialect dialect, TablePrefix prefix, JdbcEndpointLanes lanes) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.lanes = lanes;
		this.selectEventByKey = prefix.resolve(SELECT_EVENT_BY_KEY);
		this.selectEventOfNoTenantByKey = prefix.resolve(SELECT_EVENT_OF_NO_TENANT_BY_KEY);
	}

	void insertAll(List<NewEvent> events) {
		List<OutboxEvent> rows = new ArrayList<>(events.size());
		List<Map.Entry<OutboxEvent, NewDelivery>> deliveries = new ArrayList<>();
		Map<String, List<NewDelivery>> ordered = null;
		for (NewEvent event : events) {
			rows.add(event.event());
			for (NewDelivery delivery : event.deliveries()) {
				deliveries.add(Map.entry(event.event(), delivery));
				if (delivery.ordered()) {
					ordered = (ordered != null) ? ordered : new TreeMap<>();
					ordered.computeIfAbsent(delivery.endpointId(), (id) -> new ArrayList<>()).add(delivery);
				}
			}
		}
		this.dialect.insert(rows, deliveries, (ordered != null) ? sequences(ordered) : Map.of());
	}

	/**
	 * Places in their endpoints' queues for ordered deliveries, in the order the events were published. Endpoints
	 * are locked in the order of their ids, so two transactions publishing to the same ordered endpoints cannot
	 * each wait for a lock the other holds.
	 */
	private Map<String, Long> sequences(Map<String, List<NewDelivery>> orderedByEndpoint) {
		Map<String, Long> sequences = new HashMap<>();
		orderedByEndpoint.forEach((endpointId, deliveries) -> {
			long next = this.lanes.reserveSequence(endpointId, deliveries.size());
			for (NewDelivery delivery : deliveries) {
				sequences.put(delivery.deliveryId(), next++);
			}
		});
		return sequences;
	}

	void lockIdempotencyKey(String tenantId, String idempotencyKey) {
		this.dialect.lockIdempotencyKey(tenantId, idempotencyKey);
	}

	Optional<String> findEventIdByIdempotencyKey(String tenantId, String idempotencyKey, Instant since) {
		List<String> ids = (tenantId != null)
				? this.jdbc.queryForList(this.selectEventByKey, String.class, idempotencyKey, tenantId,
						JdbcTimestamps.param(since))
				: this.jdbc.queryForList(this.selectEventOfNoTenantByKey, String.class, idempotencyKey,
						JdbcTimestamps.param(since));
		return ids.stream().findFirst();
	}

}
