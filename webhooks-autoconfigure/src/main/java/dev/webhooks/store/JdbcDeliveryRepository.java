package dev.webhooks.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.webhooks.delivery.DeliveryAttempt;
import dev.webhooks.delivery.DeliveryOutcome;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.delivery.NewDelivery;
import dev.webhooks.delivery.NewEvent;
import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.event.OutboxEvent;
import dev.webhooks.signing.SecretEncryption;
import dev.webhooks.signing.WebhookSecret;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@link DeliveryRepository} on the {@code webhook_event}, {@code webhook_delivery}, {@code webhook_attempt}
 * and {@code webhook_endpoint} tables of the application's database (PostgreSQL or H2).
 * <p>
 * {@link #claimDue} selects due rows with {@code FOR UPDATE SKIP LOCKED}, so concurrent pollers, in this instance
 * or others sharing the database, each get different rows without waiting on each other, and leases them by
 * setting {@code locked_by} and {@code locked_until} before the transaction ends; a lease that runs out makes the
 * row due again. On PostgreSQL, rows are inserted by statements that read them from arrays ({@link PostgresArrays}):
 * a group of events with their deliveries in one statement, a batch's attempts in another; on H2 with multi-row
 * statements ({@link MultiRowStatements}). The outcomes of a batch are written in one transaction: on H2 grouped by
 * their values into one statement each, on PostgreSQL in one statement that reads them from arrays. The ids a
 * statement needs are bound as parameters, never concatenated.
 */
public class JdbcDeliveryRepository implements DeliveryRepository {

	private static final String INSERT_EVENTS = """
			INSERT INTO webhook_event (id, event_type, tenant_id, idempotency_key, created_at, body)
			VALUES""";

	private static final int EVENT_COLUMNS = 6;

	private static final String INSERT_DELIVERIES = """
			INSERT INTO webhook_delivery (id, event_id, endpoint_id, status, attempts, next_attempt_at, locked_by,
				locked_until, created_at)
			VALUES""";

	private static final int DELIVERY_COLUMNS = 9;

	// one text for any number of events and deliveries, and one round trip: the group commit's write on PostgreSQL
	private static final String INSERT_EVENTS_AND_DELIVERIES_POSTGRES = """
			WITH events AS (
				INSERT INTO webhook_event (id, event_type, tenant_id, idempotency_key, created_at, body)
				SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[],
					?::bytea[])
			)
			INSERT INTO webhook_delivery (id, event_id, endpoint_id, status, attempts, next_attempt_at, locked_by,
				locked_until, created_at)
			SELECT id, event_id, endpoint_id, 'PENDING', 0, next_attempt_at, locked_by, locked_until, created_at
			FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::timestamptz[],
				?::timestamptz[]) AS d (id, event_id, endpoint_id, next_attempt_at, locked_by, locked_until, created_at)
			""";

	// the two-int form, whose keys never meet the single-bigint keys an application may use for its own locks;
	// the first int says the lock is ours, the second is the key's hash (a collision only makes two keys wait)
	private static final String LOCK_IDEMPOTENCY_KEY_POSTGRES = """
			SELECT pg_advisory_xact_lock(?, hashtext(?))
			""";

	/** The first int of the advisory locks on idempotency keys: "whik" in ASCII. */
	static final int IDEMPOTENCY_LOCK_CLASS = 0x7768696b;

	private static final String SELECT_EVENT_BY_KEY = """
			SELECT id
			FROM webhook_event
			WHERE idempotency_key = ? AND tenant_id = ? AND created_at >= ?
			ORDER BY created_at
			LIMIT 1
			""";

	private static final String SELECT_EVENT_OF_NO_TENANT_BY_KEY = """
			SELECT id
			FROM webhook_event
			WHERE idempotency_key = ? AND tenant_id IS NULL AND created_at >= ?
			ORDER BY created_at
			LIMIT 1
			""";

	private static final String SELECT_DUE_FOR_UPDATE = """
			SELECT id
			FROM webhook_delivery
			WHERE status = 'PENDING' AND next_attempt_at <= ?
				AND (locked_until IS NULL OR locked_until <= ?)
				AND endpoint_id IN (SELECT id FROM webhook_endpoint WHERE enabled = TRUE AND deleted_at IS NULL)
			ORDER BY next_attempt_at
			LIMIT ?
			FOR UPDATE SKIP LOCKED
			""";

	// H2 locks every row it reads to sort, before LIMIT applies, so with ORDER BY one claimer locks all due rows
	// and the others find none; without it H2 reads the due index in order and locks only the rows it returns.
	private static final String SELECT_DUE_FOR_UPDATE_H2 = SELECT_DUE_FOR_UPDATE.replace("ORDER BY next_attempt_at\n",
			"");

	private static final String LEASE_DELIVERY = """
			UPDATE webhook_delivery
			SET locked_by = ?, locked_until = ?
			WHERE id = ?
			""";

	private static final String SELECT_TASKS = """
			SELECT d.id, d.event_id, e.event_type, e.tenant_id, e.created_at, e.body, d.endpoint_id, p.url,
				p.headers, p.secrets, d.attempts
			FROM webhook_delivery d
			JOIN webhook_event e ON e.id = d.event_id
			JOIN webhook_endpoint p ON p.id = d.endpoint_id
			WHERE d.id IN (%s)
			ORDER BY d.next_attempt_at
			""";

	private static final String UPDATE_DELIVERIES_IN = """
			UPDATE webhook_delivery
			SET status = ?, attempts = COALESCE(?, attempts), next_attempt_at = COALESCE(?, next_attempt_at),
				last_status_code = COALESCE(?, last_status_code), completed_at = ?, locked_by = NULL,
				locked_until = NULL
			WHERE id IN (%s)
			""";

	private static final String UPDATE_DELIVERIES_POSTGRES = """
			UPDATE webhook_delivery d
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

	private static final String RELEASE_LEASE = """
			UPDATE webhook_delivery
			SET locked_by = NULL, locked_until = NULL
			WHERE id = ? AND locked_by = ? AND status = 'PENDING'
			""";

	private static final String INSERT_ATTEMPTS = """
			INSERT INTO webhook_attempt (delivery_id, attempt_number, started_at, duration_ms, status_code,
				response_body, error)
			VALUES""";

	private static final int ATTEMPT_COLUMNS = 7;

	private static final String INSERT_ATTEMPTS_POSTGRES = """
			INSERT INTO webhook_attempt (delivery_id, attempt_number, started_at, duration_ms, status_code,
				response_body, error)
			SELECT * FROM unnest(?::varchar[], ?::int4[], ?::timestamptz[], ?::int8[], ?::int4[], ?::text[], ?::text[])
			""";

	private static final String DISABLE_ENDPOINT = """
			UPDATE webhook_endpoint
			SET enabled = FALSE, disabled_reason = ?, updated_at = ?
			WHERE id = ? AND enabled = TRUE
			""";

	private static final String START_FAILING = """
			UPDATE webhook_endpoint
			SET failing_since = ?
			WHERE id = ? AND failing_since IS NULL
			""";

	private static final String STOP_FAILING = """
			UPDATE webhook_endpoint
			SET failing_since = NULL
			WHERE id = ? AND failing_since IS NOT NULL
			""";

	private static final String SELECT_FAILING_FOR_UPDATE = """
			SELECT id
			FROM webhook_endpoint
			WHERE enabled = TRUE AND deleted_at IS NULL AND failing_since < ?
			ORDER BY id
			FOR UPDATE
			""";

	// the status is a literal, not a parameter, so PostgreSQL can answer from the partial index of that status
	private static final String COUNT_PENDING = """
			SELECT COUNT(*)
			FROM webhook_delivery
			WHERE status = 'PENDING'
			""";

	private static final String COUNT_DEAD = """
			SELECT COUNT(*)
			FROM webhook_delivery
			WHERE status = 'DEAD'
			""";

	private static final String SELECT_EVENTS_BEFORE = """
			SELECT id
			FROM webhook_event
			WHERE created_at < ?
			ORDER BY created_at
			LIMIT ?
			""";

	private static final String DELETE_ATTEMPTS_OF_EVENTS = """
			DELETE FROM webhook_attempt
			WHERE delivery_id IN (SELECT id FROM webhook_delivery WHERE event_id IN (%s))
			""";

	private static final String DELETE_DELIVERIES_OF_EVENTS = """
			DELETE FROM webhook_delivery
			WHERE event_id IN (%s)
			""";

	private static final String DELETE_EVENTS = """
			DELETE FROM webhook_event
			WHERE id IN (%s)
			""";

	/** Why {@link #recordOutcomes} disables an endpoint that asked for it. */
	static final String GONE_REASON = "The endpoint answered 410 Gone";

	private final JdbcOperations jdbc;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final SecretEncryption encryption;

	private volatile Boolean h2;

	/**
	 * Create a repository.
	 * @param jdbc JDBC access to the application's data source
	 * @param transactions the transactions that claims, outcomes and health checks run in; {@link #insert} runs in
	 * the caller's
	 * @param clock the clock for completion and disabling times
	 */
	public JdbcDeliveryRepository(JdbcOperations jdbc, TransactionOperations transactions, Clock clock) {
		this(jdbc, transactions, clock, SecretEncryption.none());
	}

	/**
	 * Create a repository that reads encrypted endpoint secrets.
	 * @param jdbc JDBC access to the application's data source
	 * @param transactions the transactions that claims, outcomes and health checks run in; {@link #insert} runs in
	 * the caller's
	 * @param clock the clock for completion and disabling times
	 * @param encryption opens the endpoints' secrets column, as the endpoint repository sealed it
	 */
	public JdbcDeliveryRepository(JdbcOperations jdbc, TransactionOperations transactions, Clock clock,
			SecretEncryption encryption) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.encryption = encryption;
	}

	@Override
	public void insert(OutboxEvent event, List<NewDelivery> deliveries) {
		insertAll(List.of(new NewEvent(event, deliveries)));
	}

	@Override
	public void insertAll(List<NewEvent> events) {
		List<OutboxEvent> rows = new ArrayList<>(events.size());
		List<Map.Entry<OutboxEvent, NewDelivery>> deliveries = new ArrayList<>();
		for (NewEvent event : events) {
			rows.add(event.event());
			for (NewDelivery delivery : event.deliveries()) {
				deliveries.add(Map.entry(event.event(), delivery));
			}
		}
		if (!isH2()) {
			insertAllPostgres(rows, deliveries);
			return;
		}
		MultiRowStatements.insert(this.jdbc, INSERT_EVENTS, EVENT_COLUMNS, rows, JdbcDeliveryRepository::setEvent);
		MultiRowStatements.insert(this.jdbc, INSERT_DELIVERIES, DELIVERY_COLUMNS, deliveries,
				(ps, index, delivery) -> setDelivery(ps, index, delivery.getKey(), delivery.getValue()));
	}

	private void insertAllPostgres(List<OutboxEvent> events, List<Map.Entry<OutboxEvent, NewDelivery>> deliveries) {
		this.jdbc.update(INSERT_EVENTS_AND_DELIVERIES_POSTGRES, (PreparedStatement ps) -> {
			PostgresArrays.setText(ps, 1, events, OutboxEvent::id);
			PostgresArrays.setText(ps, 2, events, OutboxEvent::type);
			PostgresArrays.setText(ps, 3, events, OutboxEvent::tenantId);
			PostgresArrays.setText(ps, 4, events, OutboxEvent::idempotencyKey);
			PostgresArrays.setTimestamp(ps, 5, events, OutboxEvent::createdAt);
			PostgresArrays.setBytes(ps, 6, events, OutboxEvent::body);
			PostgresArrays.setText(ps, 7, deliveries, (d) -> d.getValue().deliveryId());
			PostgresArrays.setText(ps, 8, deliveries, (d) -> d.getKey().id());
			PostgresArrays.setText(ps, 9, deliveries, (d) -> d.getValue().endpointId());
			PostgresArrays.setTimestamp(ps, 10, deliveries, (d) -> d.getValue().nextAttemptAt());
			PostgresArrays.setText(ps, 11, deliveries, (d) -> d.getValue().lockedBy());
			PostgresArrays.setTimestamp(ps, 12, deliveries, (d) -> d.getValue().lockedUntil());
			PostgresArrays.setTimestamp(ps, 13, deliveries, (d) -> d.getKey().createdAt());
		});
	}

	private static void setEvent(PreparedStatement ps, int index, OutboxEvent event) throws SQLException {
		ps.setString(index, event.id());
		ps.setString(index + 1, event.type());
		ps.setString(index + 2, event.tenantId());
		ps.setString(index + 3, event.idempotencyKey());
		JdbcTimestamps.set(ps, index + 4, event.createdAt());
		ps.setBytes(index + 5, event.body());
	}

	private static void setDelivery(PreparedStatement ps, int index, OutboxEvent event, NewDelivery delivery)
			throws SQLException {
		ps.setString(index, delivery.deliveryId());
		ps.setString(index + 1, event.id());
		ps.setString(index + 2, delivery.endpointId());
		ps.setString(index + 3, DeliveryStatus.PENDING.name());
		ps.setInt(index + 4, 0);
		JdbcTimestamps.set(ps, index + 5, delivery.nextAttemptAt());
		ps.setString(index + 6, delivery.lockedBy());
		JdbcTimestamps.set(ps, index + 7, delivery.lockedUntil());
		JdbcTimestamps.set(ps, index + 8, event.createdAt());
	}

	/**
	 * On PostgreSQL, a transaction-scoped advisory lock on the key's hash. H2 is embedded in one process; there
	 * the lock is not taken, and two transactions of that process publishing one key at the same moment, neither
	 * committed, can both insert.
	 */
	@Override
	public void lockIdempotencyKey(String tenantId, String idempotencyKey) {
		if (isH2()) {
			return;
		}
		// the tenant's length first, so that no tenant and key pair spells another's
		String lockName = ((tenantId != null) ? tenantId.length() + ":" + tenantId : "-") + ":" + idempotencyKey;
		this.jdbc.query(LOCK_IDEMPOTENCY_KEY_POSTGRES, (ResultSet rs) -> null, IDEMPOTENCY_LOCK_CLASS, lockName);
	}

	@Override
	public Optional<String> findEventIdByIdempotencyKey(String tenantId, String idempotencyKey, Instant since) {
		List<String> ids = (tenantId != null)
				? this.jdbc.queryForList(SELECT_EVENT_BY_KEY, String.class, idempotencyKey, tenantId,
						JdbcTimestamps.param(since))
				: this.jdbc.queryForList(SELECT_EVENT_OF_NO_TENANT_BY_KEY, String.class, idempotencyKey,
						JdbcTimestamps.param(since));
		return ids.stream().findFirst();
	}

	@Override
	public List<DeliveryTask> claimDue(String owner, Instant now, Duration lease, int limit) {
		List<DeliveryTask> tasks = this.transactions.execute((status) -> {
			List<String> ids = this.jdbc.queryForList(selectDueSql(), String.class,
					JdbcTimestamps.param(now), JdbcTimestamps.param(now), limit);
			if (ids.isEmpty()) {
				return List.<DeliveryTask>of();
			}
			updateEach(LEASE_DELIVERY, ids, owner, now.plus(lease));
			return selectTasks(ids, now);
		});
		return (tasks != null) ? tasks : List.of();
	}

	private String selectDueSql() {
		return isH2() ? SELECT_DUE_FOR_UPDATE_H2 : SELECT_DUE_FOR_UPDATE;
	}

	private boolean isH2() {
		Boolean h2 = this.h2;
		if (h2 == null) {
			String product = this.jdbc.execute((ConnectionCallback<String>) (connection) -> connection.getMetaData()
				.getDatabaseProductName());
			h2 = "H2".equalsIgnoreCase(product);
			this.h2 = h2;
		}
		return h2;
	}

	private List<DeliveryTask> selectTasks(List<String> ids, Instant now) {
		String sql = SELECT_TASKS.formatted(String.join(", ", Collections.nCopies(ids.size(), "?")));
		return this.jdbc.query(sql, (rs, row) -> mapTask(rs, now), ids.toArray());
	}

	private DeliveryTask mapTask(ResultSet rs, Instant now) throws SQLException {
		List<WebhookSecret> secrets = EndpointSecret.signingAt(EndpointJson.readSecrets(rs.getString("secrets"), this.encryption), now);
		return new DeliveryTask(rs.getString("id"), rs.getString("event_id"), rs.getString("event_type"),
				rs.getString("tenant_id"), JdbcTimestamps.get(rs, "created_at"), rs.getBytes("body"),
				rs.getString("endpoint_id"), rs.getString("url"), EndpointJson.readHeaders(rs.getString("headers")),
				List.copyOf(secrets), rs.getInt("attempts"));
	}

	@Override
	public void recordOutcomes(Collection<DeliveryOutcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		List<DeliveryOutcome> all = List.copyOf(outcomes);
		List<DeliveryAttempt> attempts = all.stream().map(DeliveryOutcome::attempt).filter((a) -> a != null).toList();
		Instant now = this.clock.instant();
		// the last outcome of an endpoint in this batch decides whether it is failing
		Map<String, DeliveryStatus> endpointHealth = new LinkedHashMap<>();
		List<String> gone = new ArrayList<>();
		for (DeliveryOutcome outcome : all) {
			if (outcome.status() == DeliveryStatus.SUCCEEDED || outcome.status() == DeliveryStatus.DEAD) {
				endpointHealth.put(outcome.endpointId(), outcome.status());
			}
			if (outcome.disableEndpoint() && !gone.contains(outcome.endpointId())) {
				gone.add(outcome.endpointId());
			}
		}
		Map<String, DeliveryUpdate> updates = DeliveryUpdate.byDelivery(all, now);
		this.transactions.executeWithoutResult((status) -> {
			updateDeliveries(updates);
			insertAttempts(attempts);
			updateEach(START_FAILING, endpointIds(endpointHealth, DeliveryStatus.DEAD), now);
			updateEach(STOP_FAILING, endpointIds(endpointHealth, DeliveryStatus.SUCCEEDED));
			updateEach(DISABLE_ENDPOINT, gone, GONE_REASON, now);
		});
	}

	private void insertAttempts(List<DeliveryAttempt> attempts) {
		if (attempts.isEmpty()) {
			return;
		}
		if (!isH2()) {
			this.jdbc.update(INSERT_ATTEMPTS_POSTGRES, (PreparedStatement ps) -> {
				PostgresArrays.setText(ps, 1, attempts, DeliveryAttempt::deliveryId);
				PostgresArrays.setInteger(ps, 2, attempts, DeliveryAttempt::attemptNumber);
				PostgresArrays.setTimestamp(ps, 3, attempts, DeliveryAttempt::startedAt);
				PostgresArrays.setLong(ps, 4, attempts, JdbcDeliveryRepository::durationMillis);
				PostgresArrays.setInteger(ps, 5, attempts, DeliveryAttempt::statusCode);
				PostgresArrays.setText(ps, 6, attempts, DeliveryAttempt::responseBody);
				PostgresArrays.setText(ps, 7, attempts, DeliveryAttempt::error);
			});
			return;
		}
		MultiRowStatements.insert(this.jdbc, INSERT_ATTEMPTS, ATTEMPT_COLUMNS, attempts, (ps, index, attempt) -> {
			ps.setString(index, attempt.deliveryId());
			ps.setInt(index + 1, attempt.attemptNumber());
			JdbcTimestamps.set(ps, index + 2, attempt.startedAt());
			ps.setLong(index + 3, durationMillis(attempt));
			ps.setInt(index + 4, attempt.statusCode());
			ps.setString(index + 5, attempt.responseBody());
			ps.setString(index + 6, attempt.error());
		});
	}

	private static long durationMillis(DeliveryAttempt attempt) {
		return (attempt.duration() != null) ? attempt.duration().toMillis() : 0;
	}

	/**
	 * On H2, one {@code UPDATE ... WHERE id IN (...)} for the deliveries that get the same values; on PostgreSQL,
	 * one statement for the whole batch that reads each row's values from arrays, planned for the rows at hand.
	 */
	private void updateDeliveries(Map<String, DeliveryUpdate> updates) {
		if (isH2()) {
			DeliveryUpdate.groupedByValues(updates)
				.forEach((update, ids) -> MultiRowStatements.updateIn(this.jdbc, UPDATE_DELIVERIES_IN, update::bind,
						ids));
			return;
		}
		List<Map.Entry<String, DeliveryUpdate>> rows = List.copyOf(updates.entrySet());
		this.jdbc.execute(PLAN_FOR_THE_ROWS_AT_HAND);
		this.jdbc.update(UPDATE_DELIVERIES_POSTGRES, (PreparedStatement ps) -> {
			PostgresArrays.setText(ps, 1, rows, Map.Entry::getKey);
			PostgresArrays.setText(ps, 2, rows, (row) -> row.getValue().status());
			PostgresArrays.setInteger(ps, 3, rows, (row) -> row.getValue().attempts());
			PostgresArrays.setTimestamp(ps, 4, rows, (row) -> row.getValue().nextAttemptAt());
			PostgresArrays.setInteger(ps, 5, rows, (row) -> row.getValue().statusCode());
			PostgresArrays.setTimestamp(ps, 6, rows, (row) -> row.getValue().completedAt());
		});
	}

	@Override
	public void releaseLeases(String owner, Collection<String> deliveryIds) {
		if (deliveryIds.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(RELEASE_LEASE, new ListBatch<>(List.copyOf(deliveryIds)) {

			@Override
			void set(PreparedStatement ps, String deliveryId) throws SQLException {
				ps.setString(1, deliveryId);
				ps.setString(2, owner);
			}

		});
	}

	@Override
	public List<String> disableEndpointsFailingSince(Instant cutoff, String reason) {
		List<String> disabled = this.transactions.execute((status) -> {
			List<String> ids = this.jdbc.queryForList(SELECT_FAILING_FOR_UPDATE, String.class,
					JdbcTimestamps.param(cutoff));
			updateEach(DISABLE_ENDPOINT, ids, reason, this.clock.instant());
			return ids;
		});
		return (disabled != null) ? disabled : List.of();
	}

	/**
	 * Run a statement once per id, in one batch: the values first (an {@link Instant} as a timestamp), the id last.
	 */
	private void updateEach(String sql, List<String> ids, Object... values) {
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(sql, new ListBatch<>(ids) {

			@Override
			void set(PreparedStatement ps, String id) throws SQLException {
				int index = 1;
				for (Object value : values) {
					if (value instanceof Instant instant) {
						JdbcTimestamps.set(ps, index++, instant);
					}
					else {
						ps.setObject(index++, value);
					}
				}
				ps.setString(index, id);
			}

		});
	}

	@Override
	public long countPending() {
		return count(COUNT_PENDING);
	}

	@Override
	public long countDead() {
		return count(COUNT_DEAD);
	}

	private long count(String sql) {
		Long count = this.jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

	@Override
	public int purgeCreatedBefore(Instant before, int batchSize) {
		int total = 0;
		int deleted;
		do {
			// each batch commits on its own, so a large purge never holds many locks or one long transaction; the
			// tables have no foreign keys, so attempts and deliveries go first, with their events
			Integer batch = this.transactions.execute((status) -> {
				List<String> ids = this.jdbc.queryForList(SELECT_EVENTS_BEFORE, String.class,
						JdbcTimestamps.param(before), batchSize);
				if (!ids.isEmpty()) {
					String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
					Object[] args = ids.toArray();
					this.jdbc.update(DELETE_ATTEMPTS_OF_EVENTS.formatted(placeholders), args);
					this.jdbc.update(DELETE_DELIVERIES_OF_EVENTS.formatted(placeholders), args);
					this.jdbc.update(DELETE_EVENTS.formatted(placeholders), args);
				}
				return ids.size();
			});
			deleted = (batch != null) ? batch : 0;
			total += deleted;
		}
		while (deleted >= batchSize);
		return total;
	}

	private static List<String> endpointIds(Map<String, DeliveryStatus> health, DeliveryStatus status) {
		return health.entrySet().stream().filter((e) -> e.getValue() == status).map(Map.Entry::getKey).toList();
	}

	/**
	 * A batch of one statement per element of a list.
	 */
	private abstract static class ListBatch<T> implements BatchPreparedStatementSetter {

		private final List<T> items;

		ListBatch(List<T> items) {
			this.items = items;
		}

		abstract void set(PreparedStatement ps, T item) throws SQLException;

		@Override
		public void setValues(PreparedStatement ps, int i) throws SQLException {
			set(ps, this.items.get(i));
		}

		@Override
		public int getBatchSize() {
			return this.items.size();
		}

	}

}
