package dev.webhooks.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.delivery.OrderedDeliveryRepository.OrderedHead;
import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.signing.SecretEncryption;
import dev.webhooks.signing.WebhookSecret;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Claims due deliveries with leases, and gives leases back. Due rows are selected with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent pollers, in this instance or others sharing the database, each get
 * different rows without waiting on each other, and leased by setting {@code locked_by} and {@code locked_until}
 * before the transaction ends; a lease that runs out makes the row due again.
 */
final class JdbcDeliveryClaimer {

	private static final String LEASE_DELIVERY = """
			UPDATE %TABLE_PREFIX%delivery
			SET locked_by = ?, locked_until = ?
			WHERE id = ?
			""";

	private static final String SELECT_TASKS = """
			SELECT d.id, d.event_id, e.event_type, e.tenant_id, e.created_at, e.body, d.endpoint_id, p.url,
				p.headers, p.secrets, d.attempts, e.trace_parent, p.ssl_bundle
			FROM %TABLE_PREFIX%delivery d
			JOIN %TABLE_PREFIX%event e ON e.id = d.event_id
			JOIN %TABLE_PREFIX%endpoint p ON p.id = d.endpoint_id
			WHERE d.id IN (%s)
			ORDER BY d.next_attempt_at
			""";

	// ordered endpoints with something due and not leased (the head may still be in flight or waiting); driven
	// from the few endpoints that ever had an ordered delivery, so it reads nothing of the others' deliveries
	private static final String SELECT_ORDERED_ENDPOINTS_DUE = """
			SELECT l.endpoint_id
			FROM %TABLE_PREFIX%endpoint_lane l
			WHERE l.next_seq > 0
				AND l.endpoint_id IN (SELECT id FROM %TABLE_PREFIX%endpoint WHERE enabled = TRUE AND deleted_at IS NULL)
				AND EXISTS (SELECT 1 FROM %TABLE_PREFIX%delivery d
					WHERE d.endpoint_id = l.endpoint_id AND d.status = 'PENDING' AND d.seq IS NOT NULL
						AND d.next_attempt_at <= ? AND (d.locked_until IS NULL OR d.locked_until <= ?))
			LIMIT ?
			""";

	private static final String SELECT_ORDERED_HEAD = """
			SELECT id, next_attempt_at, locked_until
			FROM %TABLE_PREFIX%delivery
			WHERE endpoint_id = ? AND status = 'PENDING' AND seq IS NOT NULL
				AND endpoint_id IN (SELECT id FROM %TABLE_PREFIX%endpoint WHERE enabled = TRUE AND deleted_at IS NULL)
			ORDER BY seq
			LIMIT 1
			""";

	// conditional, so of two instances that read the same head only one leases it, and a head whose outcome was
	// written meanwhile (no longer pending) is not leased at all
	private static final String LEASE_ORDERED_HEAD = """
			UPDATE %TABLE_PREFIX%delivery
			SET locked_by = ?, locked_until = ?
			WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until <= ?)
			""";

	private static final String RELEASE_LEASE = """
			UPDATE %TABLE_PREFIX%delivery
			SET locked_by = NULL, locked_until = NULL
			WHERE id = ? AND locked_by = ? AND status = 'PENDING'
			""";

	private final JdbcOperations jdbc;

	private final TransactionOperations transactions;

	private final StoreDialect dialect;

	private final String leaseDelivery;

	private final String selectTasks;

	private final String releaseLease;

	private final String selectOrderedEndpointsDue;

	private final String selectOrderedHead;

	private final String leaseOrderedHead;

	private final SecretEncryption encryption;

	JdbcDeliveryClaimer(JdbcOperations jdbc, TransactionOperations transactions, StoreDialect dialect,
			TablePrefix prefix, SecretEncryption encryption) {
		this.encryption = encryption;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.dialect = dialect;
		this.leaseDelivery = prefix.resolve(LEASE_DELIVERY);
		this.selectTasks = prefix.resolve(SELECT_TASKS);
		this.releaseLease = prefix.resolve(RELEASE_LEASE);
		this.selectOrderedEndpointsDue = prefix.resolve(SELECT_ORDERED_ENDPOINTS_DUE);
		this.selectOrderedHead = prefix.resolve(SELECT_ORDERED_HEAD);
		this.leaseOrderedHead = prefix.resolve(LEASE_ORDERED_HEAD);
	}

