package dev.webhooks.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.publish.PublishRequest;
import dev.webhooks.publish.WebhookPublisher;
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
 * {@code GET {base}/activity}, the dashboard chart's per-minute counts, through real HTTP on a real database.
 * Subclasses name the database, which this class alone uses, so the counts are exactly what its tests made.
 */
@SpringBootTest(classes = ApiTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "webhooks.api.enabled=true", "webhooks.delivery.url-guard.allow-http=true",
		"webhooks.delivery.url-guard.allow-private-networks=true", "webhooks.delivery.retry.schedule=0s",
		"webhooks.store.initialize-schema=always", "webhooks.event-types[0].type=order.created" })
abstract class ActivityApiContractTests {

	static final String ACTIVITY = "/v1/webhooks/activity";

	static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	WebhookPublisher publisher;

	@Test
	void countsTheTenantsDeliveriesPerMinuteByStatusOverTheLastHour() throws Exception {
		try (TestReceiver ok = TestReceiver.answering(200); TestReceiver refusing = TestReceiver.answering(400)) {
			ApiClient acme = new ApiClient(this.port, "acme");
			String okId = endpoint(acme, ok.url());
			String refusingId = endpoint(acme, refusing.url());
			// given two events, each delivered to both endpoints: two succeed, two are refused for good
			for (int i = 0; i < 2; i++) {
				this.publisher.publish(PublishRequest.builder("order.created").data(Map.of("n", i)).tenant("acme")
					.build());
			}
			await().atMost(WAIT).until(() -> done(acme, okId, "succeeded") && done(acme, refusingId, "failed"));

			Instant asked = Instant.now();
			ApiClient.Response response = acme.get(ACTIVITY);

			assertThat(response.status()).as("%s", response).isEqualTo(200);
			JsonNode body = response.json();
			assertThat(body.get("interval_seconds").asInt()).isEqualTo(60);
			JsonNode minutes = body.get("data");
			assertThat(minutes).hasSize(60);
			Instant first = Instant.parse(minutes.get(0).get("minute").asString());
			Instant last = Instant.parse(minutes.get(59).get("minute").asString());
			assertThat(Duration.between(first, last)).isEqualTo(Duration.ofMinutes(59));
			// the window ends with the minute the call was made in
			assertThat(Instant.parse(body.get("until").asString())).isEqualTo(last.plusSeconds(60))
				.isAfter(asked);
			assertThat(sum(minutes, "succeeded")).isEqualTo(2);
			assertThat(sum(minutes, "failed")).isEqualTo(2);
			assertThat(sum(minutes, "dead") + sum(minutes, "pending") + sum(minutes, "cancelled")).isZero();
			assertThat(sum(minutes, "total")).isEqualTo(4);
		}
	}

	@Test
	void showsAnotherTenantNoneOfThem() throws Exception {
		try (TestReceiver ok = TestReceiver.answering(200)) {
			ApiClient acme = new ApiClient(this.port, "acme");
			String id = endpoint(acme, ok.url());
			this.publisher.publish(PublishRequest.builder("order.created").data(Map.of("n", 1)).tenant("acme").build());
			await().atMost(WAIT).until(() -> done(acme, id, "succeeded"));

			JsonNode minutes = new ApiClient(this.port, "globex").get(ACTIVITY).json().get("data");

			assertThat(minutes).hasSize(60);
			assertThat(sum(minutes, "total")).isZero();
		}
	}

	@Test
	void answersAWindowOfGivenBoundsMinuteByMinute() {
		ApiClient.Response response = new ApiClient(this.port, "acme")
			.get(ACTIVITY + "?since=2026-01-01T10:00:30Z&until=2026-01-01T10:04:10Z");

		assertThat(response.status()).as("%s", response).isEqualTo(200);
		assertThat(response.text("/since")).isEqualTo("2026-01-01T10:00:00Z");
		assertThat(response.text("/until")).isEqualTo("2026-01-01T10:05:00Z");
		assertThat(response.json().get("data")).hasSize(5);
		assertThat(response.text("/data/4/minute")).isEqualTo("2026-01-01T10:04:00Z");
	}

	@Test
	void refusesABadWindowNamingTheField() {
		ApiClient acme = new ApiClient(this.port, "acme");

		ApiClient.Response notATime = acme.get(ACTIVITY + "?since=yesterday");
		ApiClient.Response tooLong = acme.get(ACTIVITY + "?since=2026-01-01T00:00:00Z&until=2026-01-03T00:00:00Z");
		ApiClient.Response reversed = acme.get(ACTIVITY + "?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z");

		assertThat(notATime.status()).isEqualTo(400);
		assertThat(notATime.contentType()).startsWith("application/problem+json");
		assertThat(notATime.body()).contains("since");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body()).contains("24 hours");
		assertThat(reversed.status()).isEqualTo(400);
	}

	@Test
	void refusesAnAnonymousCaller() {
		assertThat(new ApiClient(this.port, "acme").anonymous().get(ACTIVITY).status()).isEqualTo(401);
	}

	private static String endpoint(ApiClient client, String url) {
		ApiClient.Response created = client.post("/v1/webhooks",
				"{\"url\":\"" + url + "\",\"events\":[\"order.created\"]}");
		assertThat(created.status()).as("%s", created).isEqualTo(201);
		return created.text("/id");
	}

	private static boolean done(ApiClient client, String endpointId, String status) {
		JsonNode data = client.get("/v1/webhooks/" + endpointId + "/events").json().get("data");
		if (data.isEmpty()) {
			return false;
		}
		for (JsonNode delivery : data) {
			if (!status.equals(delivery.get("status").asString())) {
				return false;
			}
		}
		return true;
	}

	private static long sum(JsonNode minutes, String field) {
		long sum = 0;
		for (JsonNode minute : minutes) {
			sum += minute.get(field).asLong();
		}
		return sum;
	}

}
