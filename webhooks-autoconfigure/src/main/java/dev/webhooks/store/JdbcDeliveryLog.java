package dev.webhooks.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.webhooks.delivery.AddedDelivery;
import dev.webhooks.delivery.AttemptRecord;
import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.delivery.DeliveryLogPage;
import dev.webhooks.delivery.DeliveryLogQuery;
import dev.webhooks.delivery.DeliveryLogQuery.Position;
import dev.webhooks.delivery.DeliveryRecord;
import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.delivery.EndpointStats;
import dev.webhooks.delivery.EndpointWaiting;
import dev.webhooks.delivery.MessageRecord;
import dev.webhooks.delivery.StoredEvent;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link DeliveryLog} on the {@code %TABLE_PREFIX%event}, {@code %TABLE_PREFIX%delivery} and {@code %TABLE_PREFIX%attempt} tables,
 * with one SQL text for PostgreSQL and H2. Pages are read by keyset on {@code (created_at, id)}, so each one is an
 * index range scan however deep it is: {@code webhook_delivery_endpoint_idx} and {@code webhook_delivery_log_status_idx}
 * serve the per-endpoint reads, {@code webhook_event_tenant_log_idx} and {@code webhook_event_tenant_type_idx} the
 * per-tenant ones. Filter values and ids are always bound as parameters.
 */
public class JdbcDeliveryLog implements DeliveryLog {

	static final String DELIVERY_COLUMNS = """
			d.id, d.event_id, e.event_type, d.endpoint_id, d.status, d.attempts, d.last_status_code,
				(SELECT a.error FROM %TABLE_PREFIX%attempt a WHERE a.delivery_id = d.id
				ORDER BY a.attempt_number DESC FETCH FIRST 1 ROWS ONLY) AS last_error,
				d.created_at, d.next_attempt_at, d.completed_at""";

	private static final String SELECT_DELIVERIES = """
			SELECT {columns}
			FROM %TABLE_PREFIX%delivery d JOIN %TABLE_PREFIX%event e ON e.id = d.event_id
			WHERE d.endpoint_id = ?""".replace("{columns}", DELIVERY_COLUMNS);

	private static final String SELECT_DELIVERY_OF_EVENT = SELECT_DELIVERIES + """
			 AND d.event_id = ?
			ORDER BY d.created_at DESC, d.id DESC
			FETCH FIRST 1 ROWS ONLY""";

	private static final String SELECT_DELIVERIES_OF_EVENTS = """
			SELECT {columns}
			FROM %TABLE_PREFIX%delivery d JOIN %TABLE_PREFIX%event e ON e.id = d.event_id
			WHERE d.event_id IN ({ids})
			ORDER BY d.created_at, d.id""".replace("{columns}", DELIVERY_COLUMNS);

	private static final String SELECT_EVENT = """
			SELECT id, event_type, tenant_id, created_at, body
			FROM %TABLE_PREFIX%event
			WHERE id = ?""";

	private static final String ATTEMPT_COLUMNS = """
			a.delivery_id, d.event_id, d.endpoint_id, a.attempt_number, a.started_at, a.duration_ms, a.status_code,
				a.response_body, a.error""";

	private static final String SELECT_ATTEMPTS = """
			SELECT {columns}
			FROM %TABLE_PREFIX%attempt a JOIN %TABLE_PREFIX%delivery d ON d.id = a.delivery_id
			WHERE d.event_id = ? AND d.endpoint_id = ?
			ORDER BY a.started_at, a.id""".replace("{columns}", ATTEMPT_COLUMNS);

	private static final String SELECT_ATTEMPTS_OF_EVENT = """
			SELECT {columns}
			FROM %TABLE_PREFIX%attempt a JOIN %TABLE_PREFIX%delivery d ON d.id = a.delivery_id
			WHERE d.event_id = ?
			ORDER BY a.started_at, a.id""".replace("{columns}", ATTEMPT_COLUMNS);

	private static final String SELECT_MESSAGES = """
			SELECT e.id, e.event_type, e.created_at
			FROM %TABLE_PREFIX%event e
			WHERE""";