	List<DeliveryTask> claimDue(String owner, Instant now, Duration lease, int limit) {
		List<DeliveryTask> tasks = this.transactions.execute((status) -> {
			List<String> ids = this.jdbc.queryForList(this.dialect.selectDueForUpdate(), String.class,
					JdbcTimestamps.param(now), JdbcTimestamps.param(now), limit);
			if (ids.isEmpty()) {
				return List.<DeliveryTask>of();
			}
			BatchUpdates.updateEach(this.jdbc, this.leaseDelivery, ids, owner, now.plus(lease));
			return selectTasks(ids, now);
		});
		return (tasks != null) ? tasks : List.of();
	}

	List<String> findOrderedEndpointsDue(Instant now, int limit) {
		return this.jdbc.queryForList(this.selectOrderedEndpointsDue, String.class, JdbcTimestamps.param(now),
				JdbcTimestamps.param(now), limit);
	}

	/**
	 * Lease the head of an ordered queue. The sequence follows commit order (see {@link JdbcEndpointLanes}), so
	 * whoever sees a delivery also sees every delivery before it, and the lowest pending one is the true head.
	 */
	OrderedHead claimOrderedHead(String endpointId, String owner, Instant now, Duration lease) {
		OrderedHead head = this.transactions.execute((status) -> {
			List<Head> heads = this.jdbc.query(this.selectOrderedHead,
					(rs, row) -> new Head(rs.getString("id"), JdbcTimestamps.get(rs, "next_attempt_at"),
							JdbcTimestamps.get(rs, "locked_until")),
					endpointId);
			if (heads.isEmpty()) {
				return OrderedHead.EMPTY;
			}
			Head first = heads.get(0);
			if (first.lockedUntil() != null && first.lockedUntil().isAfter(now)) {
				return OrderedHead.waiting(first.lockedUntil());
			}
			if (first.nextAttemptAt().isAfter(now)) {
				return OrderedHead.waiting(first.nextAttemptAt());
			}
			int leased = this.jdbc.update(this.leaseOrderedHead, owner, JdbcTimestamps.param(now.plus(lease)),
					first.id(), JdbcTimestamps.param(now), JdbcTimestamps.param(now));
			if (leased == 0) {
				// another instance took it, or its outcome was written since it was read
				return OrderedHead.waiting(now.plus(lease));
			}
			List<DeliveryTask> tasks = selectTasks(List.of(first.id()), now);
			return tasks.isEmpty() ? OrderedHead.EMPTY : OrderedHead.claimed(tasks.get(0));
		});
		return (head != null) ? head : OrderedHead.EMPTY;
	}

	private List<DeliveryTask> selectTasks(List<String> ids, Instant now) {
		String sql = this.selectTasks.formatted(String.join(", ", Collections.nCopies(ids.size(), "?")));
		return this.jdbc.query(sql, (rs, row) -> mapTask(rs, now), ids.toArray());
	}

	private DeliveryTask mapTask(ResultSet rs, Instant now) throws SQLException {
		List<WebhookSecret> secrets = EndpointSecret.signingAt(
				EndpointJson.readSecrets(rs.getString("secrets"), this.encryption), now);
		return new DeliveryTask(rs.getString("id"), rs.getString("event_id"), rs.getString("event_type"),
				rs.getString("tenant_id"), JdbcTimestamps.get(rs, "created_at"), rs.getBytes("body"),
				rs.getString("endpoint_id"), rs.getString("url"), EndpointJson.readHeaders(rs.getString("headers")),
				List.copyOf(secrets), rs.getInt("attempts"), rs.getString("trace_parent"),
				rs.getString("ssl_bundle"));
	}

	private record Head(String id, Instant nextAttemptAt, Instant lockedUntil) {
	}

	void releaseLeases(String owner, Collection<String> deliveryIds) {
		BatchUpdates.forEach(this.jdbc, this.releaseLease, List.copyOf(deliveryIds), (ps, deliveryId) -> {
			ps.setString(1, deliveryId);
			ps.setString(2, owner);
		});
	}

}
