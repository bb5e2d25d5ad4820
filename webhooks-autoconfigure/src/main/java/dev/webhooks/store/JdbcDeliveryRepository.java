package dev.webhooks.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.webhooks.delivery.DeliveryOutcome;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.delivery.EndpointRateLimiter;
import dev.webhooks.delivery.NewDelivery;
import dev.webhooks.delivery.NewEvent;
import dev.webhooks.delivery.OrderedDeliveryRepository;
import dev.webhooks.event.OutboxEvent;

import dev.webhooks.signing.SecretEncryption;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@link DeliveryRepository} on the {@code event}, {@code delivery} and {@code attempt} tables of the application's
 * database (PostgreSQL or H2), named with a {@link TablePrefix}; claims read the {@code endpoint} table to skip
 * disabled endpoints. It hands each job to a class of its own: the outbox insert and idempotency keys to
 * {@link JdbcOutboxWriter}, claims and leases to {@link JdbcDeliveryClaimer}, outcomes to
 * {@link JdbcOutcomeWriter}, the purge to {@link JdbcOutboxPurger}, counts to {@link JdbcDeliveryCounter}; what
 * differs between the databases is in the {@link StoreDialect} chosen when the repository is created. The ids a
 * statement needs are bound as parameters, never concatenated.
 * <p>
 * It also keeps ordered endpoints' queues ({@link OrderedDeliveryRepository}) and the rate limits of endpoints
 * ({@link EndpointRateLimiter}) in the per-endpoint {@code endpoint_lane} rows ({@link JdbcEndpointLanes}).
 */
public class JdbcDeliveryRepository implements DeliveryRepository, OrderedDeliveryRepository, EndpointRateLimiter {

	private final JdbcOutboxWriter outbox;

	private final JdbcDeliveryClaimer claimer;

	private final JdbcOutcomeWriter outcomes;

	private final JdbcOutboxPurger purger;

	private final JdbcDeliveryCounter counter;

	private final JdbcEndpointLanes lanes;

	/**
	 * Create a repository on the tables of the default prefix.
	 * @param jdbc JDBC access to the application's data source
	 * @param transactions the transactions that claims, outcomes and purges run in; {@link #insert} runs in the
	 * caller's
	 * @param clock the clock for completion times
	 */
	public JdbcDeliveryRepository(JdbcOperations jdbc, TransactionOperations transactions, Clock clock) {
		this(jdbc, transactions, clock, TablePrefix.DEFAULT);
	}

	/**
	 * Create a repository. Asks the database for its product name, once, to choose its dialect.
	 * @param jdbc JDBC access to the application's data source
	 * @param transactions the transactions that claims, outcomes and purges run in; {@link #insert} runs in the
	 * caller's
	 * @param clock the clock for completion times
	 * @param prefix the prefix of the table names
	 */
	public JdbcDeliveryRepository(JdbcOperations jdbc, TransactionOperations transactions, Clock clock,
			TablePrefix prefix) {
		this(jdbc, transactions, clock, prefix, SecretEncryption.none());
	}

	/**
	 * Create a repository that reads encrypted endpoint secrets. Asks the database for its product name, once, to
	 * choose its dialect.
	 * @param jdbc JDBC access to the application's data source
	 * @param transactions the transactions that claims, outcomes and purges run in; {@link #insert} runs in the
	 * caller's
	 * @param clock the clock for completion times
	 * @param prefix the prefix of the table names
	 * @param encryption opens the endpoints' secrets column, as the endpoint repository sealed it
	 */
	public JdbcDeliveryRepository(JdbcOperations jdbc, TransactionOperations transactions, Clock clock,
			TablePrefix prefix, SecretEncryption encryption) {
		StoreDialect dialect = StoreDialect.of(jdbc, prefix);
		this.lanes = new JdbcEndpointLanes(jdbc, dialect, prefix);
		this.outbox = new JdbcOutboxWriter(jdbc, dialect, prefix, this.lanes);
		this.claimer = new JdbcDeliveryClaimer(jdbc, transactions, dialect, prefix, encryption);
		this.outcomes = new JdbcOutcomeWriter(transactions, dialect, clock);
		this.purger = new JdbcOutboxPurger(jdbc, transactions, prefix);
		this.counter = new JdbcDeliveryCounter(jdbc, prefix);
	}

	@Override
	public void insert(OutboxEvent event, List<NewDelivery> deliveries) {
		insertAll(List.of(new NewEvent(event, deliveries)));
	}

	@Override
	public void insertAll(List<NewEvent> events) {
		this.outbox.insertAll(events);
	}

	/**
	 * On PostgreSQL, a transaction-scoped advisory lock on the key's hash. H2 is embedded in one process; there
	 * the lock is not taken, and two transactions of that process publishing one key at the same moment, neither
	 * committed, can both insert.
	 */
	@Override
	public void lockIdempotencyKey(String tenantId, String idempotencyKey) {
		this.outbox.lockIdempotencyKey(tenantId, idempotencyKey);
	}

	@Override
	public Optional<String> findEventIdByIdempotencyKey(String tenantId, String idempotencyKey, Instant since) {
		return this.outbox.findEventIdByIdempotencyKey(tenantId, idempotencyKey, since);
	}

	@Override
	public List<DeliveryTask> claimDue(String owner, Instant now, Duration lease, int limit) {
		return this.claimer.claimDue(owner, now, lease, limit);
	}

	@Override
	public List<String> findOrderedEndpointsDue(Instant now, int limit) {
		return this.claimer.findOrderedEndpointsDue(now, limit);
	}

	@Override
	public OrderedHead claimOrderedHead(String endpointId, String owner, Instant now, Duration lease) {
		return this.claimer.claimOrderedHead(endpointId, owner, now, lease);
	}

	/**
	 * Take a permit of a rate-limited endpoint from its row in {@code endpoint_lane}, shared by every instance on
	 * the database.
	 */
	@Override
	public Instant tryAcquire(String endpointId, int perSecond, Instant now) {
		return this.lanes.tryAcquire(endpointId, perSecond, now);
	}

	@Override
	public void releaseLeases(String owner, Collection<String> deliveryIds) {
		this.claimer.releaseLeases(owner, deliveryIds);
	}

	/**
	 * On H2, one {@code UPDATE ... WHERE id IN (...)} for the deliveries that get the same values, and multi-row
	 * attempt inserts; on PostgreSQL, one statement for the batch's deliveries that reads each row's values from
	 * arrays, planned for the rows at hand, and one for its attempts. One transaction, joining the caller's.
	 */
	@Override
	public void recordOutcomes(Collection<DeliveryOutcome> outcomes) {
		this.outcomes.recordOutcomes(outcomes);
	}

	@Override
	public long countPending() {
		return this.counter.countPending();
	}

	@Override
	public long countDead() {
		return this.counter.countDead();
	}

	@Override
	public int purgeCreatedBefore(Instant before, int batchSize) {
		return this.purger.purgeCreatedBefore(before, batchSize);
	}

}
