package dev.webhooks.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

	private final String selectEventByKey;

	private final String selectEventOfNoTenantByKey;

	JdbcOutboxWriter(JdbcOperations jdbc, StoreDialect dialect, TablePrefix prefix) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.selectEventByKey = prefix.resolve(SELECT_EVENT_BY_KEY);
		this.selectEventOfNoTenantByKey = prefix.resolve(SELECT_EVENT_OF_NO_TENANT_BY_KEY);
	}

	void insertAll(List<NewEvent> events) {
		List<OutboxEvent> rows = new ArrayList<>(events.size());
		List<Map.Entry<OutboxEvent, NewDelivery>> deliveries = new ArrayList<>();
		for (NewEvent event : events) {
			rows.add(event.event());
			for (NewDelivery delivery : event.deliveries()) {
				deliveries.add(Map.entry(event.event(), delivery));
			}
		}
		this.dialect.insert(rows, deliveries);
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
