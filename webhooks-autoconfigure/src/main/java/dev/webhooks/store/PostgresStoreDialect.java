package dev.webhooks.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.DeliveryAttempt;
import dev.webhooks.delivery.NewDelivery;
import dev.webhooks.event.OutboxEvent;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * The store's statements on PostgreSQL: rows are read from arrays ({@link PostgresArrays}), so a group of events
 * with their deliveries is one statement, a batch's attempts another, and a batch's outcomes a third, whatever
 * the number of rows; an idempotency key is locked with a transaction-scoped advisory lock.
 */
final class PostgresStoreDialect extends StoreDialect {

	// one text for any number of events and deliveries, and one round trip: the group commit's write on PostgreSQL
	private static final String INSERT_EVENTS_AND_DELIVERIES = """
			WITH events AS (
				INSERT INTO %TABLE_PREFIX%event (id, event_type, tenant_id, idempotency_key, created_at, body,
					trace_parent)
				SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[],
					?::bytea[], ?::varchar[])
			)
			INSERT INTO %TABLE_PREFIX%delivery (id, event_id, endpoint_id, status, attempts, next_attempt_at,
				locked_by, locked_until, created_at, seq)
			SELECT id, event_id, endpoint_id, 'PENDING', 0, next_attempt_at, locked_by, locked_until, created_at, seq
			FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::timestamptz[],
				?::timestamptz[], ?::int8[])
				AS d (id, event_id, endpoint_id, next_attempt_at, locked_by, locked_until, created_at, seq)
			""";

	private static final String INSERT_LANE_IF_ABSENT = """
			INSERT INTO %TABLE_PREFIX%endpoint_lane (endpoint_id, next_seq, rate_tat) VALUES (?, 0, 0)
			ON CONFLICT (endpoint_id) DO NOTHING
			""";

	// the two-int form, whose keys never meet the single-bigint keys an application may use for its own locks;
	// the first int says the lock is ours, the second is the key's hash (a collision only makes two keys wait)
	private static final String ADVISORY_XACT_LOCK = """
			SELECT pg_advisory_xact_lock(?, hashtext(?))
			""";

	/** The first int of the advisory locks on idempotency keys: "whik" in ASCII. */
	static final int IDEMPOTENCY_LOCK_CLASS = 0x7768696b;

	/** The first int of the advisory locks on a tenant's endpoints, taken to create one: "whep" in ASCII. */
	static final int TENANT_ENDPOINTS_LOCK_CLASS = 0x77686570;

	/** PostgreSQL's SQLSTATE for a lock not granted in time ({@code lock_timeout}) or at once ({@code NOWAIT}). */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final String UPDATE_DELIVERIES = """
			UPDATE %TABLE_PREFIX%delivery d
			SET status = u.status, attempts = COALESCE(u.attempts, d.attempts),
				next_attempt_at = COALESCE(u.next_attempt_at, d.next_attempt_at),
				last_status_code = COALESCE(u.status_code, d.last_status_code), completed_at = u.completed_at,
				locked_by = NULL, locked_until = NULL
			FROM unnest(?::varchar[], ?::varchar[], ?::int4[], ?::timestamptz[], ?::int4[], ?::timestamptz[])
				AS u (id, status, attempts, next_attempt_at, status_code, completed_at)
			WHERE d.id = u.id
			""";

	// A cached generic plan is made once for every size of the table: one made while the table was nearly empty
	// scans it whole for every batch later (seen with a grouped IN list: 30 to 100 ms a statement after 40,000
	// rows). Planned for the rows at hand, the update reads each row by its primary key.
	private static final String PLAN_FOR_THE_ROWS_AT_HAND = "SET LOCAL plan_cache_mode = force_custom_plan";

	private static final String INSERT_ATTEMPTS = """
			INSERT INTO %TABLE_PREFIX%attempt (delivery_id, attempt_number, started_at, duration_ms, status_code,
				response_body, error, signature_scheme, signature_headers)
			SELECT * FROM unnest(?::varchar[], ?::int4[], ?::timestamptz[], ?::int8[], ?::int4[], ?::text[], ?::text[],
				?::varchar[], ?::varchar[])
			""";

