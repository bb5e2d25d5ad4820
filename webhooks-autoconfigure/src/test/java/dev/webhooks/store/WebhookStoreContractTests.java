package dev.webhooks.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.webhooks.delivery.DeliveryAttempt;
import dev.webhooks.delivery.DeliveryOutcome;
import dev.webhooks.delivery.DeliveryOutcomeRecorder;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.delivery.NewDelivery;
import dev.webhooks.delivery.NewEvent;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.EndpointOrdering;
import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.event.OutboxEvent;
import dev.webhooks.event.filter.PayloadFilter;
import dev.webhooks.signing.WebhookSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every store must have, run against H2, PostgreSQL (each with the default table prefix and another)
 * and the in-memory store of the other packages' tests. Endpoint health is written as the delivery engine writes
 * it, through a {@link DeliveryOutcomeRecorder}.
 */
abstract class WebhookStoreContractTests {

	static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	static final Duration LEASE = Duration.ofSeconds(30);

	EndpointRepository endpoints;

	DeliveryRepository deliveries;

	/** Writes outcomes as the delivery engine does: deliveries, attempts and endpoint health together. */
	DeliveryOutcomeRecorder outcomes;

	private int sequence;

	abstract void createStore();

	/**
	 * The transactions the engine writes outcomes in.
	 * @return none, unless the store takes part in transactions
	 */
	TransactionOperations transactions() {
		return TransactionOperations.withoutTransaction();
	}

	void closeStore() {
	}

	@BeforeEach
	void setUp() {
		createStore();
		this.outcomes = new DeliveryOutcomeRecorder(this.deliveries, this.endpoints, transactions(),
				Clock.systemUTC());
	}

	@AfterEach
	void tearDown() {
		closeStore();
	}

	@Test
	void savedEndpointIsFoundByIdAndTenantWithItsSecretsAndHeaders() {
		WebhookSecret current = WebhookSecret.generate();
		WebhookSecret old = WebhookSecret.generate();
		WebhookEndpoint endpoint = new WebhookEndpoint("ep_1", "t1", "https://example.com/hook", "CRM",
				List.of("lead.*"), Map.of("X-Api-Key", "k1"),
				List.of(new EndpointSecret(current, null), new EndpointSecret(old, T0.plusSeconds(60))), true, null,
				T0, T0);

		this.endpoints.save(endpoint);

		WebhookEndpoint found = this.endpoints.findById("ep_1").orElseThrow();
		assertThat(found).isEqualTo(endpoint);
		assertThat(this.endpoints.findByTenant("t1")).containsExactly(endpoint);
		assertThat(this.endpoints.findByTenant("t2")).isEmpty();
		assertThat(this.endpoints.findByTenant(null)).isEmpty();
	}

	@Test
	void theDeliveryControlsOfAnEndpointAreStoredAndRemoved() {
		PayloadFilter filter = PayloadFilter.parse("{\"data.object.amount\":{\"$gt\":100},\"$or\":[{\"type\":\"a\"}]}");
		WebhookEndpoint endpoint = new WebhookEndpoint("ep_1", "t1", "https://example.com/hook", null, List.of(),
				Map.of(), List.of(new EndpointSecret(WebhookSecret.generate(), null)), true, null, T0, T0, filter,
				EndpointOrdering.FIFO, 25, "client");

		this.endpoints.save(endpoint);

		WebhookEndpoint found = this.endpoints.findById("ep_1").orElseThrow();
		assertThat(found).isEqualTo(endpoint);
		assertThat(found.filter().json()).isEqualTo(filter.json());
		assertThat(this.endpoints.findEnabledByTenant("t1")).containsExactly(endpoint);
		WebhookEndpoint without = new WebhookEndpoint("ep_1", "t1", "https://example.com/hook", null, List.of(),
				Map.of(), endpoint.secrets(), true, null, T0, T0.plusSeconds(1), null, EndpointOrdering.PARALLEL, null,
				null);
		this.endpoints.save(without);
		assertThat(this.endpoints.findById("ep_1").orElseThrow()).isEqualTo(without);
	}