	// from the delivery rows alone: a delivery's attempts are counted on it, and a succeeded delivery's last attempt
	// is its one 2xx; joining the attempt rows makes PostgreSQL scan them all once the window holds thousands
	private static final String SELECT_ATTEMPT_COUNTS = """
			SELECT COALESCE(SUM(attempts), 0) AS attempts,
				COALESCE(SUM(CASE WHEN status = 'SUCCEEDED' THEN 1 ELSE 0 END), 0) AS successes
			FROM %TABLE_PREFIX%delivery
			WHERE endpoint_id = ? AND created_at >= ?""";

	private static final String COUNT_BACKLOG = """
			SELECT COUNT(*)
			FROM %TABLE_PREFIX%delivery
			WHERE endpoint_id = ? AND status = 'PENDING'""";

	private static final String SELECT_ORDERED_QUEUE = """
			SELECT id
			FROM %TABLE_PREFIX%delivery
			WHERE endpoint_id = ? AND status = 'PENDING' AND seq IS NOT NULL
			ORDER BY seq
			LIMIT 1""";

	private static final String COUNT_ORDERED_PENDING = """
			SELECT COUNT(*)
			FROM %TABLE_PREFIX%delivery
			WHERE endpoint_id = ? AND status = 'PENDING' AND seq IS NOT NULL""";

	// new deliveries are due when they are created: only the rate limit moves a never-attempted one later
	private static final String COUNT_WAITING_FOR_RATE_LIMIT = """
			SELECT COUNT(*)
			FROM %TABLE_PREFIX%delivery
			WHERE endpoint_id = ? AND status = 'PENDING' AND attempts = 0 AND next_attempt_at > created_at""";

	private static final String SELECT_LAST_COMPLETED = """
			SELECT completed_at, last_status_code
			FROM %TABLE_PREFIX%delivery
			WHERE endpoint_id = ? AND status IN ({statuses})
			ORDER BY created_at DESC, id DESC
			FETCH FIRST 1 ROWS ONLY""";

	// the events whose newest delivery to the endpoint failed or died: one sent again since is left alone, and no
	// event comes twice; read from the deliveries in their index order, then the events by key
	private static final String SELECT_EVENTS_TO_RECOVER = """
			SELECT e.id, e.event_type, e.tenant_id, e.created_at, e.body
			FROM %TABLE_PREFIX%delivery d JOIN %TABLE_PREFIX%event e ON e.id = d.event_id
			WHERE d.endpoint_id = ? AND d.status IN ('FAILED', 'DEAD') AND d.created_at >= ?
				AND NOT EXISTS (
					SELECT 1 FROM %TABLE_PREFIX%delivery n
					WHERE n.event_id = d.event_id AND n.endpoint_id = d.endpoint_id
						AND (n.created_at, n.id) > (d.created_at, d.id))
			ORDER BY d.created_at, d.id
			FETCH FIRST ? ROWS ONLY""";

	private static final String INSERT_DELIVERY = """
			INSERT INTO %TABLE_PREFIX%delivery (id, event_id, endpoint_id, status, attempts, next_attempt_at, locked_by,
				locked_until, created_at, seq)
			VALUES (?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?)""";

	private static final String CANCEL_PENDING = """
			UPDATE %TABLE_PREFIX%delivery
			SET status = 'CANCELLED', completed_at = ?, locked_by = NULL, locked_until = NULL
			WHERE endpoint_id = ? AND status = 'PENDING'""";

	private final JdbcOperations jdbc;

	private final TablePrefix prefix;

	private final SingletonSupplier<JdbcEndpointLanes> lanes;

	private final RowMapper<DeliveryRecord> deliveryMapper = JdbcDeliveryLog::mapDelivery;

	private final RowMapper<AttemptRecord> attemptMapper = JdbcDeliveryLog::mapAttempt;

	private final RowMapper<StoredEvent> eventMapper = JdbcDeliveryLog::mapEvent;

	/**
	 * Create a log on the tables of the default prefix.
	 * @param jdbc JDBC access to the application's data source
	 */
	public JdbcDeliveryLog(JdbcOperations jdbc) {
		this(jdbc, TablePrefix.DEFAULT);
	}