	/**
	 * The claim of a received webhook, committed without waiting for its WAL record to reach the disk (the commit
	 * is visible to every other session at once, so the primary key still lets one claim win). A crash of the
	 * database server can lose the last fraction of a second of claims: each of them was a message that is then
	 * handled again when redelivered, a duplicate as with a lost confirmation, never a loss. The statement is its
	 * own transaction, so the setting ends with it.
	 */
	private static final String INSERT_RECEIVED_CLAIM_WITHOUT_COMMIT_WAIT = """
			WITH no_commit_wait AS (SELECT set_config('synchronous_commit', 'off', true))
			INSERT INTO %TABLE_PREFIX%received (source, message_id, status, received_at, claimed_at)
			SELECT ?, ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE)
			FROM no_commit_wait""";

	private final String insertEventsAndDeliveries;

	private final String selectDueForUpdate;

	private final String insertReceivedClaim;

	private final String updateDeliveries;

	private final String insertAttempts;

	private final String insertLaneIfAbsent;

	PostgresStoreDialect(JdbcOperations jdbc, TablePrefix prefix) {
		super(jdbc);
		this.insertEventsAndDeliveries = prefix.resolve(INSERT_EVENTS_AND_DELIVERIES);
		this.selectDueForUpdate = prefix.resolve(SELECT_DUE_FOR_UPDATE);
		this.insertReceivedClaim = prefix.resolve(INSERT_RECEIVED_CLAIM_WITHOUT_COMMIT_WAIT);
		this.updateDeliveries = prefix.resolve(UPDATE_DELIVERIES);
		this.insertAttempts = prefix.resolve(INSERT_ATTEMPTS);
		this.insertLaneIfAbsent = prefix.resolve(INSERT_LANE_IF_ABSENT);
	}

	@Override
	String platform() {
		return "postgresql";
	}

	@Override
	void insert(List<OutboxEvent> events, List<Map.Entry<OutboxEvent, NewDelivery>> deliveries,
			Map<String, Long> sequences) {
		this.jdbc.update(this.insertEventsAndDeliveries, (PreparedStatement ps) -> {
			PostgresArrays.setText(ps, 1, events, OutboxEvent::id);
			PostgresArrays.setText(ps, 2, events, OutboxEvent::type);
			PostgresArrays.setText(ps, 3, events, OutboxEvent::tenantId);
			PostgresArrays.setText(ps, 4, events, OutboxEvent::idempotencyKey);
			PostgresArrays.setTimestamp(ps, 5, events, OutboxEvent::createdAt);
			PostgresArrays.setBytes(ps, 6, events, OutboxEvent::body);
			PostgresArrays.setText(ps, 7, events, OutboxEvent::traceParent);
			PostgresArrays.setText(ps, 8, deliveries, (d) -> d.getValue().deliveryId());
			PostgresArrays.setText(ps, 9, deliveries, (d) -> d.getKey().id());
			PostgresArrays.setText(ps, 10, deliveries, (d) -> d.getValue().endpointId());
			PostgresArrays.setTimestamp(ps, 11, deliveries, (d) -> d.getValue().nextAttemptAt());
			PostgresArrays.setText(ps, 12, deliveries, (d) -> d.getValue().lockedBy());
			PostgresArrays.setTimestamp(ps, 13, deliveries, (d) -> d.getValue().lockedUntil());
			PostgresArrays.setTimestamp(ps, 14, deliveries, (d) -> d.getKey().createdAt());
			PostgresArrays.setLong(ps, 15, deliveries, (d) -> sequences.get(d.getValue().deliveryId()));
		});
	}

	@Override
	void insertLaneIfAbsent(String endpointId) {
		this.jdbc.update(this.insertLaneIfAbsent, endpointId);
	}