	@Test
	void aLimitedInsertCountsTheTenantsEndpointsDisabledButNotDeletedOnes() {
		this.endpoints.save(endpoint("ep_1", "t1", true));
		this.endpoints.save(endpoint("ep_2", "t1", false));
		this.endpoints.save(endpoint("ep_3", null, true));

		assertThat(this.endpoints.insertWithinLimit(endpoint("ep_4", "t1", true), 2)).isFalse();
		assertThat(this.endpoints.insertWithinLimit(endpoint("ep_5", null, true), 1)).isFalse();
		this.endpoints.delete("ep_1");
		assertThat(this.endpoints.insertWithinLimit(endpoint("ep_4", "t1", true), 2)).isTrue();
		assertThat(this.endpoints.insertWithinLimit(endpoint("ep_6", "t2", true), 1)).isTrue();

		assertThat(this.endpoints.findByTenant("t1")).extracting(WebhookEndpoint::id).containsExactly("ep_2", "ep_4");
		assertThat(this.endpoints.findById("ep_5")).isEmpty();
		assertThat(this.endpoints.findByTenant("t2")).hasSize(1);
	}

	@Test
	void savingAgainReplacesAndDeleteHidesTheEndpoint() {
		this.endpoints.save(endpoint("ep_1", null, true));
		this.endpoints.save(endpoint("ep_2", null, false));

		this.endpoints.save(new WebhookEndpoint("ep_1", null, "https://example.com/v2", null, List.of("*"), Map.of(),
				List.of(new EndpointSecret(WebhookSecret.generate(), null)), true, null, T0, T0.plusSeconds(1)));

		assertThat(this.endpoints.findById("ep_1").orElseThrow().url()).isEqualTo("https://example.com/v2");
		assertThat(this.endpoints.findEnabledByTenant(null)).extracting(WebhookEndpoint::id).containsExactly("ep_1");
		assertThat(this.endpoints.delete("ep_1")).isTrue();
		assertThat(this.endpoints.findById("ep_1")).isEmpty();
		assertThat(this.endpoints.findAll()).extracting(WebhookEndpoint::id).containsExactly("ep_2");
		assertThat(this.endpoints.delete("ep_1")).isFalse();
	}