	/**
	 * Create a log.
	 * @param jdbc JDBC access to the application's data source
	 * @param prefix the prefix of the table names
	 */
	public JdbcDeliveryLog(JdbcOperations jdbc, TablePrefix prefix) {
		this.jdbc = jdbc;
		this.prefix = prefix;
		// the dialect asks the database for its name: only when a replay joins an ordered queue, not at start-up
		this.lanes = SingletonSupplier.of(() -> new JdbcEndpointLanes(jdbc, StoreDialect.of(jdbc, prefix), prefix));
	}

	@Override
	public DeliveryLogPage<DeliveryRecord> findDeliveries(String endpointId, DeliveryLogQuery query) {
		Filter filter = new Filter("d");
		filter.sql.append(SELECT_DELIVERIES);
		filter.args.add(endpointId);
		filter.statuses(query);
		if (query.eventType() != null) {
			filter.sql.append(" AND e.event_type = ?");
			filter.args.add(query.eventType());
		}
		filter.window(query);
		return filter.page(query, (sql, args) -> this.jdbc.query(sql(sql), this.deliveryMapper, args));
	}

	@Override
	public Optional<DeliveryRecord> findDelivery(String endpointId, String eventId) {
		return this.jdbc.query(sql(SELECT_DELIVERY_OF_EVENT), this.deliveryMapper, endpointId, eventId).stream()
			.findFirst();
	}

	@Override
	public Optional<StoredEvent> findEvent(String eventId) {
		return this.jdbc.query(sql(SELECT_EVENT), this.eventMapper, eventId).stream().findFirst();
	}

	@Override
	public List<AttemptRecord> findAttempts(String endpointId, String eventId) {
		return this.jdbc.query(sql(SELECT_ATTEMPTS), this.attemptMapper, eventId, endpointId);
	}

	@Override
	public List<AttemptRecord> findAttemptsOfEvent(String eventId) {
		return this.jdbc.query(sql(SELECT_ATTEMPTS_OF_EVENT), this.attemptMapper, eventId);
	}

	@Override
	public DeliveryLogPage<MessageRecord> findMessages(String tenantId, DeliveryLogQuery query) {
		Filter filter = new Filter("e");
		filter.sql.append(SELECT_MESSAGES);
		if (tenantId != null) {
			filter.sql.append(" e.tenant_id = ?");
			filter.args.add(tenantId);
		}
		else {
			filter.sql.append(" e.tenant_id IS NULL");
		}
		if (query.eventType() != null) {
			filter.sql.append(" AND e.event_type = ?");
			filter.args.add(query.eventType());
		}
		if (!query.statuses().isEmpty()) {
			filter.sql.append(" AND EXISTS (SELECT 1 FROM %TABLE_PREFIX%delivery d WHERE d.event_id = e.id");
			filter.statuses(query);
			filter.sql.append(")");
		}
		filter.window(query);
		DeliveryLogPage<EventRow> events = filter.page(query, (sql, args) -> this.jdbc.query(sql(sql),
				(rs, row) -> new EventRow(rs.getString("id"), rs.getString("event_type"),
						JdbcTimestamps.get(rs, "created_at")), args));
		Map<String, List<DeliveryRecord>> deliveries = deliveriesOf(events.items());
		List<MessageRecord> messages = new ArrayList<>(events.items().size());
		for (EventRow event : events.items()) {
			messages.add(new MessageRecord(event.id(), event.type(), event.createdAt(),
					deliveries.getOrDefault(event.id(), List.of())));
		}
		return new DeliveryLogPage<>(messages, events.more());
	}

	private Map<String, List<DeliveryRecord>> deliveriesOf(List<EventRow> events) {
		if (events.isEmpty()) {
			return Map.of();
		}
		String sql = SELECT_DELIVERIES_OF_EVENTS.replace("{ids}",
				String.join(", ", Collections.nCopies(events.size(), "?")));
		Map<String, List<DeliveryRecord>> byEvent = new LinkedHashMap<>();
		this.jdbc.query(sql(sql), this.deliveryMapper, events.stream().map(EventRow::id).toArray())
			.forEach((delivery) -> byEvent.computeIfAbsent(delivery.eventId(), (id) -> new ArrayList<>())
				.add(delivery));
		return byEvent;
	}

