package dev.webhooks.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.webhooks.endpoint.EndpointOrdering;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.event.filter.PayloadFilter;
import dev.webhooks.signing.SecretEncryption;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@link EndpointRepository} on the {@code endpoint} table (named with a {@link TablePrefix}). Event types, headers,
 * secrets and the payload filter are JSON text columns; the filter is parsed when a row is read. Deleting sets {@code deleted_at}, so the delivery history of a deleted endpoint
 * stays readable until it is purged; saving an endpoint with the same id brings it back. Delivery health is the
 * {@code failing_since} column, and disabling sets {@code enabled} and {@code disabled_reason}; each health write
 * is one JDBC batch, in the caller's transaction when there is one.
 */
public class JdbcEndpointRepository implements EndpointRepository {

	private static final String COLUMNS = """
			tenant_id, url, description, event_types, headers, secrets, enabled, disabled_reason, created_at,
			updated_at, payload_filter, ordering, rate_limit, ssl_bundle, id""";

	private static final String INSERT_ENDPOINT = """
			INSERT INTO %TABLE_PREFIX%endpoint (%COLUMNS%)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""".replace("%COLUMNS%", COLUMNS);

	// Re-enabling clears failing_since, so the health check does not disable the endpoint again at once; the
	// CASE sees the row's old enabled value, as every SET expression does.
	private static final String UPDATE_ENDPOINT = """
			UPDATE %TABLE_PREFIX%endpoint
			SET tenant_id = ?, url = ?, description = ?, event_types = ?, headers = ?, secrets = ?, enabled = ?,
				disabled_reason = ?, created_at = ?, updated_at = ?, payload_filter = ?, ordering = ?, rate_limit = ?,
				ssl_bundle = ?, deleted_at = NULL,
				failing_since = CASE WHEN enabled = FALSE AND ? = TRUE THEN NULL ELSE failing_since END
			WHERE id = ?
			""";

	private static final String SELECT_BY_ID = """
			SELECT %COLUMNS%
			FROM %TABLE_PREFIX%endpoint
			WHERE id = ? AND deleted_at IS NULL
			""".replace("%COLUMNS%", COLUMNS);

	private static final String SELECT_BY_TENANT = """
			SELECT %COLUMNS%
			FROM %TABLE_PREFIX%endpoint
			WHERE tenant_id = ? AND deleted_at IS NULL
			ORDER BY created_at, id
			""".replace("%COLUMNS%", COLUMNS);

	private static final String SELECT_OF_NO_TENANT = """
			SELECT %COLUMNS%
			FROM %TABLE_PREFIX%endpoint
			WHERE tenant_id IS NULL AND deleted_at IS NULL
			ORDER BY created_at, id
			""".replace("%COLUMNS%", COLUMNS);

	private static final String COUNT_BY_TENANT = """
			SELECT COUNT(*)
			FROM %TABLE_PREFIX%endpoint
			WHERE tenant_id = ? AND deleted_at IS NULL
			""";

	private static final String COUNT_OF_NO_TENANT = """
			SELECT COUNT(*)
			FROM %TABLE_PREFIX%endpoint
			WHERE tenant_id IS NULL AND deleted_at IS NULL
			""";

	private static final String SELECT_ENABLED_BY_TENANT = """
			SELECT %COLUMNS%
			FROM %TABLE_PREFIX%endpoint
			WHERE tenant_id = ? AND enabled = TRUE AND deleted_at IS NULL
			""".replace("%COLUMNS%", COLUMNS);

	private static final String SELECT_ENABLED_OF_NO_TENANT = """
			SELECT %COLUMNS%
			FROM %TABLE_PREFIX%endpoint
			WHERE tenant_id IS NULL AND enabled = TRUE AND deleted_at IS NULL
			""".replace("%COLUMNS%", COLUMNS);

