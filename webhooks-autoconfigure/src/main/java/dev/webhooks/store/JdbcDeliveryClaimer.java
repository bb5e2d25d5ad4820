package dev.webhooks.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import dev.webhooks.delivery.DeliveryTask;
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
				p.headers, p.secrets, d.attempts, p.ssl_bundle
			FROM %TABLE_PREFIX%delivery d
			JOIN %TABLE_PREFIX%event e ON e.id = d.event_id
			JOIN %TABLE_PREFIX%endpoint p ON p.id = d.endpoint_id
			WHERE d.id IN (%s)
			ORDER BY d.next_attempt_at
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
				List.copyOf(secrets), rs.getInt("attempts"), rs.getString("ssl_bundle"));
	}

	void releaseLeases(String owner, Collection<String> deliveryIds) {
		BatchUpdates.forEach(this.jdbc, this.releaseLease, List.copyOf(deliveryIds), (ps, deliveryId) -> {
			ps.setString(1, deliveryId);
			ps.setString(2, owner);
		});
	}

}
