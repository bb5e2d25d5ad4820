package dev.webhooks.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.webhooks.delivery.EndpointDisabledEvent;
import dev.webhooks.delivery.MessageAttemptExhaustedEvent;
import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.endpoint.CreatedEndpoint;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.event.WebhookSensitive;
import dev.webhooks.integration.ProviderTestApplication.MigrationWorkflow;
import dev.webhooks.integration.ProviderTestApplication.Migrations;
import dev.webhooks.integration.ProviderTestApplication.OperationalEvents;
import dev.webhooks.publish.PublishRequest;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.testsupport.TestDatabases;
import dev.webhooks.urlguard.UnsafeUrlException;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * The provider side end to end: a Spring Boot application with the auto-configured publisher, JDBC store and
 * delivery engine on a real database, delivering over real HTTP to receivers on 127.0.0.1. Subclasses name the
 * database; each test gets an empty one.
 */
abstract class ProviderIntegrationTests extends ProviderAppTests {

	static final Duration WAIT = Duration.ofSeconds(15);

	private final JsonMapper json = JsonMapper.shared();

	ProviderIntegrationTests(TestDatabases databases) {
		super(databases, "webhooks.event-types[1].type=migration.started",
				"webhooks.event-types[2].type=lead.created", "webhooks.delivery.retry.schedule=0s,200ms,400ms",
				"webhooks.delivery.outcome-flush-interval=20ms");
	}

	@Test
	void fansOutTheSameSignedBytesToEverySubscribedEndpointAndSkipsTheFilteredOne() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		ProviderApp app = start(newDatabase());
		Map<String, CreatedEndpoint> endpoints = new LinkedHashMap<>();
		endpoints.put("/exact", app.endpoint(receiver.url("/exact"), "migration.completed"));
		endpoints.put("/wildcard", app.endpoint(receiver.url("/wildcard"), "migration.*"));
		endpoints.put("/everything", app.endpoint(receiver.url("/everything")));
		CreatedEndpoint leads = app.endpoint(receiver.url("/leads"), "lead.*");

		String eventId = app.publish("migration.completed", Map.of("id", "mig_1", "name", "Café ✅"));