	@Override
	public EndpointStats stats(String endpointId, Instant since) {
		Object from = JdbcTimestamps.param(since);
		long[] counts = this.jdbc.queryForObject(sql(SELECT_ATTEMPT_COUNTS),
				(rs, row) -> new long[] { rs.getLong("attempts"), rs.getLong("successes") }, endpointId, from);
		Long backlog = this.jdbc.queryForObject(sql(COUNT_BACKLOG), Long.class, endpointId);
		Optional<Completed> success = lastCompleted(endpointId, "'SUCCEEDED'");
		Optional<Completed> failure = lastCompleted(endpointId, "'FAILED', 'DEAD'");
		return new EndpointStats(since, counts[0], counts[1], (backlog != null) ? backlog : 0,
				success.map(Completed::at).orElse(null), failure.map(Completed::at).orElse(null),
				failure.map(Completed::statusCode).orElse(null));
	}

	@Override
	public EndpointWaiting waiting(String endpointId) {
		String head = this.jdbc.queryForList(sql(SELECT_ORDERED_QUEUE), String.class, endpointId)
			.stream()
			.findFirst()
			.orElse(null);
		Long ordered = (head != null) ? this.jdbc.queryForObject(sql(COUNT_ORDERED_PENDING), Long.class, endpointId)
				: Long.valueOf(0);
		Long limited = this.jdbc.queryForObject(sql(COUNT_WAITING_FOR_RATE_LIMIT), Long.class, endpointId);
		return new EndpointWaiting(head, (ordered != null && ordered > 0) ? ordered - 1 : 0,
				(limited != null) ? limited : 0);
	}

	private Optional<Completed> lastCompleted(String endpointId, String statuses) {
		return this.jdbc.query(sql(SELECT_LAST_COMPLETED.replace("{statuses}", statuses)),
				(rs, row) -> new Completed(JdbcTimestamps.get(rs, "completed_at"), integer(rs, "last_status_code")),
				endpointId).stream().findFirst();
	}

	@Override
	public List<StoredEvent> findEventsToRecover(String endpointId, Instant since, int limit) {
		return this.jdbc.query(sql(SELECT_EVENTS_TO_RECOVER), this.eventMapper, endpointId, JdbcTimestamps.param(since),
				limit);
	}

	@Override
	public void insertDeliveries(List<AddedDelivery> deliveries) {
		if (deliveries.isEmpty()) {
			return;
		}
		Map<String, Long> sequences = sequences(deliveries);
		this.jdbc.batchUpdate(sql(INSERT_DELIVERY), deliveries, deliveries.size(),
				(PreparedStatement ps, AddedDelivery added) -> {
			ps.setString(1, added.delivery().deliveryId());
			ps.setString(2, added.eventId());
			ps.setString(3, added.delivery().endpointId());
			JdbcTimestamps.set(ps, 4, added.delivery().nextAttemptAt());
			ps.setString(5, added.delivery().lockedBy());
			JdbcTimestamps.set(ps, 6, added.delivery().lockedUntil());
			JdbcTimestamps.set(ps, 7, added.createdAt());
			Long sequence = sequences.get(added.delivery().deliveryId());
			if (sequence != null) {
				ps.setLong(8, sequence);
			}
			else {
				ps.setNull(8, Types.BIGINT);
			}
		});
	}

	/** Places at the back of their ordered endpoints' queues, endpoints locked in the order of their ids. */
	private Map<String, Long> sequences(List<AddedDelivery> deliveries) {
		Map<String, List<String>> ordered = new TreeMap<>();
		for (AddedDelivery added : deliveries) {
			if (added.delivery().ordered()) {
				ordered.computeIfAbsent(added.delivery().endpointId(), (id) -> new ArrayList<>())
					.add(added.delivery().deliveryId());
			}
		}
		if (ordered.isEmpty()) {
			return Map.of();
		}
		Map<String, Long> sequences = new HashMap<>();
		ordered.forEach((endpointId, ids) -> {
			long next = this.lanes.obtain().reserveSequence(endpointId, ids.size());
			for (String id : ids) {
				sequences.put(id, next++);
			}
		});
		return sequences;
	}