	@Test
	void insertedDeliveryIsClaimedWithEverythingTheDispatcherNeeds() {
		WebhookSecret current = WebhookSecret.generate();
		WebhookSecret expired = WebhookSecret.generate();
		this.endpoints.save(new WebhookEndpoint("ep_1", "t1", "https://example.com/hook", null, List.of(),
				Map.of("X-Team", "crm"),
				List.of(new EndpointSecret(current, null), new EndpointSecret(expired, T0.minusSeconds(1))), true,
				null, T0, T0));
		insertEvent("evt_1", "t1", List.of("ep_1"), T0, null);

		List<DeliveryTask> tasks = this.deliveries.claimDue("node-a", T0, LEASE, 10);

		assertThat(tasks).hasSize(1);
		DeliveryTask task = tasks.get(0);
		assertThat(task.eventId()).isEqualTo("evt_1");
		assertThat(task.eventType()).isEqualTo("lead.created");
		assertThat(task.tenantId()).isEqualTo("t1");
		assertThat(new String(task.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"evt_1\"}");
		assertThat(task.url()).isEqualTo("https://example.com/hook");
		assertThat(task.headers()).containsExactly(Map.entry("X-Team", "crm"));
		assertThat(task.secrets()).containsExactly(current);
		assertThat(task.attemptsMade()).isZero();
		assertThat(task.eventCreatedAt()).isEqualTo(T0);
	}

	@Test
	void eventsInsertedTogetherAreEachClaimedForEachOfTheirEndpoints() {
		// given three events written in one batch: two endpoints, one endpoint, and none
		this.endpoints.save(endpoint("ep_1", "t1", true));
		this.endpoints.save(endpoint("ep_2", "t1", true));
		this.deliveries.insertAll(List.of(newEvent("evt_1", List.of("ep_1", "ep_2")), newEvent("evt_2", List.of("ep_2")),
				newEvent("evt_3", List.of())));

		// when the deliveries are claimed
		List<DeliveryTask> tasks = this.deliveries.claimDue("node-a", T0, LEASE, 10);

		// then each event reached each of its endpoints with its own body, and the third is stored without any
		assertThat(tasks).extracting((task) -> task.eventId() + "->" + task.endpointId())
			.containsExactlyInAnyOrder("evt_1->ep_1", "evt_1->ep_2", "evt_2->ep_2");
		assertThat(tasks).allSatisfy((task) -> assertThat(new String(task.body(), StandardCharsets.UTF_8))
			.isEqualTo("{\"id\":\"" + task.eventId() + "\"}"));
		assertThat(this.deliveries.findEventIdByIdempotencyKey("t1", "key-evt_3", T0)).contains("evt_3");
	}

	@Test
	void claimedRowIsNotClaimedAgainUntilItsLeaseRunsOut() {
		this.endpoints.save(endpoint("ep_1", null, true));
		insertEvent("evt_1", null, List.of("ep_1"), T0, null);

		assertThat(this.deliveries.claimDue("node-a", T0, LEASE, 10)).hasSize(1);

		assertThat(this.deliveries.claimDue("node-b", T0.plusSeconds(29), LEASE, 10)).isEmpty();
		assertThat(this.deliveries.claimDue("node-b", T0.plusSeconds(30), LEASE, 10)).hasSize(1);
	}

	@Test
	void rowLeasedByTheFastPathIsDueOnlyAfterItsLease() {
		this.endpoints.save(endpoint("ep_1", null, true));
		insertEvent("evt_1", null, List.of("ep_1"), T0, "node-a");

		assertThat(this.deliveries.claimDue("node-b", T0.plusSeconds(1), LEASE, 10)).isEmpty();
		assertThat(this.deliveries.claimDue("node-b", T0.plus(LEASE), LEASE, 10)).hasSize(1);
	}

	@Test
	void releasedLeaseIsClaimableAtOnceButOnlyItsOwnerCanReleaseIt() {
		// given two deliveries leased to node-a by the fast path
		this.endpoints.save(endpoint("ep_1", null, true));
		List<String> ids = insertEvent("evt_1", null, List.of("ep_1", "ep_1"), T0, "node-a");

		// when node-b tries to release one and node-a releases the other
		this.deliveries.releaseLeases("node-b", List.of(ids.get(0)));
		this.deliveries.releaseLeases("node-a", List.of(ids.get(1)));

		// then only node-a's release makes a row due before the lease runs out
		assertThat(this.deliveries.claimDue("node-c", T0.plusSeconds(1), LEASE, 10))
			.extracting(DeliveryTask::deliveryId)
			.containsExactly(ids.get(1));
	}

	@Test
	void deliveriesOfDisabledOrDeletedEndpointsAreNotClaimed() {
		this.endpoints.save(endpoint("ep_on", null, true));
		this.endpoints.save(endpoint("ep_off", null, false));
		this.endpoints.save(endpoint("ep_gone", null, true));
		insertEvent("evt_1", null, List.of("ep_on", "ep_off", "ep_gone"), T0, null);
		this.endpoints.delete("ep_gone");

		assertThat(this.deliveries.claimDue("node-a", T0, LEASE, 10)).extracting(DeliveryTask::endpointId)
			.containsExactly("ep_on");
	}

	@Test
	void twoConcurrentClaimersNeverGetTheSameRow() throws Exception {
		this.endpoints.save(endpoint("ep_1", null, true));
		for (int i = 0; i < 20; i++) {
			List<String> targets = List.of("ep_1", "ep_1", "ep_1", "ep_1", "ep_1");
			insertEvent("evt_" + i, null, targets, T0, null);
		}
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			Callable<List<String>> claimer = () -> {
				start.await();
				List<String> claimed = new ArrayList<>();
				List<DeliveryTask> batch;
				do {
					batch = this.deliveries.claimDue(Thread.currentThread().getName(), T0, LEASE, 7);
					batch.forEach((task) -> claimed.add(task.deliveryId()));
				}
				while (!batch.isEmpty());
				return claimed;
			};
			Future<List<String>> first = pool.submit(claimer);
			Future<List<String>> second = pool.submit(claimer);
			start.countDown();
			List<String> all = new ArrayList<>(first.get(30, TimeUnit.SECONDS));
			all.addAll(second.get(30, TimeUnit.SECONDS));

			assertThat(all).hasSize(100);
			assertThat(new HashSet<>(all)).hasSize(100);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void outcomesAreWrittenTogether() {
		this.endpoints.save(endpoint("ep_1", null, true));
		List<String> ids = insertEvent("evt_1", null, List.of("ep_1", "ep_1", "ep_1", "ep_1"), T0, null);
		this.deliveries.claimDue("node-a", T0, LEASE, 10);

		this.deliveries.recordOutcomes(List.of(
				outcome(ids.get(0), "ep_1", DeliveryStatus.SUCCEEDED, null, 200),
				outcome(ids.get(1), "ep_1", DeliveryStatus.PENDING, T0.plusSeconds(5), 503),
				outcome(ids.get(2), "ep_1", DeliveryStatus.FAILED, null, 400),
				outcome(ids.get(3), "ep_1", DeliveryStatus.DEAD, null, 500)));

		assertThat(this.deliveries.countPending()).isEqualTo(1);
		assertThat(this.deliveries.countDead()).isEqualTo(1);
		assertThat(this.deliveries.claimDue("node-a", T0.plusSeconds(4), LEASE, 10)).isEmpty();
		List<DeliveryTask> retry = this.deliveries.claimDue("node-a", T0.plusSeconds(5), LEASE, 10);
		assertThat(retry).extracting(DeliveryTask::deliveryId).containsExactly(ids.get(1));
		assertThat(retry.get(0).attemptsMade()).isEqualTo(1);
		assertThat(attemptCount()).isEqualTo(4);
	}

	@Test
	void moreSuccessesThanOneStatementTakesAreAllWritten() {
		// given 100 claimed deliveries, more than one multi-row statement holds
		this.endpoints.save(endpoint("ep_1", null, true));
		List<String> ids = insertEvent("evt_1", null, Collections.nCopies(100, "ep_1"), T0, null);
		this.deliveries.claimDue("node-a", T0, LEASE, 100);

		// when all succeed in one batch
		this.deliveries.recordOutcomes(ids.stream()
			.map((id) -> outcome(id, "ep_1", DeliveryStatus.SUCCEEDED, null, 204))
			.toList());

		// then every one is finished and has its attempt
		assertThat(this.deliveries.countPending()).isZero();
		assertThat(attemptCount()).isEqualTo(100);
		assertThat(this.deliveries.claimDue("node-b", T0.plus(LEASE).plusSeconds(1), LEASE, 100)).isEmpty();
	}

	@Test
	void laterOutcomeOfADeliveryInTheSameBatchDecidesItsRow() {
		// given a claimed delivery
		this.endpoints.save(endpoint("ep_1", null, true));
		String id = insertEvent("evt_1", null, List.of("ep_1"), T0, null).get(0);
		this.deliveries.claimDue("node-a", T0, LEASE, 10);

		// when a batch holds its first attempt (due in a minute) and then its second (due in five seconds)
		this.deliveries.recordOutcomes(List.of(
				new DeliveryOutcome(id, "ep_1", DeliveryStatus.PENDING, T0.plusSeconds(60),
						new DeliveryAttempt(id, 1, T0, Duration.ofMillis(5), 503, "busy", null), false),
				new DeliveryOutcome(id, "ep_1", DeliveryStatus.PENDING, T0.plusSeconds(5),
						new DeliveryAttempt(id, 2, T0.plusSeconds(1), Duration.ofMillis(5), 503, "busy", null),
						false)));

		// then the row is as if they were written one after the other: due in five seconds, two attempts made
		List<DeliveryTask> due = this.deliveries.claimDue("node-a", T0.plusSeconds(5), LEASE, 10);
		assertThat(due).extracting(DeliveryTask::deliveryId).containsExactly(id);
		assertThat(due.get(0).attemptsMade()).isEqualTo(2);
		assertThat(attemptCount()).isEqualTo(2);
	}

	@Test
	void goneOutcomeDisablesTheEndpoint() {
		this.endpoints.save(endpoint("ep_1", null, true));
		List<String> ids = insertEvent("evt_1", null, List.of("ep_1"), T0, null);

		this.outcomes.record(List.of(new DeliveryOutcome(ids.get(0), "ep_1", DeliveryStatus.FAILED, null,
				attempt(ids.get(0), 410), true)));

		WebhookEndpoint endpoint = this.endpoints.findById("ep_1").orElseThrow();
		assertThat(endpoint.enabled()).isFalse();
		assertThat(endpoint.disabledReason()).contains("410");
	}

	@Test
	void theDeliveryRepositoryLeavesEndpointHealthToTheEndpointRepository() {
		// given a delivery whose endpoint answered 410 Gone and had died before
		this.endpoints.save(endpoint("ep_1", null, true));
		List<String> ids = insertEvent("evt_1", null, List.of("ep_1"), T0, null);

		// when only the delivery repository writes the outcome
		this.deliveries.recordOutcomes(List.of(new DeliveryOutcome(ids.get(0), "ep_1", DeliveryStatus.DEAD, null,
				attempt(ids.get(0), 410), true)));

		// then the endpoint is untouched: neither disabled nor failing
		assertThat(this.endpoints.findById("ep_1").orElseThrow().enabled()).isTrue();
		assertThat(this.endpoints.disableFailingSince(Instant.now().plusSeconds(60), "dying", Instant.now()))
			.isEmpty();
	}

	@Test
	void endpointDyingWithoutSuccessIsDisabledAfterTheCutoff() {
		this.endpoints.save(endpoint("ep_dying", null, true));
		this.endpoints.save(endpoint("ep_recovered", null, true));
		List<String> ids = insertEvent("evt_1", null, List.of("ep_dying", "ep_recovered", "ep_recovered"), T0,
				null);
		this.outcomes.record(List.of(outcome(ids.get(0), "ep_dying", DeliveryStatus.DEAD, null, 500),
				outcome(ids.get(1), "ep_recovered", DeliveryStatus.DEAD, null, 500)));
		this.outcomes.record(List.of(outcome(ids.get(2), "ep_recovered", DeliveryStatus.SUCCEEDED, null,
				200)));

		List<String> disabled = this.endpoints.disableFailingSince(Instant.now().plusSeconds(60),
				"Failing for 5 days", Instant.now());

		assertThat(disabled).containsExactly("ep_dying");
		assertThat(this.endpoints.findById("ep_dying").orElseThrow().disabledReason()).isEqualTo("Failing for 5 days");
		assertThat(this.endpoints.findById("ep_recovered").orElseThrow().enabled()).isTrue();
		assertThat(this.endpoints.disableFailingSince(Instant.now().plusSeconds(60), "again", Instant.now())).isEmpty();
	}

	@Test
	void reEnabledEndpointStartsWithACleanHealthRecord() {
		this.endpoints.save(endpoint("ep_1", null, true));
		List<String> ids = insertEvent("evt_1", null, List.of("ep_1"), T0, null);
		this.outcomes.record(List.of(outcome(ids.get(0), "ep_1", DeliveryStatus.DEAD, null, 500)));
		assertThat(this.endpoints.disableFailingSince(Instant.now().plusSeconds(60), "dying", Instant.now()))
			.hasSize(1);

		this.endpoints.save(endpoint("ep_1", null, true));

		assertThat(this.endpoints.disableFailingSince(Instant.now().plusSeconds(60), "dying", Instant.now())).isEmpty();
	}

	@Test
	void idempotencyKeyFindsTheFirstEventOfTheTenantWithinTheWindow() {
		insertEvent("evt_1", "t1", List.of(), T0, null, "key-1");
		insertEvent("evt_2", null, List.of(), T0, null, "key-1");

		assertThat(this.deliveries.findEventIdByIdempotencyKey("t1", "key-1", T0.minusSeconds(1))).contains("evt_1");
		assertThat(this.deliveries.findEventIdByIdempotencyKey(null, "key-1", T0.minusSeconds(1))).contains("evt_2");
		assertThat(this.deliveries.findEventIdByIdempotencyKey("t2", "key-1", T0.minusSeconds(1))).isEmpty();
		assertThat(this.deliveries.findEventIdByIdempotencyKey("t1", "key-1", T0.plusSeconds(1))).isEmpty();
		assertThat(this.deliveries.findEventIdByIdempotencyKey("t1", "key-2", T0.minusSeconds(1))).isEmpty();
	}

	@Test
	void purgeDeletesOldEventsWithTheirDeliveriesAndAttemptsInBatches() {
		this.endpoints.save(endpoint("ep_1", null, true));
		Instant old = T0.minus(Duration.ofDays(8));
		for (int i = 0; i < 5; i++) {
			List<String> ids = insertEvent("evt_old" + i, null, List.of("ep_1"), old, null);
			this.deliveries.recordOutcomes(List.of(outcome(ids.get(0), "ep_1", DeliveryStatus.DEAD, null, 500)));
		}
		List<String> recent = insertEvent("evt_new", null, List.of("ep_1"), T0, null);
		this.deliveries.recordOutcomes(
				List.of(outcome(recent.get(0), "ep_1", DeliveryStatus.PENDING, T0.plusSeconds(5), 503)));

		int purged = this.deliveries.purgeCreatedBefore(T0.minus(Duration.ofDays(7)), 2);

		assertThat(purged).isEqualTo(5);
		assertThat(this.deliveries.countDead()).isZero();
		assertThat(this.deliveries.countPending()).isEqualTo(1);
		assertThat(attemptCount()).as("the recent delivery keeps its attempt").isEqualTo(1);
	}

	/** How many attempt rows the store holds. */
	abstract int attemptCount();

	List<String> insertEvent(String eventId, String tenantId, List<String> endpointIds, Instant createdAt,
			String lockedBy) {
		return insertEvent(eventId, tenantId, endpointIds, createdAt, lockedBy, null);
	}

	List<String> insertEvent(String eventId, String tenantId, List<String> endpointIds, Instant createdAt,
			String lockedBy, String idempotencyKey) {
		List<NewDelivery> rows = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (String endpointId : endpointIds) {
			String id = "dlv_" + eventId + "_" + (++this.sequence);
			ids.add(id);
			rows.add(new NewDelivery(id, endpointId, createdAt, lockedBy,
					(lockedBy != null) ? createdAt.plus(LEASE) : null));
		}
		this.deliveries.insert(new OutboxEvent(eventId, "lead.created", tenantId, createdAt,
				("{\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8), idempotencyKey), rows);
		return ids;
	}

	NewEvent newEvent(String eventId, List<String> endpointIds) {
		List<NewDelivery> rows = endpointIds.stream()
			.map((endpointId) -> new NewDelivery("dlv_" + eventId + "_" + (++this.sequence), endpointId, T0, null, null))
			.toList();
		return new NewEvent(new OutboxEvent(eventId, "lead.created", "t1", T0,
				("{\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8), "key-" + eventId), rows);
	}

	static WebhookEndpoint endpoint(String id, String tenantId, boolean enabled) {
		return new WebhookEndpoint(id, tenantId, "https://example.com/" + id, null, List.of(), Map.of(),
				List.of(new EndpointSecret(WebhookSecret.generate(), null)), enabled, enabled ? null : "off", T0, T0);
	}

	static DeliveryOutcome outcome(String deliveryId, String endpointId, DeliveryStatus status, Instant next,
			int statusCode) {
		return new DeliveryOutcome(deliveryId, endpointId, status, next, attempt(deliveryId, statusCode), false);
	}

	static DeliveryAttempt attempt(String deliveryId, int statusCode) {
		return new DeliveryAttempt(deliveryId, 1, T0, Duration.ofMillis(12), statusCode, "body " + statusCode, null);
	}

	static Set<String> set(List<String> values) {
		return new HashSet<>(values);
	}

}
