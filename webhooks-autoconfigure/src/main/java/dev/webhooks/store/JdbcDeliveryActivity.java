package dev.webhooks.store;

import java.time.Instant;
import java.util.List;

import dev.webhooks.delivery.DeliveryActivity;
import dev.webhooks.delivery.DeliveryStatus;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * {@link DeliveryActivity} on the {@code %TABLE_PREFIX%delivery} and {@code %TABLE_PREFIX%endpoint} tables, one SQL
 * text for PostgreSQL and H2 (both have {@code DATE_TRUNC}). The tenant's endpoints are found by
 * {@code webhook_endpoint_tenant_idx}, their deliveries of the window by {@code webhook_delivery_endpoint_idx}, and
 * the counting is done by the database, so an hour of a busy tenant comes back as at most a few hundred rows.
 */
public class JdbcDeliveryActivity implements DeliveryActivity {

	private static final String COUNT_PER_MINUTE = """
			SELECT DATE_TRUNC('MINUTE', d.created_at) AS bucket, d.status, COUNT(*) AS deliveries
			FROM %TABLE_PREFIX%endpoint p JOIN %TABLE_PREFIX%delivery d ON d.endpoint_id = p.id
			WHERE {tenant} AND d.created_at >= ? AND d.created_at < ?
			GROUP BY DATE_TRUNC('MINUTE', d.created_at), d.status""";

	private final JdbcOperations jdbc;

	private final String ofTenant;

	private final String ofNoTenant;

	/**
	 * Create the read model.
	 * @param jdbc JDBC access to the application's data source
	 * @param prefix the prefix of the table names
	 */
	public JdbcDeliveryActivity(JdbcOperations jdbc, TablePrefix prefix) {
		this.jdbc = jdbc;
		this.ofTenant = prefix.resolve(COUNT_PER_MINUTE.replace("{tenant}", "p.tenant_id = ?"));
		this.ofNoTenant = prefix.resolve(COUNT_PER_MINUTE.replace("{tenant}", "p.tenant_id IS NULL"));
	}

	@Override
	public List<MinuteCount> countPerMinute(String tenantId, Instant since, Instant until) {
		Object from = JdbcTimestamps.param(since);
		Object to = JdbcTimestamps.param(until);
		Object[] args = (tenantId != null) ? new Object[] { tenantId, from, to } : new Object[] { from, to };
		return this.jdbc.query((tenantId != null) ? this.ofTenant : this.ofNoTenant,
				(rs, row) -> new MinuteCount(JdbcTimestamps.get(rs, "bucket"),
						DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("deliveries")),
				args);
	}

}
