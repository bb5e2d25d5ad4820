package dev.webhooks.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.webhooks.delivery.TestReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live delivery stream ({@code GET /v1/webhooks/stream}) through real HTTP on a real database: what a tenant's
 * stream shows of test events and their attempts, resuming with {@code Last-Event-ID}, tenant isolation,
 * anonymous calls and clients that go away. Subclasses name the database.
 */
@SpringBootTest(classes = ApiTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "webhooks.api.enabled=true", "webhooks.delivery.url-guard.allow-http=true",
		"webhooks.delivery.url-guard.allow-private-networks=true", "webhooks.delivery.retry.schedule=0s,0s,200ms",
		"webhooks.store.initialize-schema=always", "webhooks.api.stream.poll-interval=100ms",
		"webhooks.api.stream.heartbeat=200ms", "webhooks.api.stream.max-per-tenant=20" })
abstract class DeliveryStreamContractTests {

	static final String BASE = "/v1/webhooks";

	static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	DeliveryStreams streams;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	<T extends AutoCloseable> T closing(T resource) {
		this.resources.add(resource);
		return resource;
	}

	ApiClient api(String tenant) {
		return new ApiClient(this.port, tenant);
	}

	SseClient stream(String tenant, String lastEventId) {
		SseClient client = closing(SseClient.open("http://127.0.0.1:" + this.port + BASE + "/stream", tenant,
				lastEventId));
		assertThat(client.status()).isEqualTo(200);
		// the stream is open once its first comment arrived
		await().atMost(WAIT).until(() -> client.comments().contains("connected"));
		return client;
	}

	String endpoint(ApiClient client, String url) {
		ApiClient.Response created = client.post(BASE, "{\"url\":\"" + url + "\",\"events\":[\"*\"]}");
		assertThat(created.status()).as("%s", created).isEqualTo(201);
		return created.text("/id");
	}

	String testEvent(ApiClient client, String endpointId) {
		ApiClient.Response accepted = client.post(BASE + "/" + endpointId + "/test", "");
		assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
		return accepted.text("/id");
	}

	/** A receiver that answers 200 once the test lets it. */
	TestReceiver heldReceiver(CountDownLatch release) throws Exception {
		return closing(TestReceiver.start((number, exchange) -> {
			release.await(60, TimeUnit.SECONDS);
			TestReceiver.reply(exchange, 200, java.util.Map.of(), "ok");
		}));
	}

	@Test
	void showsADeliveryWhenItIsCreatedAndAgainAfterItsAttempt() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		TestReceiver receiver = heldReceiver(release);
		String endpointId = endpoint(api("acme"), receiver.url());
		SseClient stream = stream("acme", null);

		String eventId = testEvent(api("acme"), endpointId);

		SseClient.Event created = stream.awaitDelivery((json) -> eventId.equals(json.get("id").asString()));
		JsonNode first = created.json();
		assertThat(first.get("endpoint_id").asString()).isEqualTo(endpointId);
		assertThat(first.get("status").asString()).isEqualTo("pending");
		assertThat(first.get("attempts").asInt()).isZero();
		assertThat(first.get("event_type").asString()).isEqualTo("webhook.test");
		assertThat(first.get("created_at").asString()).isNotEmpty();
		assertThat(created.id()).isNotEmpty();
		release.countDown();
		JsonNode outcome = stream.awaitDelivery((json) -> eventId.equals(json.get("id").asString())
				&& "succeeded".equals(json.get("status").asString())).json();
		assertThat(outcome.get("attempts").asInt()).isEqualTo(1);
		assertThat(outcome.get("last_response_status").asInt()).isEqualTo(200);
		// the data is the delivery log's item for that delivery, with its endpoint
		JsonNode logItem = api("acme").get(BASE + "/" + endpointId + "/events").json().get("data").get(0);
		logItem.properties().forEach((field) -> assertThat(outcome.get(field.getKey())).as(field.getKey())
			.isEqualTo(field.getValue()));
		assertThat(outcome.size()).isEqualTo(logItem.size() + 1);
	}

	@Test
	void resumesAfterLastEventIdWithOnlyWhatChangedSince() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		TestReceiver receiver = heldReceiver(release);
		String endpointId = endpoint(api("acme"), receiver.url());
		SseClient first = stream("acme", null);
		String eventId = testEvent(api("acme"), endpointId);
		String cursor = first.awaitDelivery((json) -> eventId.equals(json.get("id").asString())).id();
		first.close();

		release.countDown();
		await().atMost(WAIT).until(() -> "succeeded"
			.equals(api("acme").get(BASE + "/" + endpointId + "/events").text("/data/0/status")));
		SseClient resumed = stream("acme", cursor);

		SseClient.Event missed = resumed.awaitDelivery((json) -> eventId.equals(json.get("id").asString()));
		assertThat(missed.json().get("status").asString()).isEqualTo("succeeded");
		// nothing sent before the cursor came again: the first delivery event is the one missed
		assertThat(resumed.deliveries().get(0)).isEqualTo(missed);
		assertThat(resumed.deliveries()).allMatch((event) -> !"pending".equals(event.json().get("status").asString())
				|| !eventId.equals(event.json().get("id").asString()));
	}

	@Test
	void aTenantsStreamNeverShowsAnotherTenantsDeliveries() throws Exception {
		TestReceiver receiver = closing(TestReceiver.answering(200));
		String acmeEndpoint = endpoint(api("acme"), receiver.url());
		String globexEndpoint = endpoint(api("globex"), receiver.url());
		SseClient acme = stream("acme", null);
		SseClient globex = stream("globex", null);

		String acmeEvent = testEvent(api("acme"), acmeEndpoint);
		acme.awaitDelivery((json) -> acmeEvent.equals(json.get("id").asString())
				&& "succeeded".equals(json.get("status").asString()));
		String globexEvent = testEvent(api("globex"), globexEndpoint);
		globex.awaitDelivery((json) -> globexEvent.equals(json.get("id").asString())
				&& "succeeded".equals(json.get("status").asString()));

		assertThat(globex.deliveries()).isNotEmpty()
			.allMatch((event) -> globexEndpoint.equals(event.json().get("endpoint_id").asString()));
		assertThat(acme.deliveries()).noneMatch((event) -> globexEndpoint.equals(event.json()
			.get("endpoint_id").asString()));
	}

	@Test
	void refusesAnAnonymousStreamWith401() {
		SseClient anonymous = closing(SseClient.open("http://127.0.0.1:" + this.port + BASE + "/stream", null, null));

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
	}

	@Test
	void refusesACursorItDidNotSend() {
		SseClient client = closing(SseClient.open("http://127.0.0.1:" + this.port + BASE + "/stream", "acme",
				"not-a-cursor"));

		assertThat(client.status()).isEqualTo(400);
	}

	@Test
	void sendsHeartbeatsAndDropsAClientThatWentAway() {
		// the clients of earlier tests are closed: their streams go once a heartbeat finds them gone
		await().atMost(WAIT).until(() -> this.streams.openStreams() == 0);
		SseClient client = stream("acme", null);
		assertThat(this.streams.openStreams()).isEqualTo(1);
		await().atMost(WAIT).until(() -> client.comments().contains("keep-alive"));

		client.close();

		await().atMost(WAIT).until(() -> this.streams.openStreams() == 0);
	}

}
