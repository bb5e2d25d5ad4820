package dev.webhooks.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhooks.delivery.AttemptSignature;
import dev.webhooks.delivery.DeliveryAttempt;
import dev.webhooks.delivery.DeliveryOutcome;
import dev.webhooks.delivery.DeliveryOutcomeRecorder;
import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.endpoint.CreatedEndpoint;
import dev.webhooks.endpoint.EndpointLimit;
import dev.webhooks.endpoint.EndpointLimitExceededException;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.endpoint.WebhookSubscribers;
import dev.webhooks.event.EventTypeCatalog;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The store contract on a real database, plus what only a database can show: {@code SKIP LOCKED}.
 */
abstract class JdbcWebhookStoreContractTests extends WebhookStoreContractTests {

	HikariDataSource dataSource;

	JdbcTemplate jdbc;

	TransactionTemplate transactions;

	abstract String jdbcUrl();

	abstract String username();

	abstract String platform();

	String password() {
		return "";
	}

	@Override
	void createStore() {
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(jdbcUrl());
		this.dataSource.setUsername(username());
		this.dataSource.setPassword(password());
		this.dataSource.setMaximumPoolSize(4);
		StoreSchema.create(this.dataSource, platform(), prefix());
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		this.endpoints = new JdbcEndpointRepository(this.jdbc, this.transactions, Clock.systemUTC(), prefix());
		this.deliveries = new JdbcDeliveryRepository(this.jdbc, this.transactions, Clock.systemUTC(), prefix());
	}

	/**
	 * The prefix of the table names.
	 * @return the default, unless a subclass runs the contract with another
	 */
	TablePrefix prefix() {
		return TablePrefix.DEFAULT;
	}

	/** SQL of a test, naming the tables {@code %TABLE_PREFIX%name}, for this class's prefix. */
	String sql(String sql) {
		return prefix().resolve(sql);
	}

	@Override
	TransactionOperations transactions() {
		return this.transactions;
	}

	@Override
	void closeStore() {
		this.dataSource.close();
	}

