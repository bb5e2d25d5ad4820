package dev.webhooks.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.DefaultDeliveryAttemptObservationConvention;
import dev.webhooks.delivery.DeliveryAttemptObservationContext;
import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.publish.DefaultWebhookPublishObservationConvention;
import dev.webhooks.publish.PublishRequest;
import dev.webhooks.publish.WebhookPublishObservationContext;
import dev.webhooks.testsupport.TestDatabases;
import dev.webhooks.testsupport.TracingTestRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.test.simple.SimpleSpan;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Observations and traces of publishing and delivering, on a real database and real HTTP: each attempt's span is a
 * child of the span of the publish that stored its event, also when another application context (a restart, or
 * another instance) makes the attempt from the stored row; the key values are low-cardinality; the
 * {@code traceparent} header is sent only when asked for. Subclasses name the database.
 */
abstract class TracingTests extends ProviderAppTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String[] OBSERVATIONS_ENABLED = { "webhooks.publisher.observation-enabled=true",
			"webhooks.delivery.observation-enabled=true" };

	TracingTests(TestDatabases databases) {
		super(databases, "webhooks.delivery.retry.schedule=0s,200ms", "webhooks.delivery.outcome-flush-interval=20ms");
	}

	@Test
	void publishesAndAttemptsAreNotObservedUnlessEnabled() throws Exception {
		// given an application with a registry in its context but neither observation enabled
		TracingTestRegistry tracing = new TracingTestRegistry();
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		ProviderApp app = startWithout(newDatabase(), tracing.registry(), List.of());
		app.endpoint(receiver.url());

		// when an event is published and delivered
		app.publish("migration.completed", Map.of("id", "mig_1"));
		await().atMost(WAIT).until(() -> receiver.requests().size() == 1);

		// then nothing was observed, and no trace context was stored with the event
		assertThat(tracing.stopped()).noneMatch((context) -> context instanceof WebhookPublishObservationContext
				|| context instanceof DeliveryAttemptObservationContext);
		assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM webhook_event WHERE trace_parent IS NOT NULL",
				Integer.class)).isZero();
	}

	@Test
	void attemptSpanIsAChildOfThePublishSpanAndNoTraceparentIsSentByDefault() throws Exception {
		TracingTestRegistry tracing = new TracingTestRegistry();
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		ProviderApp app = start(newDatabase(), tracing.registry());
		app.endpoint(receiver.url());

		String eventId = app.publish("migration.completed", Map.of("id", "mig_1"));

		await().atMost(WAIT).until(() -> attemptSpans(tracing).size() == 1);
		SimpleSpan publish = publishSpan(tracing);
		SimpleSpan attempt = attemptSpans(tracing).get(0);
		assertThat(attempt.getTraceId()).isEqualTo(publish.getTraceId());
		assertThat(attempt.getParentId()).isEqualTo(publish.getSpanId());
		assertThat(attempt.getKind()).isEqualTo(Span.Kind.CONSUMER);
		assertThat(publish.getKind()).isEqualTo(Span.Kind.PRODUCER);
		assertThat(attempt.getTags()).containsEntry("outcome", "delivered")
			.containsEntry("event.type", "migration.completed")
			.containsEntry("webhooks.event.id", eventId);
		assertThat(app.jdbc().queryForObject("SELECT trace_parent FROM webhook_event WHERE id = ?", String.class,
				eventId)).isEqualTo(TracingTestRegistry.traceParent(publish));
		assertThat(receiver.requests().get(0).header("traceparent")).isNull();
	}

	@Test
	void anAttemptMadeByAnotherContextFromTheStoredEventContinuesThePublishTrace() throws Exception {
		TracingTestRegistry tracing = new TracingTestRegistry();
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		List<String> database = newDatabase();
		// the first application only publishes: no delivery engine, so the rows stay pending for another one
		ProviderApp publisher = start(database, tracing.registry(),
				"spring.autoconfigure.exclude=dev.webhooks.autoconfigure.WebhooksDeliveryAutoConfiguration");
		publisher.endpoint(receiver.url());
		String eventId = publisher.publish("migration.completed", Map.of("id", "mig_1"));
		SimpleSpan publish = publishSpan(tracing);
		publisher.close();
		assertThat(receiver.count()).isZero();

		ProviderApp deliverer = start(database, tracing.registry());

		await().atMost(WAIT).until(() -> receiver.count() == 1 && attemptSpans(tracing).size() == 1);
		SimpleSpan attempt = attemptSpans(tracing).get(0);
		assertThat(attempt.getTraceId()).isEqualTo(publish.getTraceId());
		assertThat(attempt.getParentId()).isEqualTo(publish.getSpanId());
		assertThat(attempt.getTags()).containsEntry("webhooks.event.id", eventId);
		await().atMost(WAIT).until(() -> "SUCCEEDED".equals(deliverer.jdbc()
			.queryForObject("SELECT status FROM webhook_delivery WHERE event_id = ?", String.class, eventId)));
	}

	@Test
	void sendsThePublishTraceparentWhenPropagationIsOn() throws Exception {
		TracingTestRegistry tracing = new TracingTestRegistry();
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		ProviderApp app = start(newDatabase(), tracing.registry(), "webhooks.delivery.propagate-trace-context=true");
		app.endpoint(receiver.url());

		app.publish("migration.completed", Map.of("id", "mig_1"));

		await().atMost(WAIT).until(() -> receiver.count() == 1);
		String traceParent = receiver.requests().get(0).header("traceparent");
		assertThat(traceParent).isEqualTo(TracingTestRegistry.traceParent(publishSpan(tracing)));
	}

	@Test
	void observationsCarryOnlyLowCardinalityTags() throws Exception {
		TracingTestRegistry tracing = new TracingTestRegistry();
		TestReceiver receiver = receiver(TestReceiver.answering(503, 200));
		ProviderApp app = start(newDatabase(), tracing.registry());
		app.endpoints().create("acme-secret-tenant", EndpointRequest.of(receiver.url()));

		String eventId = app.publisher()
			.publish(PublishRequest.builder("migration.completed").tenant("acme-secret-tenant")
				.data(Map.of("id", "mig_1"))
				.build());

		await().atMost(WAIT).until(() -> attemptSpans(tracing).size() == 2);
		TestObservationRegistryAssert.assertThat(tracing.registry())
			.hasObservationWithNameEqualTo(DefaultWebhookPublishObservationConvention.NAME)
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("event.type", "migration.completed")
			.hasLowCardinalityKeyValue("outcome", "published")
			.hasHighCardinalityKeyValue("webhooks.event.id", eventId);
		List<Observation.Context> attempts = tracing.stopped()
			.stream()
			.filter(DeliveryAttemptObservationContext.class::isInstance)
			.toList();
		assertThat(attempts).hasSize(2);
		assertThat(attempts).extracting((context) -> context.getLowCardinalityKeyValue("outcome").getValue())
			.containsExactly("retried", "delivered");
		assertThat(attempts).extracting((context) -> context.getLowCardinalityKeyValue("http.status_code").getValue())
			.containsExactly("503", "200");
		for (Observation.Context context : tracing.stopped()) {
			if (context instanceof DeliveryAttemptObservationContext
					|| context instanceof WebhookPublishObservationContext) {
				assertThat(context.getLowCardinalityKeyValues().stream().map((kv) -> kv.getKey()))
					.isSubsetOf("event.type", "outcome", "http.status_code");
				assertThat(context.getAllKeyValues().stream().map((kv) -> kv.getValue()))
					.as("no URL or tenant in any key value")
					.noneMatch((value) -> value.contains("127.0.0.1") || value.contains("acme-secret-tenant"));
			}
		}
	}

	@Test
	void existingMetersKeepTheirNamesBesideTheObservationTimers() throws Exception {
		TracingTestRegistry tracing = new TracingTestRegistry();
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		ProviderApp app = start(newDatabase(), tracing.registry());
		app.endpoint(receiver.url());

		app.publish("migration.completed", Map.of("id", "mig_1"));

		await().atMost(WAIT).until(() -> attemptSpans(tracing).size() == 1);
		MeterRegistry meters = app.bean(MeterRegistry.class);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(meters.find("webhooks.published").counter()).isNotNull();
			assertThat(meters.find("webhooks.deliveries").tag("outcome", "delivered").counter()).isNotNull();
			assertThat(meters.find("webhooks.delivery.attempt").timer()).isNotNull();
		});
	}

	@Test
	void anEventTableOfAnEarlierVersionGetsTheTraceParentColumnAtStartUp() throws Exception {
		TracingTestRegistry tracing = new TracingTestRegistry();
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		List<String> database = newDatabase();
		// the event table as the version before this column created it
		ProviderIntegrationTests.jdbc(database).execute("""
				CREATE TABLE webhook_event (
					id VARCHAR(64) NOT NULL PRIMARY KEY,
					event_type VARCHAR(255) NOT NULL,
					tenant_id VARCHAR(255),
					idempotency_key VARCHAR(255),
					created_at TIMESTAMP WITH TIME ZONE NOT NULL,
					body %s NOT NULL
				)""".formatted(binaryType()));
		ProviderApp app = start(database, tracing.registry());
		app.endpoint(receiver.url());

		String eventId = app.publish("migration.completed", Map.of("id", "mig_1"));

		await().atMost(WAIT).until(() -> receiver.count() == 1);
		assertThat(app.jdbc().queryForObject("SELECT trace_parent FROM webhook_event WHERE id = ?", String.class,
				eventId)).isEqualTo(TracingTestRegistry.traceParent(publishSpan(tracing)));
	}

	/**
	 * The database's type of a byte column.
	 * @return the type name
	 */
	private String binaryType() {
		return this.apps.isPostgres() ? "BYTEA" : "VARBINARY";
	}

	@Test
	void conventionBeansOfTheApplicationNameTheObservations() throws Exception {
		TracingTestRegistry tracing = new TracingTestRegistry();
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		ApplicationContextInitializer<ConfigurableApplicationContext> conventions = (context) -> {
			context.getBeanFactory()
				.registerSingleton("attemptConvention", new DefaultDeliveryAttemptObservationConvention() {

				@Override
				public String getName() {
					return "acme.webhook.attempt";
				}

			});
			context.getBeanFactory()
				.registerSingleton("publishConvention", new DefaultWebhookPublishObservationConvention() {

				@Override
				public String getName() {
					return "acme.webhook.publish";
				}

			});
		};
		ProviderApp app = start(newDatabase(), tracing.registry(), List.of(conventions));
		app.endpoint(receiver.url());

		app.publish("migration.completed", Map.of("id", "mig_1"));

		await().atMost(WAIT).until(() -> attemptSpans(tracing).size() == 1);
		assertThat(tracing.stopped()).extracting(Observation.Context::getName)
			.contains("acme.webhook.publish", "acme.webhook.attempt")
			.doesNotContain(DefaultWebhookPublishObservationConvention.NAME,
					DefaultDeliveryAttemptObservationConvention.NAME);
	}

	private static SimpleSpan publishSpan(TracingTestRegistry tracing) {
		List<SimpleSpan> spans = tracing.tracer()
			.getSpans()
			.stream()
			.filter((span) -> span.getName() != null && span.getName().startsWith("webhook publish"))
			.toList();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private static List<SimpleSpan> attemptSpans(TracingTestRegistry tracing) {
		// ended spans only: the span of an attempt still in flight has no outcome yet
		return tracing.tracer()
			.getSpans()
			.stream()
			.filter((span) -> span.getName() != null && span.getName().startsWith("webhook attempt")
					&& span.getEndTimestamp().toEpochMilli() > 0)
			.toList();
	}

	/** An application whose publishes and attempts are observed in the registry. */
	ProviderApp start(List<String> database, ObservationRegistry registry, String... overrides) {
		return start(database, registry, List.of(), overrides);
	}

	ProviderApp start(List<String> database, ObservationRegistry registry,
			List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers, String... overrides) {
		List<String> observed = new ArrayList<>(List.of(OBSERVATIONS_ENABLED));
		observed.addAll(List.of(overrides));
		return startWithout(database, registry, initializers, observed.toArray(String[]::new));
	}

	/** An application with the registry in its context, observing only what its properties enable. */
	private ProviderApp startWithout(List<String> database, ObservationRegistry registry,
			List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers, String... overrides) {
		ApplicationContextInitializer<ConfigurableApplicationContext> withRegistry = (context) -> context
			.getBeanFactory()
			.registerSingleton("observationRegistry", registry);
		List<ApplicationContextInitializer<?>> everyInitializer = new ArrayList<>(initializers);
		everyInitializer.add(withRegistry);
		return this.apps.start(database, everyInitializer, overrides);
	}

}
