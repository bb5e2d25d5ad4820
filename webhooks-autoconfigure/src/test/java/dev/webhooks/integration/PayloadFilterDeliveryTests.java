package dev.webhooks.integration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.event.filter.PayloadFilter;
import dev.webhooks.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payload filters end to end: the auto-configured publisher and delivery engine on a real database, delivering
 * over real HTTP to a receiver on 127.0.0.1. An event a filter rejects gets no delivery row and never reaches the
 * endpoint; one it passes arrives as any other. Subclasses name the database.
 */
abstract class PayloadFilterDeliveryTests extends ProviderAppTests {

	static final Duration WAIT = Duration.ofSeconds(30);

	PayloadFilterDeliveryTests(TestDatabases databases) {
		super(databases, "webhooks.event-types[1].type=migration.started",
				"webhooks.event-types[2].type=lead.created");
	}

	@Test
	void onlyTheEventsAFilterPassesReachItsEndpointWhileAnUnfilteredOneGetsEvery() throws Exception {
		TestReceiver receiver = receiver();
		ProviderApp app = start();
		String filtered = app.endpoints()
			.create(null, request(receiver.url("/filtered"), """
					{"data.object.amount": {"$gt": 100}, "data.object.currency": {"$in": ["EUR", "USD"]}}"""))
			.endpoint()
			.id();
		app.endpoint(receiver.url("/all"));

		String big = app.publish("migration.completed", Map.of("amount", 150, "currency", "EUR"));
		String small = app.publish("migration.completed", Map.of("amount", 50, "currency", "EUR"));
		String pounds = app.publish("migration.completed", Map.of("amount", 150, "currency", "GBP"));
		String missing = app.publish("migration.completed", Map.of("currency", "USD"));
		String dollars = app.publish("migration.completed", Map.of("amount", 500.5, "currency", "USD"));

		await().atMost(WAIT).until(() -> paths(receiver, "/all").size() == 5 && paths(receiver, "/filtered").size() == 2);
		assertThat(paths(receiver, "/filtered")).containsExactlyInAnyOrder(big, dollars);
		assertThat(paths(receiver, "/all")).containsExactlyInAnyOrder(big, small, pounds, missing, dollars);
		assertThat(app.jdbc().queryForList("SELECT event_id FROM webhook_delivery WHERE endpoint_id = ?",
				String.class, filtered)).containsExactlyInAnyOrder(big, dollars);
		await().atMost(WAIT).untilAsserted(() -> assertThat(app.deliveryStatus(dollars, filtered))
			.isEqualTo("SUCCEEDED"));
	}

	@Test
	void aFilterOnTheEnvelopeWithLogicalOperatorsChangedThroughTheServiceHoldsFromTheNextPublish() throws Exception {
		TestReceiver receiver = receiver();
		ProviderApp app = start();
		String id = app.endpoints()
			.create(null, request(receiver.url("/ops"), """
					{"$or": [{"type": "migration.started"}, {"data.object.tags": "urgent"}],
					 "$not": {"data.object.region": {"$startsWith": "test-"}}}"""))
			.endpoint()
			.id();

		String started = app.publish("migration.started", Map.of("region", "eu-1"));
		app.publish("migration.completed", Map.of("region", "eu-1", "tags", List.of("slow")));
		String urgent = app.publish("migration.completed", Map.of("region", "eu-1", "tags", List.of("x", "urgent")));
		app.publish("migration.started", Map.of("region", "test-1"));
		await().atMost(WAIT).until(() -> paths(receiver, "/ops").size() == 2);
		assertThat(paths(receiver, "/ops")).containsExactlyInAnyOrder(started, urgent);

		app.endpoints().update(null, id, new EndpointRequest(null, null, null, null, null,
				PayloadFilter.parse("{\"data.object.region\": \"test-1\"}"), null, null, null));
		String test = app.publish("migration.started", Map.of("region", "test-1"));
		app.publish("migration.started", Map.of("region", "eu-1"));
		app.endpoints().update(null, id, new EndpointRequest(null, null, null, null, null,
				PayloadFilter.parse("{}"), null, null, null));
		String any = app.publish("lead.created", Map.of());

		await().atMost(WAIT).until(() -> paths(receiver, "/ops").size() == 4);
		assertThat(paths(receiver, "/ops")).containsExactlyInAnyOrder(started, urgent, test, any);
		assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ?",
				Integer.class, id)).isEqualTo(4);
	}

	@Test
	void aConfiguredEndpointFiltersWithItsYamlFilter() throws Exception {
		TestReceiver receiver = receiver();
		ProviderApp app = start("webhooks.endpoints[0].id=big-orders",
				"webhooks.endpoints[0].url=" + receiver.url("/big"),
				"webhooks.endpoints[0].filter={\"data.object.amount\": {\"$gte\": 1000}}");

		app.publish("migration.completed", Map.of("amount", 999));
		String big = app.publish("migration.completed", Map.of("amount", 1000));

		await().atMost(WAIT).until(() -> receiver.count() >= 1);
		assertThat(app.jdbc().queryForList("SELECT event_id FROM webhook_delivery WHERE endpoint_id = 'big-orders'",
				String.class)).containsExactly(big);
		assertThat(paths(receiver, "/big")).containsExactly(big);
	}

	private static EndpointRequest request(String url, String filter) {
		return new EndpointRequest(url, null, null, null, null, PayloadFilter.parse(filter), null, null, null);
	}

	private static List<String> paths(TestReceiver receiver, String path) {
		return receiver.requests().stream().filter((request) -> request.path().equals(path))
			.map((request) -> request.header("webhook-id")).toList();
	}

	private TestReceiver receiver() throws Exception {
		return receiver(TestReceiver.answering(200));
	}

}