	private static final String SELECT_ALL = """
			SELECT %COLUMNS%
			FROM %TABLE_PREFIX%endpoint
			WHERE deleted_at IS NULL
			ORDER BY created_at, id
			""".replace("%COLUMNS%", COLUMNS);

	private static final String DELETE_ENDPOINT = """
			UPDATE %TABLE_PREFIX%endpoint
			SET deleted_at = ?, enabled = FALSE, disabled_reason = 'Deleted'
			WHERE id = ? AND deleted_at IS NULL
			""";

	private static final String DISABLE_ENDPOINT = """
			UPDATE %TABLE_PREFIX%endpoint
			SET enabled = FALSE, disabled_reason = ?, updated_at = ?
			WHERE id = ? AND enabled = TRUE
			""";

	private static final String START_FAILING = """
			UPDATE %TABLE_PREFIX%endpoint
			SET failing_since = ?
			WHERE id = ? AND failing_since IS NULL
			""";

	private static final String STOP_FAILING = """
			UPDATE %TABLE_PREFIX%endpoint
			SET failing_since = NULL
			WHERE id = ? AND failing_since IS NOT NULL
			""";

	private static final String SELECT_FAILING_FOR_UPDATE = """
			SELECT id
			FROM %TABLE_PREFIX%endpoint
			WHERE enabled = TRUE AND deleted_at IS NULL AND failing_since < ?
			ORDER BY id
			FOR UPDATE
			""";

	// with arguments, even none, JdbcTemplate prepares the statement, and the database can reuse its parsed plan;
	// the subscribers of every published event are read with one of these queries
	private static final Object[] NO_ARGUMENTS = {};

	private final JdbcOperations jdbc;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final SecretEncryption encryption;

	private final RowMapper<WebhookEndpoint> rowMapper = this::mapEndpoint;

	private final TablePrefix prefix;

	/** Chosen on the first limited insert, so that creating the repository does not ask the database. */
	private volatile StoreDialect dialect;

	private final String insertEndpoint;

	private final String updateEndpoint;

	private final String selectById;

	private final String selectByTenant;

	private final String selectOfNoTenant;

	private final String countByTenant;

	private final String countOfNoTenant;

	private final String selectEnabledByTenant;

	private final String selectEnabledOfNoTenant;

	private final String selectAll;

	private final String deleteEndpoint;

	private final String disableEndpoint;

	private final String startFailing;

	private final String stopFailing;

	private final String selectFailingForUpdate;

	/**
	 * Create a repository on the table of the default prefix.
	 * @param jdbc JDBC access to the application's data source
	 * @param transactions runs the update-or-insert of {@link #save}, and each health write, in one transaction
	 * @param clock the clock for {@code deleted_at}
	 */
	public JdbcEndpointRepository(JdbcOperations jdbc, TransactionOperations transactions, Clock clock) {
		this(jdbc, transactions, clock, TablePrefix.DEFAULT);
	}

	/**
	 * Create a repository.
	 * @param jdbc JDBC access to the application's data source
	 * @param transactions runs the update-or-insert of {@link #save}, and each health write, in one transaction
	 * @param clock the clock for {@code deleted_at}
	 * @param prefix the prefix of the table name
	 */
	public JdbcEndpointRepository(JdbcOperations jdbc, TransactionOperations transactions, Clock clock,
			TablePrefix prefix) {
		this(jdbc, transactions, clock, prefix, SecretEncryption.none());
	}