		await().atMost(WAIT).until(() -> receiver.count() == 3);
		List<TestReceiver.Received> requests = receiver.requests();
		assertThat(requests).extracting(TestReceiver.Received::path)
			.containsExactlyInAnyOrder("/exact", "/wildcard", "/everything");
		byte[] body = requests.get(0).body();
		for (TestReceiver.Received request : requests) {
			String secret = endpoints.get(request.path()).secret().reveal();
			assertThatNoException().as("svix verifies the request to %s", request.path())
				.isThrownBy(() -> new com.svix.Webhook(secret).verify(new String(request.body(),
						StandardCharsets.UTF_8), multi(request.headers())));
			assertThat(request.body()).as("body at %s", request.path()).isEqualTo(body);
			assertThat(request.header("webhook-id")).isEqualTo(eventId);
		}
		assertThat(this.json.readTree(body).get("id").asString()).isEqualTo(eventId);
		assertThat(this.json.readTree(body).at("/data/object/name").asString()).isEqualTo("Café ✅");
		assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ?",
				Integer.class, leads.endpoint().id())).isZero();
		await().atMost(WAIT).untilAsserted(() -> endpoints.values()
			.forEach((endpoint) -> assertThat(app.deliveryStatus(eventId, endpoint.endpoint().id()))
				.isEqualTo("SUCCEEDED")));
	}

	@Test
	void everyEndpointReceivesThePayloadStrippedByItsSchemaAndSignedAsStored() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		ProviderApp app = start(newDatabase(),
				"webhooks.event-types[0].schema-location=classpath:schemas/migration.completed.json");
		Map<String, CreatedEndpoint> endpoints = new LinkedHashMap<>();
		endpoints.put("/first", app.endpoint(receiver.url("/first"), "migration.completed"));
		endpoints.put("/second", app.endpoint(receiver.url("/second"), "migration.*"));

		String eventId = app.publish("migration.completed", new MigrationPayload("mig_1", "COMPLETE",
				List.of(Map.of("id", "t1", "token", "tok_live")), "12 EUR", "key_live"));

		await().atMost(WAIT).until(() -> receiver.count() == 2);
		byte[] stored = app.jdbc().queryForObject("SELECT body FROM webhook_event WHERE id = ?", byte[].class, eventId);
		for (TestReceiver.Received request : receiver.requests()) {
			String secret = endpoints.get(request.path()).secret().reveal();
			String body = new String(request.body(), StandardCharsets.UTF_8);
			assertThat(request.body()).as("body at %s", request.path()).isEqualTo(stored);
			assertThatNoException().as("svix verifies the request to %s", request.path())
				.isThrownBy(() -> new com.svix.Webhook(secret).verify(body, multi(request.headers())));
			assertThatNoException().as("standardwebhooks verifies the request to %s", request.path())
				.isThrownBy(() -> new com.standardwebhooks.Webhook(secret).verify(body, multi(request.headers())));
		}
		assertThat(this.json.readTree(stored).at("/data/object")).isEqualTo(this.json.readTree(
				"{\"id\":\"mig_1\",\"status\":\"COMPLETE\",\"tasks\":[{\"id\":\"t1\"}],\"api_key\":\"*****\"}"));
		assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("tok_live", "12 EUR", "key_live");
	}

	/** A payload with more than its schema declares, and a secret it declares. */
	record MigrationPayload(String id, String status, List<Map<String, String>> tasks, String internalCost,
			@WebhookSensitive @JsonProperty("api_key") String apiKey) {
	}

	@Test
	void deliversAgainAfter503TwiceWithOneWebhookIdAndEndsSucceeded() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(503, 503, 200));
		// the first retry is due at once (sent again directly), the second one later (claimed by the poller)
		ProviderApp app = start(newDatabase(), "webhooks.delivery.retry.schedule=0s,0s,200ms");
		String endpointId = app.endpoint(receiver.url()).endpoint().id();

		String eventId = app.publish("migration.completed", Map.of("id", "mig_1"));

		await().atMost(WAIT).until(() -> "SUCCEEDED".equals(app.deliveryStatus(eventId, endpointId)));
		assertThat(receiver.requests()).hasSize(3)
			.extracting((request) -> request.header("webhook-id"))
			.containsOnly(eventId);
		assertThat(app.attempts(eventId, endpointId)).extracting((row) -> ((Number) row.get("status_code")).intValue())
			.containsExactly(503, 503, 200);
	}

	@Test
	void failsAtOnceOn400() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(400));
		ProviderApp app = start(newDatabase());
		String endpointId = app.endpoint(receiver.url()).endpoint().id();

		String eventId = app.publish("migration.completed", Map.of("id", "mig_1"));

		await().atMost(WAIT).until(() -> "FAILED".equals(app.deliveryStatus(eventId, endpointId)));
		assertThat(receiver.count()).isOne();
		assertThat(app.attempts(eventId, endpointId)).singleElement()
			.satisfies((row) -> assertThat(((Number) row.get("status_code")).intValue()).isEqualTo(400));
	}

	@Test
	void disablesTheEndpointOn410AndSendsItNoLaterEvent() throws Exception {
		TestReceiver gone = receiver(TestReceiver.answering(410));
		TestReceiver healthy = receiver(TestReceiver.answering(200));
		ProviderApp app = start(newDatabase());
		String goneId = app.endpoint(gone.url()).endpoint().id();
		app.endpoint(healthy.url());

		String first = app.publish("migration.completed", Map.of("id", "mig_1"));
		await().atMost(WAIT).until(() -> "FAILED".equals(app.deliveryStatus(first, goneId)));
		WebhookEndpoint disabled = app.endpoints().get(null, goneId);
		assertThat(disabled.enabled()).isFalse();
		assertThat(disabled.disabledReason()).contains("410");
		await().atMost(WAIT).untilAsserted(() -> assertThat(app.bean(OperationalEvents.class)
			.of(EndpointDisabledEvent.class)).singleElement()
			.satisfies((event) -> assertThat(event.endpointId()).isEqualTo(goneId)));

		String later = app.publish("migration.completed", Map.of("id", "mig_2"));

		await().atMost(WAIT).until(() -> healthy.count() == 2);
		assertThat(healthy.requests()).extracting((request) -> request.header("webhook-id"))
			.containsExactlyInAnyOrder(first, later);
		assertThat(gone.count()).isOne();
		assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE event_id = ?",
				Integer.class, later)).isOne();
	}

	@Test
	void rolledBackTransactionsSendNothing() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		ProviderApp app = start(newDatabase());
		app.endpoint(receiver.url());
		TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));

		transaction.executeWithoutResult((status) -> {
			app.publish("migration.completed", Map.of("id", "mig_rolled_back"));
			status.setRollbackOnly();
		});
		assertThatIllegalStateException()
			.isThrownBy(() -> app.bean(MigrationWorkflow.class).completeAndFail("mig_failed"));
		// a committed event afterwards: once it has arrived, anything sent before it would have arrived too
		app.bean(Migrations.class).complete("mig_committed");

		await().atMost(WAIT).until(() -> receiver.count() >= 1);
		List<String> eventIds = app.jdbc().queryForList("SELECT id FROM webhook_event", String.class);
		assertThat(eventIds).hasSize(1);
		assertThat(receiver.requests()).singleElement().satisfies((request) -> {
			assertThat(request.header("webhook-id")).isEqualTo(eventIds.get(0));
			assertThat(this.json.readTree(request.body()).at("/data/object/id").asString()).isEqualTo("mig_committed");
			assertThat(this.json.readTree(request.body()).get("text").asString())
				.isEqualTo("Migration mig_committed completed");
		});
	}

	@Test
	void aRepeatedIdempotencyKeySendsOnce() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		ProviderApp app = start(newDatabase());
		app.endpoint(receiver.url());
		PublishRequest request = PublishRequest.builder("migration.completed").data(Map.of("id", "mig_1"))
			.idempotencyKey("complete-mig_1").build();

		String first = app.publisher().publish(request);
		String again = app.publisher().publish(request);
		String witness = app.publish("migration.started", Map.of("id", "mig_2"));

		assertThat(again).isEqualTo(first);
		await().atMost(WAIT).until(() -> receiver.count() >= 2);
		assertThat(receiver.requests()).extracting((received) -> received.header("webhook-id"))
			.containsExactlyInAnyOrder(first, witness);
	}

	@Test
	void staticEndpointsFromPropertiesReceiveTheirTenantsEventsWithTheirSecretAndHeaders() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		String secret = WebhookSecret.generate().reveal();
		ProviderApp app = start(newDatabase(), "webhooks.endpoints[0].id=crm",
				"webhooks.endpoints[0].url=" + receiver.url("/crm"), "webhooks.endpoints[0].tenant=acme",
				"webhooks.endpoints[0].secrets[0]=" + secret, "webhooks.endpoints[0].events[0]=migration.*",
				"webhooks.endpoints[0].headers.X-Api-Key=key-1", "webhooks.endpoints[1].id=globex-crm",
				"webhooks.endpoints[1].url=" + receiver.url("/globex"), "webhooks.endpoints[1].tenant=globex");

		String eventId = app.publisher().publish(PublishRequest.builder("migration.completed")
			.data(Map.of("id", "mig_1"))
			.tenant("acme")
			.text("✅ Migration mig_1 completed")
			.build());

		await().atMost(WAIT).until(() -> "SUCCEEDED".equals(app.deliveryStatus(eventId, "crm")));
		TestReceiver.Received received = receiver.requests().get(0);
		assertThat(receiver.requests()).hasSize(1);
		assertThat(received.path()).isEqualTo("/crm");
		assertThat(received.header("x-api-key")).isEqualTo("key-1");
		assertThatNoException().isThrownBy(() -> new com.svix.Webhook(secret)
			.verify(new String(received.body(), StandardCharsets.UTF_8), multi(received.headers())));
		assertThat(this.json.readTree(received.body()).get("tenant_id").asString()).isEqualTo("acme");
		assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ?",
				Integer.class, "globex-crm")).isZero();
	}

	@Test
	void stoppingWaitsForTheRequestInFlightAndRecordsItsOutcome() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.start((number, exchange) -> {
			Thread.sleep(500);
			TestReceiver.reply(exchange, 200, Map.of(), "");
		}));
		List<String> database = newDatabase();
		ProviderApp app = start(database, "webhooks.delivery.shutdown-timeout=5s");
		String endpointId = app.endpoint(receiver.url()).endpoint().id();
		String eventId = app.publish("migration.completed", Map.of("id", "mig_1"));
		await().atMost(WAIT).until(() -> receiver.count() == 1);

		app.close();

		assertThat(jdbc(database).queryForObject(
				"SELECT status FROM webhook_delivery WHERE event_id = ? AND endpoint_id = ?", String.class, eventId,
				endpointId)).isEqualTo("SUCCEEDED");
	}

	@Test
	void stoppingLeavesARequestThatHangsPastTheShutdownTimeoutForLater() throws Exception {
		TestReceiver hanging = receiver(TestReceiver.start((number, exchange) -> Thread.sleep(60_000)));
		List<String> database = newDatabase();
		ProviderApp app = start(database, "webhooks.delivery.timeout=10s", "webhooks.delivery.shutdown-timeout=200ms");
		app.endpoint(hanging.url());
		String eventId = app.publish("migration.completed", Map.of("id", "mig_1"));
		await().atMost(WAIT).until(() -> hanging.count() == 1);

		CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);

		await().atMost(Duration.ofSeconds(2)).until(stopping::isDone);
		assertThat(jdbc(database).queryForObject("SELECT status FROM webhook_delivery WHERE event_id = ?",
				String.class, eventId)).isEqualTo("PENDING");
	}

	@Test
	void aNewApplicationDeliversWhatAStoppedOneLeftMidDelivery() throws Exception {
		AtomicBoolean receiverUp = new AtomicBoolean();
		Set<String> delivered = ConcurrentHashMap.newKeySet();
		TestReceiver receiver = receiver(TestReceiver.start((number, exchange) -> {
			if (!receiverUp.get()) {
				Thread.sleep(60_000); // hangs until the receiver is closed
			}
			TestReceiver.reply(exchange, 200, Map.of(), "");
			delivered.add(exchange.getRequestHeaders().getFirst("webhook-id"));
		}));
		List<String> database = newDatabase();
		String[] engine = { "webhooks.delivery.max-in-flight-per-endpoint=2", "webhooks.delivery.timeout=2s",
				"webhooks.delivery.lease=3s", "webhooks.delivery.shutdown-timeout=100ms" };
		ProviderApp first = start(database, with(engine, "webhooks.delivery.instance-id=first"));
		String endpointId = first.endpoint(receiver.url()).endpoint().id();
		List<String> eventIds = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			eventIds.add(first.publish("migration.completed", Map.of("id", "mig_" + i)));
		}
		// two requests hang in the receiver, three wait in the endpoint's queue
		await().atMost(WAIT).until(() -> receiver.count() == 2);

		first.close();
		assertThat(jdbc(database).queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'PENDING'",
				Integer.class)).isEqualTo(5);
		receiverUp.set(true);
		ProviderApp second = start(database, with(engine, "webhooks.delivery.instance-id=second"));

		await().atMost(WAIT).untilAsserted(() -> assertThat(delivered).containsExactlyInAnyOrderElementsOf(eventIds));
		await().atMost(WAIT).untilAsserted(() -> eventIds
			.forEach((eventId) -> assertThat(second.deliveryStatus(eventId, endpointId)).isEqualTo("SUCCEEDED")));
	}

	@Test
	void urlGuardRefusesEveryInternalAddressClassAtCreationByDefault() {
		ProviderApp app = start(newDatabase(), "webhooks.delivery.url-guard.allow-http=false",
				"webhooks.delivery.url-guard.allow-private-networks=false");
		Map<String, String> refusals = new LinkedHashMap<>();
		refusals.put("http://127.0.0.1:8080/hook", "http URLs are not allowed");
		refusals.put("https://127.0.0.1/hook", "a loopback address");
		refusals.put("https://localhost/hook", "a loopback address");
		refusals.put("https://[::1]/hook", "a loopback address");
		refusals.put("https://10.0.0.1/hook", "a private network address");
		refusals.put("https://192.168.1.20/hook", "a private network address");
		refusals.put("https://[fd00::1]/hook", "an IPv6 unique local address");
		refusals.put("https://169.254.169.254/latest/meta-data/", "169.254.169.254");
		refusals.put("https://[fe80::1]/hook", "a link-local address");
		refusals.put("https://metadata.google.internal/computeMetadata/v1/", "a cloud metadata service");
		refusals.put("https://printer.local/hook", "an internal-only host name");
		refusals.put("https://sts.amazonaws.com/", "a cloud control-plane endpoint");
		refusals.put("https://user:secret@example.com/hook", "user-info");
		refusals.put("https://example.com/" + "a".repeat(2048), "2048");

		SoftAssertions softly = new SoftAssertions();
		refusals.forEach((url, rule) -> softly.assertThatExceptionOfType(UnsafeUrlException.class)
			.as(url.substring(0, Math.min(url.length(), 60)))
			.isThrownBy(() -> app.endpoints().create(null, EndpointRequest.of(url)))
			.withMessageContaining(rule));
		softly.assertThat(app.endpoints().list(null)).isEmpty();
		softly.assertAll();
	}

	@Test
	void urlGuardRefusesLoopbackAddressesAtConnectTimeWhenOnlyHttpIsAllowed() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		ProviderApp app = start(newDatabase(), "webhooks.delivery.url-guard.allow-http=true",
				"webhooks.delivery.url-guard.allow-private-networks=false");
		// a host name that resolves to 127.0.0.1, and the address itself
		Map<String, String> urls = Map.of("ep_name", receiver.url().replace("127.0.0.1", "localhost"), "ep_address",
				receiver.url());
		Instant now = Instant.now();
		urls.forEach((id, url) -> {
			assertThatExceptionOfType(UnsafeUrlException.class)
				.isThrownBy(() -> app.endpoints().create(null, EndpointRequest.of(url)));
			// stored as endpoints are whose name resolved to a public address when they were registered
			app.bean(EndpointRepository.class)
				.save(new WebhookEndpoint(id, null, url, null, List.of(), Map.of(),
						List.of(new EndpointSecret(WebhookSecret.generate(), null)), true, null, now, now));
		});

		String eventId = app.publish("migration.completed", Map.of("id", "mig_1"));

		for (String id : urls.keySet()) {
			await().atMost(WAIT).until(() -> "FAILED".equals(app.deliveryStatus(eventId, id)));
			assertThat(app.attempts(eventId, id)).as(id).singleElement()
				.satisfies((row) -> assertThat((String) row.get("error")).contains("URL guard")
					.contains("a loopback address"));
		}
		assertThat(receiver.count()).isZero();
	}

	@Test
	void anEndpointThatHangsDoesNotDelayAHealthyOne() throws Exception {
		TestReceiver hanging = receiver(TestReceiver.start((number, exchange) -> Thread.sleep(60_000)));
		TestReceiver healthy = receiver(TestReceiver.answering(200));
		ProviderApp app = start(newDatabase(), "webhooks.delivery.timeout=3s",
				"webhooks.delivery.max-in-flight-per-endpoint=2", "webhooks.delivery.max-in-flight=4",
				"webhooks.delivery.shutdown-timeout=100ms");
		String hangingId = app.endpoint(hanging.url()).endpoint().id();
		app.endpoint(healthy.url());
		String warmUp = app.publish("migration.started", Map.of("id", "warm_up"));
		await().atMost(WAIT).until(() -> healthy.count() == 1);

		Instant start = Instant.now();
		for (int i = 0; i < 10; i++) {
			app.publish("migration.completed", Map.of("id", "mig_" + i));
		}

		// well inside the 3 s timeout the hanging endpoint's requests are waiting for
		await().atMost(Duration.ofSeconds(2)).until(() -> healthy.count() == 11);
		assertThat(healthy.requests()).allSatisfy((request) -> assertThat(request.at())
			.isBefore(start.plusSeconds(2)));
		assertThat(hanging.count()).as("requests in flight to the hanging endpoint").isEqualTo(2);
		// and the hanging requests end at the timeout, to be retried
		await().atMost(WAIT).until(() -> !app.attempts(warmUp, hangingId).isEmpty());
		assertThat(app.attempts(warmUp, hangingId).get(0).get("error")).asString().contains("Timed out after 3000 ms");
	}

	@Test
	void countsPublishedEventsAndDeliveryOutcomesAndReportsBacklogInHealth() throws Exception {
		TestReceiver ok = receiver(TestReceiver.answering(200));
		TestReceiver dying = receiver(TestReceiver.answering(503));
		TestReceiver later = receiver(TestReceiver.start((number, exchange) -> TestReceiver.reply(exchange, 503,
				Map.of("Retry-After", "3600"), "")));
		ProviderApp app = start(newDatabase());
		app.endpoint(ok.url());
		String dyingId = app.endpoint(dying.url()).endpoint().id();
		String laterId = app.endpoint(later.url()).endpoint().id();
		MeterRegistry registry = app.bean(MeterRegistry.class);

		app.publish("migration.completed", Map.of("id", "mig_1"));
		app.publish("migration.completed", Map.of("id", "mig_2"));

		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(deliveries(registry, "delivered")).isEqualTo(2);
			assertThat(deliveries(registry, "retried")).isEqualTo(2 * 2 + 2);
			assertThat(deliveries(registry, "dead")).isEqualTo(2);
			assertThat(count(app, "PENDING")).isEqualTo(2);
			assertThat(count(app, "DEAD")).isEqualTo(2);
			// the events follow the outcome write, published on the writer's thread once it has committed
			assertThat(app.bean(OperationalEvents.class).of(MessageAttemptExhaustedEvent.class)).hasSize(2);
		});
		assertThat(registry.get("webhooks.published").tag("event.type", "migration.completed").counter().count())
			.isEqualTo(2);
		assertThat(deliveries(registry, "failed")).isZero();
		Health health = ((HealthIndicator) app.bean(HealthContributorRegistry.class).getContributor("webhooks"))
			.health();
		assertThat(health.getDetails()).containsEntry("backlog", 2L).containsEntry("dead", 2L);
		assertThat(registry.get("webhooks.delivery.backlog").gauge().value()).isEqualTo(2);
		assertThat(app.bean(OperationalEvents.class).of(MessageAttemptExhaustedEvent.class)).hasSize(2)
			.allSatisfy((event) -> assertThat(event.endpointId()).isEqualTo(dyingId));
		// Retry-After: 3600 is honoured up to the 5-minute cap, not replaced by the 200 ms schedule
		assertThat(app.jdbc().queryForList("SELECT next_attempt_at FROM webhook_delivery WHERE endpoint_id = ?",
				OffsetDateTime.class, laterId)).hasSize(2)
			.allSatisfy((next) -> assertThat(next.toInstant()).isBetween(Instant.now().plus(Duration.ofMinutes(4)),
					Instant.now().plus(Duration.ofMinutes(5))));
	}

	private static double deliveries(MeterRegistry registry, String outcome) {
		return registry.find("webhooks.deliveries").tag("outcome", outcome).counters().stream()
			.mapToDouble((counter) -> counter.count()).sum();
	}

	private static int count(ProviderApp app, String status) {
		return app.jdbc().queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE status = ?", Integer.class,
				status);
	}

	/** JDBC on a database without an application, for between two of them. */
	static JdbcTemplate jdbc(List<String> database) {
		Map<String, String> properties = new LinkedHashMap<>();
		database.forEach((property) -> properties.put(property.substring(0, property.indexOf('=')),
				property.substring(property.indexOf('=') + 1)));
		return new JdbcTemplate(new DriverManagerDataSource(properties.get("spring.datasource.url"),
				properties.get("spring.datasource.username"), properties.get("spring.datasource.password")));
	}

	static String[] with(String[] properties, String... more) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	static Map<String, List<String>> multi(Map<String, String> headers) {
		Map<String, List<String>> multi = new LinkedHashMap<>();
		headers.forEach((name, value) -> multi.put(name, Collections.singletonList(value)));
		return multi;
	}

}
