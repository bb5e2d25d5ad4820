package dev.webhooks.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.webhooks.delivery.DeliveryChange;
import dev.webhooks.delivery.DeliveryFeed;
import dev.webhooks.delivery.DeliveryFeedPosition;
import dev.webhooks.delivery.DeliveryRecord;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * {@link DeliveryFeed} on the {@code %TABLE_PREFIX%delivery} and {@code %TABLE_PREFIX%attempt} tables, in two index
 * reads per call rather than one statement with an {@code OR} that no index serves: the deliveries created since
 * the position, per endpoint of the tenants ({@code webhook_delivery_endpoint_idx}), and the deliveries that had an
 * attempt with a higher store id (the attempt table's primary key). Tenants are bound as parameters.
 */
public class JdbcDeliveryFeed implements DeliveryFeed {

	private static final String SELECT_HEAD = """
			SELECT COALESCE(MAX(id), 0) FROM %TABLE_PREFIX%attempt""";

	private static final String SELECT_CHANGES = """
			SELECT {columns}, ep.tenant_id,
				(SELECT MAX(a.id) FROM %TABLE_PREFIX%attempt a WHERE a.delivery_id = d.id) AS last_attempt_id
			FROM %TABLE_PREFIX%delivery d JOIN %TABLE_PREFIX%event e ON e.id = d.event_id
				JOIN %TABLE_PREFIX%endpoint ep ON ep.id = d.endpoint_id
			WHERE ({tenants})""".replace("{columns}", JdbcDeliveryLog.DELIVERY_COLUMNS);

	private static final String CREATED_AFTER = """
			 AND d.created_at >= ?
			ORDER BY d.created_at, d.id
			FETCH FIRST ? ROWS ONLY""";

	private static final String ATTEMPTED_AFTER = """
			 AND d.id IN (SELECT a.delivery_id FROM %TABLE_PREFIX%attempt a WHERE a.id > ?)
			ORDER BY last_attempt_id
			FETCH FIRST ? ROWS ONLY""";

	private final JdbcOperations jdbc;

	private final TablePrefix prefix;

	private final Clock clock;

	/**
	 * Create a feed.
	 * @param jdbc JDBC access to the application's data source
	 * @param prefix the prefix of the table names
	 * @param clock the clock of {@link #head()}'s creation time
	 */
	public JdbcDeliveryFeed(JdbcOperations jdbc, TablePrefix prefix, Clock clock) {
		this.jdbc = jdbc;
		this.prefix = prefix;
		this.clock = clock;
	}

	@Override
	public DeliveryFeedPosition head() {
		// the newest creation would need an index on created_at alone, which the outbox does without; the clock
		// stands for it, and readers look back far enough to cover clocks that differ between instances
		Long attempt = this.jdbc.queryForObject(this.prefix.resolve(SELECT_HEAD), Long.class);
		return new DeliveryFeedPosition(this.clock.instant(), "", (attempt != null) ? attempt : 0);
	}

	@Override
	public List<DeliveryChange> changesSince(Collection<String> tenants, DeliveryFeedPosition after, int limit) {
		if (tenants.isEmpty()) {
			return List.of();
		}
		List<Object> tenantArgs = new ArrayList<>();
		String tenantCondition = tenantCondition(tenants, tenantArgs);
		String select = SELECT_CHANGES.replace("{tenants}", tenantCondition);
		Map<String, Row> created = new LinkedHashMap<>();
		for (Row row : query(select + CREATED_AFTER, tenantArgs, JdbcTimestamps.param(after.createdAt()), limit)) {
			if (after.isBeforeCreation(row.delivery().createdAt(), row.delivery().deliveryId())
					&& row.lastAttemptId() <= after.attemptId()) {
				created.put(row.delivery().deliveryId(), row);
			}
		}
		List<Row> attempted = query(select + ATTEMPTED_AFTER, tenantArgs, after.attemptId(), limit);
		attempted.forEach((row) -> created.remove(row.delivery().deliveryId()));
		List<Row> ordered = new ArrayList<>(created.values());
		attempted.sort(Comparator.comparingLong(Row::lastAttemptId));
		ordered.addAll(attempted);
		List<DeliveryChange> changes = new ArrayList<>(ordered.size());
		DeliveryFeedPosition position = after;
		for (Row row : ordered) {
			position = position.including(row.delivery().createdAt(), row.delivery().deliveryId(), row.lastAttemptId());
			changes.add(new DeliveryChange(row.tenantId(), row.delivery(), position));
		}
		return changes;
	}

	private List<Row> query(String sql, List<Object> tenantArgs, Object from, int limit) {
		List<Object> args = new ArrayList<>(tenantArgs);
		args.add(from);
		args.add(limit);
		return this.jdbc.query(this.prefix.resolve(sql), (rs, rowNum) -> {
			DeliveryRecord delivery = JdbcDeliveryLog.mapDelivery(rs, rowNum);
			long attempt = rs.getLong("last_attempt_id");
			return new Row(rs.getString("tenant_id"), delivery, attempt);
		}, args.toArray());
	}

	private static String tenantCondition(Collection<String> tenants, List<Object> args) {
		List<String> named = tenants.stream().filter(Objects::nonNull).distinct().toList();
		List<String> parts = new ArrayList<>(2);
		if (!named.isEmpty()) {
			parts.add("ep.tenant_id IN (" + String.join(", ", Collections.nCopies(named.size(), "?")) + ")");
			args.addAll(named);
		}
		if (tenants.stream().anyMatch(Objects::isNull)) {
			parts.add("ep.tenant_id IS NULL");
		}
		return String.join(" OR ", parts);
	}

	private record Row(String tenantId, DeliveryRecord delivery, long lastAttemptId) {
	}

}