	@Override
	public int cancelPending(String endpointId, Instant now) {
		return this.jdbc.update(sql(CANCEL_PENDING), JdbcTimestamps.param(now), endpointId);
	}

	/** The statement with this log's table names. */
	private String sql(String statement) {
		return this.prefix.resolve(statement);
	}

	static DeliveryRecord mapDelivery(ResultSet rs, int row) throws SQLException {
		DeliveryStatus status = DeliveryStatus.valueOf(rs.getString("status"));
		return new DeliveryRecord(rs.getString("id"), rs.getString("event_id"), rs.getString("event_type"),
				rs.getString("endpoint_id"), status, rs.getInt("attempts"), integer(rs, "last_status_code"),
				rs.getString("last_error"), JdbcTimestamps.get(rs, "created_at"),
				(status == DeliveryStatus.PENDING) ? JdbcTimestamps.get(rs, "next_attempt_at") : null,
				JdbcTimestamps.get(rs, "completed_at"));
	}

	private static AttemptRecord mapAttempt(ResultSet rs, int row) throws SQLException {
		return new AttemptRecord(rs.getString("delivery_id"), rs.getString("event_id"), rs.getString("endpoint_id"),
				rs.getInt("attempt_number"), JdbcTimestamps.get(rs, "started_at"), rs.getLong("duration_ms"),
				rs.getInt("status_code"), rs.getString("response_body"), rs.getString("error"));
	}

	private static StoredEvent mapEvent(ResultSet rs, int row) throws SQLException {
		return new StoredEvent(rs.getString("id"), rs.getString("event_type"), rs.getString("tenant_id"),
				JdbcTimestamps.get(rs, "created_at"), rs.getBytes("body"));
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private record EventRow(String id, String type, Instant createdAt) {
	}

	private record Completed(Instant at, Integer statusCode) {
	}

	@FunctionalInterface
	private interface PageQuery<T> {

		List<T> run(String sql, Object[] args);

	}

	/**
	 * The WHERE clause of a page read built up with its arguments, then the keyset condition, the order and the
	 * limit. A page towards newer rows is read oldest first from the position and turned round.
	 */
	private static final class Filter {

		private final StringBuilder sql = new StringBuilder();

		private final List<Object> args = new ArrayList<>();

		private final String alias;

		Filter(String alias) {
			this.alias = alias;
		}

		void statuses(DeliveryLogQuery query) {
			if (!query.statuses().isEmpty()) {
				this.sql.append(" AND d.status IN (")
					.append(String.join(", ", Collections.nCopies(query.statuses().size(), "?")))
					.append(")");
				query.statuses().stream().map(DeliveryStatus::name).sorted().forEach(this.args::add);
			}
		}

		void window(DeliveryLogQuery query) {
			if (query.since() != null) {
				this.sql.append(" AND ").append(this.alias).append(".created_at >= ?");
				this.args.add(JdbcTimestamps.param(query.since()));
			}
			if (query.until() != null) {
				this.sql.append(" AND ").append(this.alias).append(".created_at < ?");
				this.args.add(JdbcTimestamps.param(query.until()));
			}
		}

		<T> DeliveryLogPage<T> page(DeliveryLogQuery query, PageQuery<T> run) {
			Position position = query.position();
			boolean newer = position != null && position.newer();
			String a = this.alias;
			if (position != null) {
				this.sql.append(" AND (").append(a).append(".created_at, ").append(a).append(".id) ")
					.append(newer ? ">" : "<").append(" (?, ?)");
				this.args.add(JdbcTimestamps.param(position.createdAt()));
				this.args.add(position.id());
			}
			String direction = newer ? "ASC" : "DESC";
			this.sql.append(" ORDER BY ").append(a).append(".created_at ").append(direction).append(", ").append(a)
				.append(".id ").append(direction).append(" FETCH FIRST ? ROWS ONLY");
			this.args.add(query.limit() + 1);
			List<T> rows = new ArrayList<>(run.run(this.sql.toString(), this.args.toArray()));
			boolean more = rows.size() > query.limit();
			if (more) {
				rows.remove(rows.size() - 1);
			}
			if (newer) {
				Collections.reverse(rows);
			}
			return new DeliveryLogPage<>(rows, more);
		}

	}

}
