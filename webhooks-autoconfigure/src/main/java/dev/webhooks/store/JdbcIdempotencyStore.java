package dev.webhooks.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.webhooks.receive.IdempotencyStore;
import dev.webhooks.receive.WebhookInbox;
import dev.webhooks.receive.WebhookMessage;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * An {@link IdempotencyStore} in the {@code received} table (named with a {@link TablePrefix}), shared by every
 * instance on the database. The primary key {@code (source, message_id)} makes the claim atomic: of two concurrent
 * requests, one inserts the row and the other finds it. Asynchronous messages keep their headers and body in the row
 * until handled, so a message accepted with 202 survives a restart and is handled then.
 * <p>
 * With a confirm flush interval (the auto-configuration's default), {@link #confirm} does not write: the id is
 * answered as handled by this store at once and written with the others confirmed meanwhile, in one batch and one
 * commit, by a writer thread every interval; {@link #close} writes what is left. Until then another instance sees
 * the id claimed and answers {@link Claim#IN_PROGRESS}, so the sender retries later. A crash loses the
 * confirmations not yet written: their ids stay claimed until the claim timeout, and a redelivery after it is
 * handled again (a duplicate, never a loss). The interval must be far shorter than the claim timeout.
 */
public class JdbcIdempotencyStore implements IdempotencyStore, WebhookInbox, AutoCloseable {

	private static final TypeReference<Map<String, List<String>>> HEADERS_TYPE = new TypeReference<>() {
	};

	private static final String PROCESSING = "PROCESSING";

	private static final String PENDING = "PENDING";

	private static final String HANDLED = "HANDLED";

	private static final String FAILED = "FAILED";

	/** Confirmations kept waiting at most; beyond it each is written at once, as without a flush interval. */
	private static final int MAX_DEFERRED = 100_000;

	private final JdbcTemplate jdbc;

	private final JsonMapper mapper;

	private final Duration claimTimeout;

	private final Clock clock;

	private final String insertSql;

	private final String takeOverSql;

	private final String selectStatusSql;

	private final String confirmSql;

	private final String releaseSql;

	private final String purgeSql;

	private final String savePendingSql;

	private final String markFailedSql;

	private final String selectAbandonedSql;

	private final String reclaimSql;

	private final DeferredConfirmations deferred;

	/**
	 * Create a store.
	 * @param dataSource the database holding the {@code webhook_received} table
	 * @param mapper writes and reads the stored headers
	 * @param claimTimeout how long a claim holds before another request, or the recovery of abandoned messages,
	 * may take it over
	 * @param clock the clock
	 */
	public JdbcIdempotencyStore(DataSource dataSource, JsonMapper mapper, Duration claimTimeout, Clock clock) {
		this(dataSource, mapper, claimTimeout, clock, TablePrefix.DEFAULT);
	}

	/**
	 * Create a store.
	 * @param dataSource the database holding the {@code received} table
	 * @param mapper writes and reads the stored headers
	 * @param claimTimeout how long a claim holds before another request, or the recovery of abandoned messages,
	 * may take it over
	 * @param clock the clock
	 * @param prefix the prefix of the table name
	 */
	public JdbcIdempotencyStore(DataSource dataSource, JsonMapper mapper, Duration claimTimeout, Clock clock,
			TablePrefix prefix) {
		this(dataSource, mapper, claimTimeout, clock, prefix, Duration.ZERO);
	}

	/**
	 * Create a store.
	 * @param dataSource the database holding the {@code received} table
	 * @param mapper writes and reads the stored headers
	 * @param claimTimeout how long a claim holds before another request, or the recovery of abandoned messages,
	 * may take it over
	 * @param clock the clock
	 * @param prefix the prefix of the table name
	 * @param confirmFlushInterval how often confirmations are written in a batch, shorter than the claim timeout;
	 * zero writes each one in {@link #confirm}, on the caller's thread
	 */
	public JdbcIdempotencyStore(DataSource dataSource, JsonMapper mapper, Duration claimTimeout, Clock clock,
			TablePrefix prefix, Duration confirmFlushInterval) {
		Assert.isTrue(!confirmFlushInterval.isNegative() && confirmFlushInterval.compareTo(claimTimeout) < 0,
				() -> "The confirm flush interval (" + confirmFlushInterval + ") must be zero or more and shorter "
						+ "than the claim timeout (" + claimTimeout + ")");
		this.jdbc = new JdbcTemplate(dataSource);
		this.mapper = mapper;
		this.claimTimeout = claimTimeout;
		this.clock = clock;
		this.insertSql = StoreDialect.of(this.jdbc, prefix).insertReceivedClaim();
		this.takeOverSql = prefix.resolve("UPDATE %TABLE_PREFIX%received SET status = ?, claimed_at = ?, "
				+ "handled_at = NULL "
				+ "WHERE source = ? AND message_id = ? AND (status = ? OR (status = ? AND claimed_at < ?))");
		this.selectStatusSql = prefix.resolve(
				"SELECT status FROM %TABLE_PREFIX%received WHERE source = ? AND message_id = ?");
		this.confirmSql = prefix.resolve("UPDATE %TABLE_PREFIX%received "
				+ "SET status = ?, handled_at = ?, headers = NULL, body = NULL WHERE source = ? AND message_id = ?");
		this.releaseSql = prefix.resolve("DELETE FROM %TABLE_PREFIX%received "
				+ "WHERE source = ? AND message_id = ? AND status IN (?, ?)");
		this.purgeSql = prefix.resolve("DELETE FROM %TABLE_PREFIX%received WHERE status <> ? AND received_at < ?");
		this.savePendingSql = prefix.resolve("UPDATE %TABLE_PREFIX%received "
				+ "SET status = ?, event_type = ?, signed_at = ?, headers = ?, body = ? "
				+ "WHERE source = ? AND message_id = ?");
		this.markFailedSql = prefix.resolve("UPDATE %TABLE_PREFIX%received "
				+ "SET status = ?, handled_at = ? WHERE source = ? AND message_id = ?");
		this.selectAbandonedSql = prefix.resolve("SELECT source, message_id, claimed_at, event_type, signed_at, "
				+ "headers, body FROM %TABLE_PREFIX%received "
				+ "WHERE status = ? AND claimed_at < ? ORDER BY claimed_at LIMIT ?");
		this.reclaimSql = prefix.resolve("UPDATE %TABLE_PREFIX%received SET claimed_at = ? "
				+ "WHERE source = ? AND message_id = ? AND status = ? AND claimed_at = ?");
		this.deferred = confirmFlushInterval.isZero() ? null
				: new DeferredConfirmations(confirmFlushInterval, MAX_DEFERRED,
						confirmationWriter(new TransactionTemplate(new DataSourceTransactionManager(dataSource))));
	}

	@Override
	public Claim claim(String source, String messageId) {
		if (isConfirmedNotWritten(source, messageId)) {
			return Claim.HANDLED;
		}
		OffsetDateTime now = now();
		try {
			this.jdbc.update(this.insertSql, source, messageId, PROCESSING, now, now);
			return Claim.CLAIMED;
		}
		catch (DuplicateKeyException ex) {
			// seen before: take it over only when it failed or its claimer is gone
		}
		int taken = this.jdbc.update(this.takeOverSql, PROCESSING,
				now, source, messageId, FAILED, PROCESSING, now.minus(this.claimTimeout));
		if (taken == 1) {
			return Claim.CLAIMED;
		}
		List<String> status = this.jdbc.queryForList(
				this.selectStatusSql, String.class, source,
				messageId);
		if (status.isEmpty()) {
			// released between our insert and our look: try once more
			return claim(source, messageId);
		}
		String current = status.get(0);
		return (HANDLED.equals(current) || PENDING.equals(current)) ? Claim.HANDLED : Claim.IN_PROGRESS;
	}

	@Override
	public void confirm(String source, String messageId) {
		OffsetDateTime now = now();
		if (this.deferred == null || !this.deferred.add(new DeferredConfirmations.ReceivedId(source, messageId), now)) {
			this.jdbc.update(this.confirmSql, HANDLED, now, source, messageId);
		}
	}

	@Override
	public void release(String source, String messageId) {
		if (isConfirmedNotWritten(source, messageId)) {
			// handled already: the delete below would remove the row before its confirmation is written
			return;
		}
		this.jdbc.update(this.releaseSql,
				source, messageId, PROCESSING, PENDING);
	}

	@Override
	public int purge(Instant receivedBefore) {
		// written first, so no confirmation lands on a purged row (its id would then stay handled here only)
		writeConfirmations();
		return this.jdbc.update(this.purgeSql, PENDING,
				receivedBefore.atOffset(ZoneOffset.UTC));
	}

	@Override
	public void savePending(WebhookMessage message) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		message.headers().forEach(headers::put);
		this.jdbc.update(this.savePendingSql, PENDING, message.type(),
				(message.timestamp() != null) ? message.timestamp().atOffset(ZoneOffset.UTC) : null,
				this.mapper.writeValueAsString(headers), message.body(), message.source(), message.id());
	}

	@Override
	public void markFailed(String source, String messageId) {
		this.jdbc.update(this.markFailedSql,
				FAILED, now(), source, messageId);
	}

	@Override
	public List<WebhookMessage> reclaimAbandonedPending(int limit) {
		OffsetDateTime now = now();
		List<Abandoned> candidates = this.jdbc.query(
				this.selectAbandonedSql,
				(rs, row) -> new Abandoned(rs.getObject("claimed_at", OffsetDateTime.class),
						new WebhookMessage(rs.getString("message_id"), rs.getString("event_type"),
								toInstant(rs.getObject("signed_at", OffsetDateTime.class)), rs.getString("source"),
								readHeaders(rs.getString("headers")), rs.getBytes("body"))),
				PENDING, now.minus(this.claimTimeout), limit);
		List<WebhookMessage> reclaimed = new ArrayList<>();
		for (Abandoned candidate : candidates) {
			WebhookMessage message = candidate.message();
			// the claimed_at condition lets only one instance win each abandoned message
			int taken = this.jdbc.update(this.reclaimSql, now, message.source(),
					message.id(), PENDING, candidate.claimedAt());
			if (taken == 1) {
				reclaimed.add(message);
			}
		}
		return reclaimed;
	}

	/**
	 * Write the confirmations that wait for the next flush now, on the caller's thread.
	 */
	public void writeConfirmations() {
		if (this.deferred != null) {
			this.deferred.flush();
		}
	}

	/**
	 * Stop the confirmation writer and write what is left; later confirmations are written at once.
	 */
	@Override
	public void close() {
		if (this.deferred != null) {
			this.deferred.close();
		}
	}

	private boolean isConfirmedNotWritten(String source, String messageId) {
		return this.deferred != null && this.deferred.contains(new DeferredConfirmations.ReceivedId(source, messageId));
	}

	private Consumer<List<Map.Entry<DeferredConfirmations.ReceivedId, OffsetDateTime>>> confirmationWriter(
			TransactionTemplate transaction) {
		return (batch) -> transaction.executeWithoutResult((status) -> this.jdbc.batchUpdate(this.confirmSql,
				batch.stream()
					.map((entry) -> new Object[] { HANDLED, entry.getValue(), entry.getKey().source(),
							entry.getKey().messageId() })
					.toList()));
	}

	private HttpHeaders readHeaders(String json) {
		HttpHeaders headers = new HttpHeaders();
		if (json != null) {
			this.mapper.readValue(json, HEADERS_TYPE).forEach(headers::put);
		}
		return headers;
	}

	private static Instant toInstant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	/** Microseconds, as both databases store them, so a value read back compares equal to the one written. */
	private OffsetDateTime now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
	}

	private record Abandoned(OffsetDateTime claimedAt, WebhookMessage message) {
	}

}
