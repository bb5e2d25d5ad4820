package dev.webhooks.store;

import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.DeliveryAttempt;
import dev.webhooks.delivery.NewDelivery;
import dev.webhooks.event.OutboxEvent;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * What the delivery store does differently on each database it supports: the statements that write many rows at
 * once, the claim query and the lock on an idempotency key. One is chosen when the store is created, from the
 * database's product name ({@link H2StoreDialect} for H2, {@link PostgresStoreDialect} for anything else), so no
 * statement asks which database it runs on. Each holds its database's SQL as constants naming the tables
 * {@link TablePrefix#PLACEHOLDER}{@code name}, resolved once at construction.
 */
abstract class StoreDialect {

	/** The claim query both databases share, before each adapts it. */
	static final String SELECT_DUE_FOR_UPDATE = """
			SELECT id
			FROM %TABLE_PREFIX%delivery
			WHERE status = 'PENDING' AND next_attempt_at <= ?
				AND (locked_until IS NULL OR locked_until <= ?) AND seq IS NULL
				AND endpoint_id IN (SELECT id FROM %TABLE_PREFIX%endpoint WHERE enabled = TRUE AND deleted_at IS NULL)
			ORDER BY next_attempt_at
			LIMIT ?
			FOR UPDATE SKIP LOCKED
			""";

	/** The claim of a received webhook: a new row, which the primary key lets one request write. */
	static final String INSERT_RECEIVED_CLAIM = "INSERT INTO %TABLE_PREFIX%received "
			+ "(source, message_id, status, received_at, claimed_at) VALUES (?, ?, ?, ?, ?)";

	final JdbcOperations jdbc;

	StoreDialect(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The dialect of the database behind the given JDBC access; asks it for its product name, once.
	 * @param jdbc the JDBC access
	 * @param prefix the table prefix
	 * @return the dialect
	 */
	static StoreDialect of(JdbcOperations jdbc, TablePrefix prefix) {
		String product = jdbc.execute(
				(ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName());
		return "H2".equalsIgnoreCase(product) ? new H2StoreDialect(jdbc, prefix)
				: new PostgresStoreDialect(jdbc, prefix);
	}

	/**
	 * The platform name of the schema script for this database, as in {@code schema-@@platform@@.sql}.
	 * @return {@code h2} or {@code postgresql}
	 */
	abstract String platform();

	/**
	 * Insert events and their deliveries, in the caller's transaction.
	 * @param events the events
	 * @param deliveries each delivery with its event
	 * @param sequences the place of each ordered delivery in its endpoint's queue, by delivery id; the others have
	 * none
	 */
	abstract void insert(List<OutboxEvent> events, List<Map.Entry<OutboxEvent, NewDelivery>> deliveries,
			Map<String, Long> sequences);

	/**
	 * Create an endpoint's {@code endpoint_lane} row unless it exists. A concurrent insert of the same row may make
	 * it fail with a duplicate key where the database has no statement that ignores the conflict.
	 * @param endpointId the endpoint
	 */
	abstract void insertLaneIfAbsent(String endpointId);

	/**
	 * Lock an idempotency key until the caller's transaction ends, where the database can.
	 * @param tenantId the tenant, or {@code null}
	 * @param idempotencyKey the key
	 */
	abstract void lockIdempotencyKey(String tenantId, String idempotencyKey);

	/**
	 * Lock the endpoints of a tenant until the caller's transaction ends, where the database can, so that a count
	 * of them stays true until an insert.
	 * @param tenantId the tenant, or {@code null}
	 */
	abstract void lockTenantEndpoints(String tenantId);

	/**
	 * The statement that claims a received webhook; its parameters are the source, the message id, the status,
	 * the time received and the time claimed.
	 * @return the SQL
	 */
	abstract String insertReceivedClaim();

	/**
	 * The query that selects and locks due deliveries; its parameters are now, now and the limit.
	 * @return the SQL
	 */
	abstract String selectDueForUpdate();

	/**
	 * Write the updates of a batch's deliveries, in the caller's transaction.
	 * @param updates each delivery's update, by delivery id
	 */
	abstract void updateDeliveries(Map<String, DeliveryUpdate> updates);

	/**
	 * Insert a batch's attempts, in the caller's transaction.
	 * @param attempts the attempts; not empty
	 */
	abstract void insertAttempts(List<DeliveryAttempt> attempts);

	static long durationMillis(DeliveryAttempt attempt) {
		return (attempt.duration() != null) ? attempt.duration().toMillis() : 0;
	}

	/** The {@code signature_scheme} of an attempt's row: the scheme's name, {@code null} when it was not signed. */
	static String signatureScheme(DeliveryAttempt attempt) {
		return (attempt.signature() != null) ? attempt.signature().scheme() : null;
	}

	/** The {@code signature_headers} of an attempt's row: the signature headers sent, comma-separated. */
	static String signatureHeaders(DeliveryAttempt attempt) {
		return (attempt.signature() != null) ? attempt.signature().headers() : null;
	}

}
