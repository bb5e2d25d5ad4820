package dev.webhooks.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.DeliveryAttempt;
import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.delivery.NewDelivery;
import dev.webhooks.event.OutboxEvent;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * The store's statements on H2: rows are inserted with multi-row statements ({@link MultiRowStatements}), and the
 * outcomes of a batch grouped by their values into one {@code UPDATE ... WHERE id IN (...)} each, because H2 runs
 * every statement of a JDBC batch on its own.
 */
final class H2StoreDialect extends StoreDialect {

	private static final String INSERT_EVENTS = """
			INSERT INTO %TABLE_PREFIX%event (id, event_type, tenant_id, idempotency_key, created_at, body,
				trace_parent)
			VALUES""";

	private static final int EVENT_COLUMNS = 7;

	private static final String INSERT_DELIVERIES = """
			INSERT INTO %TABLE_PREFIX%delivery (id, event_id, endpoint_id, status, attempts, next_attempt_at,
				locked_by, locked_until, created_at, seq)
			VALUES""";

	private static final int DELIVERY_COLUMNS = 10;

	private static final String INSERT_LANE_IF_ABSENT = """
			INSERT INTO %TABLE_PREFIX%endpoint_lane (endpoint_id, next_seq, rate_tat)
			SELECT CAST(? AS VARCHAR(64)), 0, 0
			WHERE NOT EXISTS (SELECT 1 FROM %TABLE_PREFIX%endpoint_lane WHERE endpoint_id = ?)
			""";

	// H2 locks every row it reads to sort, before LIMIT applies, so with ORDER BY one claimer locks all due rows
	// and the others find none; without it H2 reads the due index in order and locks only the rows it returns.
	private static final String SELECT_DUE_FOR_UPDATE_H2 = SELECT_DUE_FOR_UPDATE
		.replace("ORDER BY next_attempt_at\n", "");

	private static final String UPDATE_DELIVERIES_IN = """
			UPDATE %TABLE_PREFIX%delivery
			SET status = ?, attempts = COALESCE(?, attempts), next_attempt_at = COALESCE(?, next_attempt_at),
				last_status_code = COALESCE(?, last_status_code), completed_at = ?, locked_by = NULL,
				locked_until = NULL
			WHERE id IN (%s)
			""";

	private static final String INSERT_ATTEMPTS = """
			INSERT INTO %TABLE_PREFIX%attempt (delivery_id, attempt_number, started_at, duration_ms, status_code,
				response_body, error, signature_scheme, signature_headers)
			VALUES""";

	private static final int ATTEMPT_COLUMNS = 9;

	private final String insertEvents;

	private final String insertDeliveries;

	private final String selectDueForUpdate;

	private final String insertReceivedClaim;

	private final String updateDeliveriesIn;

	private final String insertAttempts;

	private final String insertLaneIfAbsent;

	H2StoreDialect(JdbcOperations jdbc, TablePrefix prefix) {
		super(jdbc);
		this.insertEvents = prefix.resolve(INSERT_EVENTS);
		this.insertDeliveries = prefix.resolve(INSERT_DELIVERIES);
		this.selectDueForUpdate = prefix.resolve(SELECT_DUE_FOR_UPDATE_H2);
		this.insertReceivedClaim = prefix.resolve(INSERT_RECEIVED_CLAIM);
		this.updateDeliveriesIn = prefix.resolve(UPDATE_DELIVERIES_IN);
		this.insertAttempts = prefix.resolve(INSERT_ATTEMPTS);
		this.insertLaneIfAbsent = prefix.resolve(INSERT_LANE_IF_ABSENT);
	}

	@Override
	String platform() {
		return "h2";
	}

	@Override
	void insert(List<OutboxEvent> events, List<Map.Entry<OutboxEvent, NewDelivery>> deliveries,
			Map<String, Long> sequences) {
		MultiRowStatements.insert(this.jdbc, this.insertEvents, EVENT_COLUMNS, events, H2StoreDialect::setEvent);
		MultiRowStatements.insert(this.jdbc, this.insertDeliveries, DELIVERY_COLUMNS, deliveries,
				(ps, index, delivery) -> setDelivery(ps, index, delivery.getKey(), delivery.getValue(),
						sequences.get(delivery.getValue().deliveryId())));
	}

	@Override
	void insertLaneIfAbsent(String endpointId) {
		this.jdbc.update(this.insertLaneIfAbsent, endpointId, endpointId);
	}

	private static void setEvent(PreparedStatement ps, int index, OutboxEvent event) throws SQLException {
		ps.setString(index, event.id());
		ps.setString(index + 1, event.type());
		ps.setString(index + 2, event.tenantId());
		ps.setString(index + 3, event.idempotencyKey());
		JdbcTimestamps.set(ps, index + 4, event.createdAt());
		ps.setBytes(index + 5, event.body());
		ps.setString(index + 6, event.traceParent());
	}

	private static void setDelivery(PreparedStatement ps, int index, OutboxEvent event, NewDelivery delivery,
			Long sequence) throws SQLException {
		ps.setString(index, delivery.deliveryId());
		ps.setString(index + 1, event.id());
		ps.setString(index + 2, delivery.endpointId());
		ps.setString(index + 3, DeliveryStatus.PENDING.name());
		ps.setInt(index + 4, 0);
		JdbcTimestamps.set(ps, index + 5, delivery.nextAttemptAt());
		ps.setString(index + 6, delivery.lockedBy());
		JdbcTimestamps.set(ps, index + 7, delivery.lockedUntil());
		JdbcTimestamps.set(ps, index + 8, event.createdAt());
		if (sequence != null) {
			ps.setLong(index + 9, sequence);
		}
		else {
			ps.setNull(index + 9, Types.BIGINT);
		}
	}

	/**
	 * No lock: H2 is embedded in one process, and two transactions of that process publishing one key at the same
	 * moment, neither committed, can both insert.
	 */
	@Override
	void lockIdempotencyKey(String tenantId, String idempotencyKey) {
	}

	/**
	 * No lock: H2 is embedded in one process, where {@code WebhookEndpoints} already makes the creates of a tenant
	 * take turns.
	 */
	@Override
	void lockTenantEndpoints(String tenantId) {
	}

	@Override
	String insertReceivedClaim() {
		return this.insertReceivedClaim;
	}

	@Override
	String selectDueForUpdate() {
		return this.selectDueForUpdate;
	}

	/** One {@code UPDATE ... WHERE id IN (...)} for the deliveries that get the same values. */
	@Override
	void updateDeliveries(Map<String, DeliveryUpdate> updates) {
		DeliveryUpdate.groupedByValues(updates)
			.forEach((update, ids) -> MultiRowStatements.updateIn(this.jdbc, this.updateDeliveriesIn, update::bind,
					ids));
	}

	@Override
	void insertAttempts(List<DeliveryAttempt> attempts) {
		MultiRowStatements.insert(this.jdbc, this.insertAttempts, ATTEMPT_COLUMNS, attempts, (ps, index, attempt) -> {
			ps.setString(index, attempt.deliveryId());
			ps.setInt(index + 1, attempt.attemptNumber());
			JdbcTimestamps.set(ps, index + 2, attempt.startedAt());
			ps.setLong(index + 3, durationMillis(attempt));
			ps.setInt(index + 4, attempt.statusCode());
			ps.setString(index + 5, attempt.responseBody());
			ps.setString(index + 6, attempt.error());
			ps.setString(index + 7, signatureScheme(attempt));
			ps.setString(index + 8, signatureHeaders(attempt));
		});
	}

}