	/**
	 * Create a repository that encrypts the secrets column.
	 * @param jdbc JDBC access to the application's data source
	 * @param transactions runs the update-or-insert of {@link #save}, and each health write, in one transaction
	 * @param clock the clock for {@code deleted_at}
	 * @param prefix the prefix of the table name
	 * @param encryption seals the secrets column when written and opens it when read; rows written in clear are
	 * read as they are and sealed when next written
	 */
	public JdbcEndpointRepository(JdbcOperations jdbc, TransactionOperations transactions, Clock clock,
			TablePrefix prefix, SecretEncryption encryption) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.encryption = encryption;
		this.prefix = prefix;
		this.insertEndpoint = prefix.resolve(INSERT_ENDPOINT);
		this.updateEndpoint = prefix.resolve(UPDATE_ENDPOINT);
		this.selectById = prefix.resolve(SELECT_BY_ID);
		this.selectByTenant = prefix.resolve(SELECT_BY_TENANT);
		this.selectOfNoTenant = prefix.resolve(SELECT_OF_NO_TENANT);
		this.countByTenant = prefix.resolve(COUNT_BY_TENANT);
		this.countOfNoTenant = prefix.resolve(COUNT_OF_NO_TENANT);
		this.selectEnabledByTenant = prefix.resolve(SELECT_ENABLED_BY_TENANT);
		this.selectEnabledOfNoTenant = prefix.resolve(SELECT_ENABLED_OF_NO_TENANT);
		this.selectAll = prefix.resolve(SELECT_ALL);
		this.deleteEndpoint = prefix.resolve(DELETE_ENDPOINT);
		this.disableEndpoint = prefix.resolve(DISABLE_ENDPOINT);
		this.startFailing = prefix.resolve(START_FAILING);
		this.stopFailing = prefix.resolve(STOP_FAILING);
		this.selectFailingForUpdate = prefix.resolve(SELECT_FAILING_FOR_UPDATE);
	}

	@Override
	public void save(WebhookEndpoint endpoint) {
		try {
			this.transactions.executeWithoutResult((status) -> {
				if (update(endpoint) == 0) {
					insert(endpoint);
				}
			});
		}
		catch (DuplicateKeyException ex) {
			// another instance inserted the same configured endpoint at the same moment: ours is an update now
			this.transactions.executeWithoutResult((status) -> update(endpoint));
		}
	}

	/**
	 * Counts and inserts in one transaction, after taking the tenant's endpoint lock where the database has one
	 * (PostgreSQL: an advisory lock until the transaction ends, so that instances sharing the database take
	 * turns and each count sees the inserts committed before it).
	 */
	@Override
	public boolean insertWithinLimit(WebhookEndpoint endpoint, int limit) {
		Boolean inserted = this.transactions.execute((status) -> {
			dialect().lockTenantEndpoints(endpoint.tenantId());
			Integer count = (endpoint.tenantId() != null)
					? this.jdbc.queryForObject(this.countByTenant, Integer.class, endpoint.tenantId())
					: this.jdbc.queryForObject(this.countOfNoTenant, Integer.class, NO_ARGUMENTS);
			if (count != null && count >= limit) {
				return false;
			}
			insert(endpoint);
			return true;
		});
		return Boolean.TRUE.equals(inserted);
	}

	private StoreDialect dialect() {
		StoreDialect chosen = this.dialect;
		if (chosen == null) {
			chosen = StoreDialect.of(this.jdbc, this.prefix);
			this.dialect = chosen;
		}
		return chosen;
	}

	private int update(WebhookEndpoint endpoint) {
		return this.jdbc.update(this.updateEndpoint, (ps) -> {
			int next = setColumns(ps, endpoint);
			ps.setBoolean(next, endpoint.enabled());
			ps.setString(next + 1, endpoint.id());
		});
	}

	private void insert(WebhookEndpoint endpoint) {
		this.jdbc.update(this.insertEndpoint, (ps) -> ps.setString(setColumns(ps, endpoint), endpoint.id()));
	}

	/** Bind the columns both statements set, in {@link #COLUMNS} order; returns the next parameter index. */
	private int setColumns(PreparedStatement ps, WebhookEndpoint endpoint) throws SQLException {
		ps.setString(1, endpoint.tenantId());
		ps.setString(2, endpoint.url());
		ps.setString(3, endpoint.description());
		ps.setString(4, EndpointJson.write(endpoint.eventTypes()));
		ps.setString(5, EndpointJson.write(endpoint.headers()));
		ps.setString(6, EndpointJson.writeSecrets(endpoint.secrets(), this.encryption));
		ps.setBoolean(7, endpoint.enabled());
		ps.setString(8, endpoint.disabledReason());
		JdbcTimestamps.set(ps, 9, endpoint.createdAt());
		JdbcTimestamps.set(ps, 10, endpoint.updatedAt());
		ps.setString(11, (endpoint.filter() != null) ? endpoint.filter().json() : null);
		ps.setString(12, endpoint.ordering().apiName());
		ps.setObject(13, endpoint.rateLimit(), Types.INTEGER);
		ps.setString(14, endpoint.sslBundle());
		return 15;
	}

	@Override
	public Optional<WebhookEndpoint> findById(String id) {
		return this.jdbc.query(this.selectById, this.rowMapper, id).stream().findFirst();
	}

	@Override
	public List<WebhookEndpoint> findByTenant(String tenantId) {
		return (tenantId != null) ? this.jdbc.query(this.selectByTenant, this.rowMapper, tenantId)
				: this.jdbc.query(this.selectOfNoTenant, this.rowMapper, NO_ARGUMENTS);
	}

	@Override
	public List<WebhookEndpoint> findEnabledByTenant(String tenantId) {
		return (tenantId != null) ? this.jdbc.query(this.selectEnabledByTenant, this.rowMapper, tenantId)
				: this.jdbc.query(this.selectEnabledOfNoTenant, this.rowMapper, NO_ARGUMENTS);
	}

	@Override
	public List<WebhookEndpoint> findAll() {
		return this.jdbc.query(this.selectAll, this.rowMapper);
	}

	@Override
	public boolean delete(String id) {
		return this.jdbc.update(this.deleteEndpoint, JdbcTimestamps.param(this.clock.instant()), id) > 0;
	}

	@Override
	public void recordDeliveryHealth(Collection<String> succeeded, Collection<String> dead, Instant at) {
		if (succeeded.isEmpty() && dead.isEmpty()) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			BatchUpdates.updateEach(this.jdbc, this.startFailing, List.copyOf(dead), at);
			BatchUpdates.updateEach(this.jdbc, this.stopFailing, List.copyOf(succeeded));
		});
	}

	@Override
	public void disable(Collection<String> ids, String reason, Instant at) {
		BatchUpdates.updateEach(this.jdbc, this.disableEndpoint, List.copyOf(ids), reason, at);
	}

	@Override
	public List<String> disableFailingSince(Instant cutoff, String reason, Instant at) {
		List<String> disabled = this.transactions.execute((status) -> {
			List<String> ids = this.jdbc.queryForList(this.selectFailingForUpdate, String.class,
					JdbcTimestamps.param(cutoff));
			BatchUpdates.updateEach(this.jdbc, this.disableEndpoint, ids, reason, at);
			return ids;
		});
		return (disabled != null) ? disabled : List.of();
	}

	private WebhookEndpoint mapEndpoint(ResultSet rs, int row) throws SQLException {
		return new WebhookEndpoint(rs.getString("id"), rs.getString("tenant_id"), rs.getString("url"),
				rs.getString("description"), EndpointJson.readEventTypes(rs.getString("event_types")),
				EndpointJson.readHeaders(rs.getString("headers")),
				EndpointJson.readSecrets(rs.getString("secrets"), this.encryption),
				rs.getBoolean("enabled"), rs.getString("disabled_reason"), JdbcTimestamps.get(rs, "created_at"),
				JdbcTimestamps.get(rs, "updated_at"), readFilter(rs.getString("payload_filter")),
				EndpointOrdering.fromApiName(rs.getString("ordering")), rs.getObject("rate_limit", Integer.class),
				rs.getString("ssl_bundle"));
	}

	/** Parsed here, once per load, so the publish path evaluates a ready tree; it was validated when saved. */
	private static PayloadFilter readFilter(String json) {
		return (json != null) ? PayloadFilter.parse(json) : null;
	}

}