	@Override
	int attemptCount() {
		return this.jdbc.queryForObject(sql("SELECT COUNT(*) FROM %TABLE_PREFIX%attempt"), Integer.class);
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	@Test
	void claimerSkipsRowsAnotherTransactionHoldsInsteadOfWaiting() throws Exception {
		this.endpoints.save(endpoint("ep_1", null, true));
		insertEvent("evt_1", null, List.of("ep_1", "ep_1", "ep_1", "ep_1"), T0, null);
		CountDownLatch claimed = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// a pool of its own: the common pool may have a single worker on a 2-core machine, held by the first claimer
		ExecutorService claimers = Executors.newFixedThreadPool(2);
		CompletableFuture<List<DeliveryTask>> holder = CompletableFuture.supplyAsync(() -> this.transactions
			.execute((status) -> {
				// claimDue joins this transaction, so its row locks stay held until release
				List<DeliveryTask> tasks = this.deliveries.claimDue("node-a", T0, LEASE, 2);
				claimed.countDown();
				await(release);
				return tasks;
			}), claimers);
		try {
			assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

			List<DeliveryTask> other = CompletableFuture
				.supplyAsync(() -> this.deliveries.claimDue("node-b", T0, LEASE, 10), claimers)
				.get(5, TimeUnit.SECONDS);

			assertThat(other).hasSize(2);
			release.countDown();
			assertThat(set(holder.get(10, TimeUnit.SECONDS).stream().map(DeliveryTask::deliveryId).toList()))
				.doesNotContainAnyElementsOf(other.stream().map(DeliveryTask::deliveryId).toList());
		}
		finally {
			release.countDown();
			claimers.shutdown();
		}
	}

	@Test
	void outcomeWritesTheAttemptLogRow() {
		this.endpoints.save(endpoint("ep_1", null, true));
		List<String> ids = insertEvent("evt_1", null, List.of("ep_1"), T0, null);

		this.deliveries.recordOutcomes(List.of(outcome(ids.get(0), "ep_1", DeliveryStatus.PENDING, T0.plusSeconds(5),
				503)));

		String id = ids.get(0);
		assertThat(column("attempt_number FROM %TABLE_PREFIX%attempt WHERE delivery_id", id, Integer.class))
			.isEqualTo(1);
		assertThat(column("response_body FROM %TABLE_PREFIX%attempt WHERE delivery_id", id, String.class))
			.isEqualTo("body 503");
		assertThat(column("duration_ms FROM %TABLE_PREFIX%attempt WHERE delivery_id", id, Long.class)).isEqualTo(12);
		assertThat(column("started_at FROM %TABLE_PREFIX%attempt WHERE delivery_id", id, OffsetDateTime.class)
			.toInstant()).isEqualTo(T0);
		assertThat(column("error FROM %TABLE_PREFIX%attempt WHERE delivery_id", id, String.class)).isNull();
		assertThat(column("last_status_code FROM %TABLE_PREFIX%delivery WHERE id", id, Integer.class))
			.isEqualTo(503);
		assertThat(column("locked_by FROM %TABLE_PREFIX%delivery WHERE id", id, String.class)).isNull();
	}

	/** {@code SELECT <columnFromWhere> = ?} for one id. */
	private <T> T column(String columnFromWhere, String id, Class<T> type) {
		return this.jdbc.queryForObject(sql("SELECT " + columnFromWhere + " = ?"), type, id);
	}

	@Test
	void outcomeOfANetworkErrorWritesItsErrorWithoutAStatusOrBody() {
		this.endpoints.save(endpoint("ep_1", null, true));
		List<String> ids = insertEvent("evt_1", null, List.of("ep_1"), T0, null);
		DeliveryAttempt refused = new DeliveryAttempt(ids.get(0), 1, T0, null, 0, null, "Connection refused");

		this.deliveries.recordOutcomes(List.of(new DeliveryOutcome(ids.get(0), "ep_1", DeliveryStatus.PENDING,
				T0.plusSeconds(5), refused, false)));

		Map<String, Object> row = this.jdbc.queryForMap(
				sql("SELECT status_code, response_body, error, duration_ms FROM %TABLE_PREFIX%attempt "
						+ "WHERE delivery_id = ?"),
				ids.get(0));
		assertThat(row).containsEntry("status_code", 0)
			.containsEntry("response_body", null)
			.containsEntry("error", "Connection refused")
			.containsEntry("duration_ms", 0L);
	}

	@Test
	void attemptRowsRecordTheSchemeAndHeadersEachAttemptWasSignedWith() {
		this.endpoints.save(endpoint("ep_1", null, true));
		List<String> ids = insertEvent("evt_1", null, List.of("ep_1"), T0, null);
		DeliveryAttempt signed = new DeliveryAttempt(ids.get(0), 1, T0, Duration.ofMillis(7), 503, "busy", null,
				new AttemptSignature("timestamped-hex", "Anvil-Event-Id,Anvil-Signature"));
		DeliveryAttempt unsigned = new DeliveryAttempt(ids.get(0), 2, T0.plusSeconds(5), null, 0, null,
				"Endpoint ep_1 has no valid signing secret");

		this.deliveries.recordOutcomes(List.of(new DeliveryOutcome(ids.get(0), "ep_1", DeliveryStatus.PENDING,
				T0.plusSeconds(5), signed, false)));
		this.deliveries.recordOutcomes(List.of(new DeliveryOutcome(ids.get(0), "ep_1", DeliveryStatus.FAILED, null,
				unsigned, false)));

		List<Map<String, Object>> rows = this.jdbc.queryForList(
				sql("SELECT signature_scheme, signature_headers FROM %TABLE_PREFIX%attempt WHERE delivery_id = ? "
						+ "ORDER BY attempt_number"),
				ids.get(0));
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).containsEntry("signature_scheme", "timestamped-hex")
			.containsEntry("signature_headers", "Anvil-Event-Id,Anvil-Signature");
		assertThat(rows.get(1)).containsEntry("signature_scheme", null).containsEntry("signature_headers", null);
	}