	/** A transaction-scoped advisory lock on the key's hash. */
	@Override
	void lockIdempotencyKey(String tenantId, String idempotencyKey) {
		// the tenant's length first, so that no tenant and key pair spells another's
		String lockName = ((tenantId != null) ? tenantId.length() + ":" + tenantId : "-") + ":" + idempotencyKey;
		lockForTransaction(IDEMPOTENCY_LOCK_CLASS, lockName, "idempotency-key", tenantId);
	}

	/** A transaction-scoped advisory lock on the tenant's hash (a collision only makes two tenants wait). */
	@Override
	void lockTenantEndpoints(String tenantId) {
		lockForTransaction(TENANT_ENDPOINTS_LOCK_CLASS, (tenantId != null) ? "t:" + tenantId : "-", "endpoint",
				tenantId);
	}

	/**
	 * Take a transaction-scoped advisory lock. Under a {@code lock_timeout} the wait can run out (SQLSTATE 55P03),
	 * which Spring's default translation leaves uncategorized; it is a {@link CannotAcquireLockException} here, as
	 * the in-process turn's timeout is, so that callers (the management API's 503) see one kind of failure to
	 * retry.
	 */
	private void lockForTransaction(int lockClass, String name, String kind, String tenantId) {
		try {
			this.jdbc.query(ADVISORY_XACT_LOCK, (ResultSet rs) -> null, lockClass, name);
		}
		catch (UncategorizedSQLException ex) {
			SQLException cause = ex.getSQLException();
			if (cause != null && LOCK_NOT_AVAILABLE.equals(cause.getSQLState())) {
				throw new CannotAcquireLockException("The " + kind + " lock of tenant '" + tenantId
						+ "' was not granted within the connection's lock_timeout", cause);
			}
			throw ex;
		}
	}

	@Override
	String insertReceivedClaim() {
		return this.insertReceivedClaim;
	}

	@Override
	String selectDueForUpdate() {
		return this.selectDueForUpdate;
	}

	/** One statement for the whole batch that reads each row's values from arrays, planned for the rows at hand. */
	@Override
	void updateDeliveries(Map<String, DeliveryUpdate> updates) {
		List<Map.Entry<String, DeliveryUpdate>> rows = List.copyOf(updates.entrySet());
		this.jdbc.execute(PLAN_FOR_THE_ROWS_AT_HAND);
		this.jdbc.update(this.updateDeliveries, (PreparedStatement ps) -> {
			PostgresArrays.setText(ps, 1, rows, Map.Entry::getKey);
			PostgresArrays.setText(ps, 2, rows, (row) -> row.getValue().status());
			PostgresArrays.setInteger(ps, 3, rows, (row) -> row.getValue().attempts());
			PostgresArrays.setTimestamp(ps, 4, rows, (row) -> row.getValue().nextAttemptAt());
			PostgresArrays.setInteger(ps, 5, rows, (row) -> row.getValue().statusCode());
			PostgresArrays.setTimestamp(ps, 6, rows, (row) -> row.getValue().completedAt());
		});
	}

	@Override
	void insertAttempts(List<DeliveryAttempt> attempts) {
		this.jdbc.update(this.insertAttempts, (PreparedStatement ps) -> {
			PostgresArrays.setText(ps, 1, attempts, DeliveryAttempt::deliveryId);
			PostgresArrays.setInteger(ps, 2, attempts, DeliveryAttempt::attemptNumber);
			PostgresArrays.setTimestamp(ps, 3, attempts, DeliveryAttempt::startedAt);
			PostgresArrays.setLong(ps, 4, attempts, StoreDialect::durationMillis);
			PostgresArrays.setInteger(ps, 5, attempts, DeliveryAttempt::statusCode);
			PostgresArrays.setText(ps, 6, attempts, DeliveryAttempt::responseBody);
			PostgresArrays.setText(ps, 7, attempts, DeliveryAttempt::error);
			PostgresArrays.setText(ps, 8, attempts, StoreDialect::signatureScheme);
			PostgresArrays.setText(ps, 9, attempts, StoreDialect::signatureHeaders);
		});
	}

}
