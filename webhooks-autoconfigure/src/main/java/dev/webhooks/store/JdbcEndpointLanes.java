package dev.webhooks.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.webhooks.delivery.EndpointRateLimiter;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * The per-endpoint row of {@code endpoint_lane} that every instance on the database shares: the sequence of an
 * ordered endpoint's deliveries and the rate limiter's theoretical arrival time. Each is one conditional
 * {@code UPDATE} of the row, so the database's row lock makes it atomic across instances; the row is created the
 * first time an endpoint needs it.
 */
final class JdbcEndpointLanes implements EndpointRateLimiter {

	private static final String ADD_TO_SEQUENCE = """
			UPDATE %TABLE_PREFIX%endpoint_lane SET next_seq = next_seq + ? WHERE endpoint_id = ?
			""";

	private static final String SELECT_SEQUENCE = """
			SELECT next_seq FROM %TABLE_PREFIX%endpoint_lane WHERE endpoint_id = ?
			""";

	// GCRA without burst: a request may go now if the theoretical arrival time has come, and moves it one interval
	// past the later of itself and now
	private static final String TAKE_PERMIT = """
			UPDATE %TABLE_PREFIX%endpoint_lane SET rate_tat = GREATEST(rate_tat, ?) + ?
			WHERE endpoint_id = ? AND rate_tat <= ?
			""";

	private static final String SELECT_ARRIVAL_TIME = """
			SELECT rate_tat FROM %TABLE_PREFIX%endpoint_lane WHERE endpoint_id = ?
			""";

	private final JdbcOperations jdbc;

	private final StoreDialect dialect;

	private final String addToSequence;

	private final String selectSequence;

	private final String takePermit;

	private final String selectArrivalTime;

	JdbcEndpointLanes(JdbcOperations jdbc, StoreDialect dialect, TablePrefix prefix) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.addToSequence = prefix.resolve(ADD_TO_SEQUENCE);
		this.selectSequence = prefix.resolve(SELECT_SEQUENCE);
		this.takePermit = prefix.resolve(TAKE_PERMIT);
		this.selectArrivalTime = prefix.resolve(SELECT_ARRIVAL_TIME);
	}

	/**
	 * Reserve the next places in an ordered endpoint's queue, in the caller's transaction. The row stays locked
	 * until that transaction ends, so a concurrent publisher to the endpoint waits and gets the places after these:
	 * the sequence follows the order in which the publishing transactions commit.
	 * @param endpointId the endpoint
	 * @param count how many places
	 * @return the first of them
	 */
	long reserveSequence(String endpointId, int count) {
		if (this.jdbc.update(this.addToSequence, count, endpointId) == 0) {
			insertIfAbsent(endpointId);
			this.jdbc.update(this.addToSequence, count, endpointId);
		}
		Long last = this.jdbc.queryForObject(this.selectSequence, Long.class, endpointId);
		return last - count + 1;
	}

	@Override
	public Instant tryAcquire(String endpointId, int perSecond, Instant now) {
		long nowMicros = micros(now);
		long intervalMicros = Math.max(1, 1_000_000L / perSecond);
		for (int round = 0; round < 2; round++) {
			if (this.jdbc.update(this.takePermit, nowMicros, intervalMicros, endpointId, nowMicros) == 1) {
				return null;
			}
			List<Long> arrival = this.jdbc.queryForList(this.selectArrivalTime, Long.class, endpointId);
			if (!arrival.isEmpty()) {
				long at = arrival.get(0);
				if (at > nowMicros) {
					return Instant.EPOCH.plus(at, ChronoUnit.MICROS);
				}
				// another instance moved it on between the two statements: try again
			}
			else {
				insertIfAbsent(endpointId);
			}
		}
		return now.plusNanos(intervalMicros * 1000);
	}

	private void insertIfAbsent(String endpointId) {
		try {
			this.dialect.insertLaneIfAbsent(endpointId);
		}
		catch (DuplicateKeyException ex) {
			// a concurrent transaction inserted it first (H2; PostgreSQL's statement ignores the conflict)
		}
	}

	private static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

}