	@Test
	void outcomesAndTheEndpointHealthTheyImplyAreWrittenInOneTransaction() {
		// given a claimed delivery, and an endpoint repository that fails to write health
		this.endpoints.save(endpoint("ep_1", null, true));
		String id = insertEvent("evt_1", null, List.of("ep_1"), T0, null).get(0);
		this.deliveries.claimDue("node-a", T0, LEASE, 10);
		JdbcEndpointRepository failing = new JdbcEndpointRepository(this.jdbc, this.transactions, Clock.systemUTC(),
				prefix()) {

			@Override
			public void recordDeliveryHealth(Collection<String> succeeded, Collection<String> dead, Instant at) {
				throw new IllegalStateException("health write failed");
			}

		};
		DeliveryOutcomeRecorder recorder = new DeliveryOutcomeRecorder(this.deliveries, failing, this.transactions,
				Clock.systemUTC());

		// when the engine writes the delivery's success
		assertThatIllegalStateException()
			.isThrownBy(() -> recorder.record(List.of(outcome(id, "ep_1", DeliveryStatus.SUCCEEDED, null, 200))));

		// then nothing of it was written: the delivery is still pending and leased, with no attempt
		assertThat(this.deliveries.countPending()).isOne();
		assertThat(attemptCount()).isZero();
		assertThat(column("locked_by FROM %TABLE_PREFIX%delivery WHERE id", id, String.class)).isEqualTo("node-a");
	}

	@Test
	void twoCreatesForOneTenantInTransactionsOfTheirOwnCannotBothPassItsLimit() throws Exception {
		// given the service on this store, one endpoint per tenant, and a first create whose transaction stays open
		WebhookEndpoints service = serviceWithEndpointLimit(1);
		CountDownLatch created = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<CreatedEndpoint> first = executor.submit(() -> this.transactions.execute((status) -> {
				CreatedEndpoint endpoint = service.create("t1", EndpointRequest.of("https://a.example.com/1"));
				created.countDown();
				await(commit);
				return endpoint;
			}));
			assertThat(created.await(10, TimeUnit.SECONDS)).isTrue();

			// when a second create for the tenant runs in a transaction of its own
			Future<CreatedEndpoint> second = executor.submit(() -> this.transactions
				.execute((status) -> service.create("t1", EndpointRequest.of("https://a.example.com/2"))));

			// then it waits for the first transaction, and once that commits it counts its endpoint and is refused
			Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
			commit.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS).endpoint().tenantId()).isEqualTo("t1");
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> second.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(EndpointLimitExceededException.class);
			assertThat(this.endpoints.findByTenant("t1")).hasSize(1);
		}
		finally {
			commit.countDown();
			executor.shutdownNow();
		}
	}

	@Test
	void aTransactionCreatesAgainInItsTenantsTurnAndGivesTheTurnBackWhenRolledBack() throws Exception {
		// given a transaction that creates two endpoints of a tenant and then fails
		WebhookEndpoints service = serviceWithEndpointLimit(2);
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			service.create("t1", EndpointRequest.of("https://a.example.com/1"));
			service.create("t1", EndpointRequest.of("https://a.example.com/2"));
			throw new IllegalStateException("rolled back");
		})).withMessage("rolled back");

		// when another thread creates an endpoint for the tenant
		CreatedEndpoint created = CompletableFuture
			.supplyAsync(() -> service.create("t1", EndpointRequest.of("https://a.example.com/3")))
			.get(5, TimeUnit.SECONDS);

		// then it had the turn at once, and the tenant has only its endpoint
		assertThat(this.endpoints.findByTenant("t1")).extracting(WebhookEndpoint::id)
			.containsExactly(created.endpoint().id());
	}

	private WebhookEndpoints serviceWithEndpointLimit(int maxEndpoints) {
		WebhookEndpoints service = new WebhookEndpoints(this.endpoints,
				new WebhookSubscribers(this.endpoints, Duration.ZERO), null, new EventTypeCatalog(List.of()), false,
				WebhookEndpoints.DEFAULT_ROTATION_OVERLAP, Clock.systemUTC());
		service.setEndpointLimit(EndpointLimit.perTenant(maxEndpoints));
		return service;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
