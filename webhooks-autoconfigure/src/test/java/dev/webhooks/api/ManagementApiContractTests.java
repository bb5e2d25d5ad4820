package dev.webhooks.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.TenantTurnWaits;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.publish.PublishRequest;
import dev.webhooks.publish.WebhookPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The management API through real HTTP on a real database: every call of the table, as the owning tenant,
 * another tenant and anonymously. Subclasses name the database; the tests of one class share it, so each test
 * works on endpoints it created.
 */
@SpringBootTest(classes = ApiTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "webhooks.api.enabled=true", "webhooks.publisher.max-endpoints-per-tenant=500",
		"webhooks.delivery.url-guard.allow-http=true", "webhooks.delivery.url-guard.allow-private-networks=true",
		"webhooks.delivery.retry.schedule=0s,0s,200ms", "webhooks.store.initialize-schema=always",
		"webhooks.event-types[0].type=order.created", "webhooks.event-types[0].description=An order was placed",
		"webhooks.event-types[0].example.id=ord_1", "webhooks.event-types[1].type=order.shipped",
		"webhooks.store.encryption-keys[0]=" + ManagementApiContractTests.ENCRYPTION_KEY,
		"management.endpoints.web.exposure.include=webhooks,health", "management.endpoint.health.show-details=always",
		"spring.ssl.bundle.pem.client.truststore.certificate=classpath:dev/webhooks/api/ssl-bundle-test-ca.pem" })
abstract class ManagementApiContractTests {

	static final String BASE = "/v1/webhooks";

	static final String ENCRYPTION_KEY = "PHnrma+w9apcC0hj/8cOxsYwU8dMqyAu9Io06UuExss=";

	static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	WebhookPublisher publisher;

	@Autowired
	DataSource dataSource;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlerMapping;

	private final List<TestReceiver> receivers = new ArrayList<>();

	ApiClient acme() {
		return new ApiClient(this.port, "acme");
	}

	ApiClient globex() {
		return new ApiClient(this.port, "globex");
	}

	JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSource);
	}

	TestReceiver receiver(TestReceiver receiver) {
		this.receivers.add(receiver);
		return receiver;
	}

	@AfterEach
	void closeReceivers() {
		this.receivers.forEach(TestReceiver::close);
	}

	JsonNode createEndpoint(ApiClient client, String url, String... events) {
		StringBuilder json = new StringBuilder("{\"url\":\"" + url + "\",\"events\":[");
		for (int i = 0; i < events.length; i++) {
			json.append((i > 0) ? "," : "").append('"').append(events[i]).append('"');
		}
		ApiClient.Response response = client.post(BASE, json.append("]}").toString());
		assertThat(response.status()).as("%s", response).isEqualTo(201);
		return response.json();
	}

	// endpoints

	@Test
	void createsAnEndpointAndShowsItsSecretOnlyInTheCreateResponse() {
		ApiClient.Response created = acme().post(BASE, """
				{"url":"https://hooks.example.com/acme","description":"Orders","events":["order.*"],
				 "headers":{"X-Team":"billing"},"enabled":true}""");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.contentType()).startsWith("application/json");
		JsonNode endpoint = created.json();
		String id = endpoint.get("id").asString();
		assertThat(id).startsWith("ep_");
		assertThat(endpoint.get("secret").asString()).startsWith("whsec_");
		assertThat(endpoint.get("events").get(0).asString()).isEqualTo("order.*");
		assertThat(endpoint.at("/headers/X-Team").asString()).isEqualTo("billing");
		assertThat(endpoint.get("created_at").asString()).isNotEmpty();
		ApiClient.Response read = acme().get(BASE + "/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().has("secret")).isFalse();
		assertThat(read.body()).doesNotContain(endpoint.get("secret").asString());
		assertThat(read.text("/description")).isEqualTo("Orders");
		ApiClient.Response list = acme().get(BASE + "?limit=250");
		assertThat(list.body()).contains(id).doesNotContain("whsec_");
	}

	@Test
	void updatesOnlyTheFieldsARequestNames() {
		String id = createEndpoint(acme(), "https://hooks.example.com/a", "order.created").get("id").asString();

		ApiClient.Response updated = acme().patch(BASE + "/" + id, """
				{"url":"https://hooks.example.com/b","enabled":false}""");

		assertThat(updated.status()).as("%s", updated).isEqualTo(200);
		assertThat(updated.text("/url")).isEqualTo("https://hooks.example.com/b");
		assertThat(updated.json().get("enabled").asBoolean()).isFalse();
		assertThat(updated.text("/disabled_reason")).isNotEmpty();
		assertThat(updated.json().get("events").get(0).asString()).isEqualTo("order.created");
		ApiClient.Response again = acme().patch(BASE + "/" + id, """
				{"description":"Shipping","events":["order.shipped"],"headers":{"X-A":"1"},"enabled":true}""");
		assertThat(again.text("/description")).isEqualTo("Shipping");
		assertThat(again.json().get("enabled").asBoolean()).isTrue();
		assertThat(acme().get(BASE + "/" + id).text("/events/0")).isEqualTo("order.shipped");
	}

	@Test
	void theDeliveryControlsAreSetShownKeptAndRemoved() {
		ApiClient.Response created = acme().post(BASE, """
				{"url":"https://hooks.example.com/controls","filter":{"data.object.amount":{"$gt":100},
				 "data.object.currency":{"$in":["EUR","USD"]}},"ordering":"fifo","rate_limit":20,
				 "ssl_bundle":"client"}""");

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		String id = created.text("/id");
		ApiClient.Response read = acme().get(BASE + "/" + id);
		assertThat(read.json().at("/filter/data.object.amount/$gt").asInt()).isEqualTo(100);
		assertThat(read.json().at("/filter/data.object.currency/$in/1").asString()).isEqualTo("USD");
		assertThat(read.text("/ordering")).isEqualTo("fifo");
		assertThat(read.json().get("rate_limit").asInt()).isEqualTo(20);
		assertThat(read.text("/ssl_bundle")).isEqualTo("client");
		ApiClient.Response kept = acme().patch(BASE + "/" + id, "{\"description\":\"kept\"}");
		assertThat(kept.json().get("rate_limit").asInt()).isEqualTo(20);
		assertThat(kept.json().get("filter").isObject()).isTrue();
		ApiClient.Response removed = acme().patch(BASE + "/" + id, """
				{"filter":null,"rate_limit":null,"ssl_bundle":null,"ordering":"parallel"}""");
		assertThat(removed.status()).as("%s", removed).isEqualTo(200);
		JsonNode again = acme().get(BASE + "/" + id).json();
		assertThat(again.get("filter").isNull()).isTrue();
		assertThat(again.get("rate_limit").isNull()).isTrue();
		assertThat(again.get("ssl_bundle").isNull()).isTrue();
		assertThat(again.get("ordering").asString()).isEqualTo("parallel");
		ApiClient.Response plain = acme().get(BASE + "/" + createEndpoint(acme(), "https://hooks.example.com/p")
			.get("id").asString());
		assertThat(plain.text("/ordering")).isEqualTo("parallel");
		assertThat(plain.json().get("filter").isNull()).isTrue();
	}

	@Test
	void aFilteredEndpointGetsOnlyTheEventsItsFilterPassesButEveryTestEvent() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		ApiClient.Response created = acme().post(BASE, "{\"url\":\"" + receiver.url()
				+ "\",\"filter\":{\"data.object.id\":{\"$startsWith\":\"ord_big\"}}}");
		String id = created.text("/id");

		String small = publish("order.created", "ord_small");
		String big = publish("order.created", "ord_big_1");
		await().atMost(WAIT).until(() -> receiver.count() == 1);
		assertThat(receiver.requests().get(0).header("webhook-id")).isEqualTo(big);
		assertThat(jdbc().queryForList("SELECT event_id FROM webhook_delivery WHERE endpoint_id = ?", String.class,
				id)).containsExactly(big);

		// a test event is sent whatever the filter says (the catalog example's id is ord_1)
		ApiClient.Response test = acme().post(BASE + "/" + id + "/test", "");
		assertThat(test.status()).as("%s", test).isEqualTo(202);
		await().atMost(WAIT).until(() -> receiver.count() == 2);
		assertThat(receiver.requests().get(1).header("webhook-id")).isEqualTo(test.text("/id"));
		assertThat(receiver.requests()).extracting((request) -> request.header("webhook-id")).doesNotContain(small);
	}

	@Test
	void deletingAnEndpointCancelsItsPendingDeliveriesAndHidesIt() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		String id = createEndpoint(acme(), receiver.url(), "order.created").get("id").asString();
		String eventId = publish("order.created", "o1");
		await().atMost(WAIT).until(() -> receiver.count() == 1);
		await().atMost(WAIT).until(() -> statuses(id).equals(List.of("succeeded")));
		// given a delivery of the endpoint waiting for a retry tomorrow
		jdbc().update("UPDATE webhook_delivery SET status = 'PENDING', completed_at = NULL, next_attempt_at = ? "
				+ "WHERE endpoint_id = ?", java.sql.Timestamp.from(Instant.now().plus(Duration.ofDays(1))), id);

		ApiClient.Response deleted = acme().delete(BASE + "/" + id);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(acme().get(BASE + "/" + id).status()).isEqualTo(404);
		assertThat(acme().get(BASE + "?limit=250").body()).doesNotContain(id);
		assertThat(jdbc().queryForObject("SELECT status FROM webhook_delivery WHERE event_id = ? AND endpoint_id = ?",
				String.class, eventId, id)).isEqualTo("CANCELLED");
		JsonNode message = find(acme().get(BASE + "/messages?event_type=order.created&limit=250").json().get("data"),
				"id", eventId);
		assertThat(find(message.get("deliveries"), "endpoint_id", id).get("status").asString()).isEqualTo("cancelled");
		assertThat(acme().delete(BASE + "/" + id).status()).isEqualTo(404);
	}

	@Test
	void listsEndpointsInStablePagesNewestFirst() {
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			created.add(createEndpoint(globex(), "https://hooks.example.com/page/" + i).get("id").asString());
		}
		List<String> seen = new ArrayList<>();
		ApiClient.Response page = globex().get(BASE + "?limit=2");
		List<String> cursors = new ArrayList<>();
		while (true) {
			assertThat(page.status()).as("%s", page).isEqualTo(200);
			page.json().get("data").forEach((endpoint) -> seen.add(endpoint.get("id").asString()));
			JsonNode next = page.json().get("next_cursor");
			if (next.isNull()) {
				break;
			}
			cursors.add(next.asString());
			// a row added while paging does not shift the pages after it
			if (cursors.size() == 1) {
				createEndpoint(globex(), "https://hooks.example.com/page/late");
			}
			page = globex().get(BASE + "?limit=2&cursor=" + next.asString());
		}
		assertThat(seen).doesNotHaveDuplicates();
		List<String> ours = seen.stream().filter(created::contains).toList();
		assertThat(ours).containsExactlyElementsOf(reversed(created));
		ApiClient.Response second = globex().get(BASE + "?limit=2&cursor=" + cursors.get(0));
		ApiClient.Response back = globex().get(BASE + "?limit=2&cursor=" + second.text("/prev_cursor"));
		assertThat(ids(back.json())).containsExactlyElementsOf(seen.subList(0, 2));
	}

	@Test
	void refusesACursorThatWasChanged() {
		createEndpoint(globex(), "https://hooks.example.com/c1");
		createEndpoint(globex(), "https://hooks.example.com/c2");
		String cursor = globex().get(BASE + "?limit=1").text("/next_cursor");
		String tampered = cursor.substring(0, 5) + ((cursor.charAt(5) == 'A') ? 'B' : 'A') + cursor.substring(6);

		for (String bad : List.of(tampered, "not-a-cursor", cursor + "x")) {
			ApiClient.Response response = globex().get(BASE + "?cursor=" + bad);
			assertProblem(response, 400, "cursor", "invalid-cursor");
		}
	}

	// secrets, test events, retries

	@Test
	void aRotatedSecretSignsBesideTheNewOneDuringTheGracePeriodAndNotAfter() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(204));
		JsonNode endpoint = createEndpoint(acme(), receiver.url());
		String id = endpoint.get("id").asString();
		String oldSecret = endpoint.get("secret").asString();

		ApiClient.Response rotated = acme().post(BASE + "/" + id + "/rotate-secret", "{\"grace_period_seconds\":3600}");

		assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
		String newSecret = rotated.text("/secret");
		assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
		assertThat(Instant.parse(rotated.text("/previous_secret_expires_at"))).isAfter(Instant.now());
		assertThat(acme().get(BASE + "/" + id).body()).doesNotContain(newSecret).doesNotContain(oldSecret);
		acme().post(BASE + "/" + id + "/test", "");
		await().atMost(WAIT).until(() -> receiver.count() == 1);
		TestReceiver.Received during = receiver.requests().get(0);
		assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
		assertVerifies(newSecret, during);
		assertVerifies(oldSecret, during);

		acme().post(BASE + "/" + id + "/rotate-secret", "{\"grace_period_seconds\":0}");
		String newest = acme().post(BASE + "/" + id + "/rotate-secret", "{\"grace_period_seconds\":1}")
			.text("/secret");
		// the previous secret stops signing once its second is over: sent again until a request shows it
		AtomicInteger sent = new AtomicInteger();
		await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
			acme().post(BASE + "/" + id + "/test", "");
			int expected = 1 + sent.incrementAndGet();
			await().atMost(WAIT).until(() -> receiver.count() == expected);
			return receiver.requests().get(expected - 1).header("webhook-signature").split(" ").length == 1;
		});
		TestReceiver.Received after = receiver.requests().get(receiver.count() - 1);
		assertVerifies(newest, after);
		assertThatThrownBy(() -> verify(newSecret, after)).isInstanceOf(com.svix.exceptions.WebhookVerificationException.class);
		assertThatThrownBy(() -> verify(oldSecret, after)).isInstanceOf(com.svix.exceptions.WebhookVerificationException.class);
	}

	@Test
	void anEndpointSigningV1AndV1aShowsItsPublicKeyAlwaysAndItsPrivateKeyNever() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(204));
		ApiClient.Response created = acme().post(BASE, "{\"url\":\"" + receiver.url()
				+ "\",\"signature_versions\":[\"v1\",\"v1a\"]}");
		assertThat(created.status()).as("%s", created).isEqualTo(201);
		String id = created.text("/id");
		String secret = created.text("/secret");
		String publicKey = created.text("/public_key");
		assertThat(publicKey).startsWith("whpk_");
		assertThat(created.body()).doesNotContain("whsk_");
		ApiClient.Response read = acme().get(BASE + "/" + id);
		assertThat(read.text("/public_key")).isEqualTo(publicKey);
		assertThat(read.json().get("signature_versions").toString()).isEqualTo("[\"v1\",\"v1a\"]");
		assertThat(read.body()).doesNotContain("whsk_").doesNotContain(secret);

		acme().post(BASE + "/" + id + "/test", "");
		await().atMost(WAIT).until(() -> receiver.count() == 1);
		TestReceiver.Received request = receiver.requests().get(0);
		assertVerifies(secret, request);
		assertThat(verifiesWithPublicKey(publicKey, request)).isTrue();

		ApiClient.Response rotated = acme().post(BASE + "/" + id + "/rotate-signing-key",
				"{\"grace_period_seconds\":3600}");
		assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
		String newKey = rotated.text("/public_key");
		assertThat(newKey).startsWith("whpk_").isNotEqualTo(publicKey);
		assertThat(Instant.parse(rotated.text("/previous_key_expires_at"))).isAfter(Instant.now());
		assertThat(rotated.body()).doesNotContain("whsk_");
		assertThat(acme().get(BASE + "/" + id).text("/public_key")).isEqualTo(newKey);
		acme().post(BASE + "/" + id + "/test", "");
		await().atMost(WAIT).until(() -> receiver.count() == 2);
		TestReceiver.Received during = receiver.requests().get(1);
		assertThat(during.header("webhook-signature").split(" ")).hasSize(3);
		assertVerifies(secret, during);
		assertThat(verifiesWithPublicKey(newKey, during)).isTrue();
		assertThat(verifiesWithPublicKey(publicKey, during)).isTrue();
		String row = jdbc().queryForObject("SELECT secrets FROM webhook_endpoint WHERE id = ?", String.class, id);
		assertThat(row).startsWith("enc:v1:").doesNotContain("whsk_");
	}

	@Test
	void aChangeOfSignatureVersionsAddsAKeyPairAndABadVersionIsAProblemNamingTheField() {
		String id = createEndpoint(acme(), "https://hooks.example.com/v1a", "order.created").get("id").asString();
		Map<String, Object> before = endpointRow(id);

		assertProblem(acme().patch(BASE + "/" + id, "{\"signature_versions\":[\"v2\"]}"), 422,
				"signature_versions", "invalid-signature-version");
		assertProblem(acme().patch(BASE + "/" + id, "{\"signature_versions\":[]}"), 422, "signature_versions",
				"invalid-signature-version");
		assertProblem(acme().post(BASE, "{\"url\":\"https://hooks.example.com/x\",\"signature_versions\":[\"hmac\"]}"),
				422, "signature_versions", "invalid-signature-version");
		assertThat(endpointRow(id)).isEqualTo(before);

		ApiClient.Response changed = acme().patch(BASE + "/" + id, "{\"signature_versions\":[\"v1a\"]}");
		assertThat(changed.status()).as("%s", changed).isEqualTo(200);
		assertThat(changed.text("/public_key")).startsWith("whpk_");
		assertThat(changed.json().has("secret")).isFalse();
		assertThat(changed.json().get("signature_versions").toString()).isEqualTo("[\"v1a\"]");
		ApiClient.Response again = acme().patch(BASE + "/" + id, "{\"signature_versions\":[\"v1\",\"v1a\"]}");
		assertThat(again.text("/secret")).as("a v1 secret made by a change is shown in its answer").startsWith("whsec_");
		assertThat(again.text("/public_key")).isEqualTo(changed.text("/public_key"));
	}

	static boolean verifiesWithPublicKey(String publicKey, TestReceiver.Received request) {
		try {
			new dev.webhooks.signing.StandardWebhooksScheme().verify(
					dev.webhooks.signing.WebhookHeaders.of(request.headers()), request.body(),
					List.of(dev.webhooks.signing.WebhookSecret.parse(publicKey)), Duration.ofMinutes(5),
					Instant.now());
			return true;
		}
		catch (dev.webhooks.signing.WebhookVerificationException ex) {
			return false;
		}
	}

	@Test
	void aTestEventReachesTheReceiverSignedWithTheCatalogExampleOrTheGivenPayload() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(204));
		JsonNode endpoint = createEndpoint(acme(), receiver.url(), "order.shipped");
		String id = endpoint.get("id").asString();

		ApiClient.Response accepted = acme().post(BASE + "/" + id + "/test", "");
		ApiClient.Response chosen = acme().post(BASE + "/" + id + "/test",
				"{\"event_type\":\"order.created\",\"payload\":{\"id\":\"ord_9\"}}");
		ApiClient.Response example = acme().post(BASE + "/" + id + "/test", "{\"event_type\":\"order.created\"}");

		assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
		String eventId = accepted.text("/id");
		assertThat(eventId).startsWith("evt_");
		await().atMost(WAIT).until(() -> receiver.count() == 3);
		Map<String, TestReceiver.Received> byId = new HashMap<>();
		receiver.requests().forEach((request) -> byId.put(request.header("webhook-id"), request));
		TestReceiver.Received test = byId.get(eventId);
		assertVerifies(endpoint.get("secret").asString(), test);
		JsonNode body = json(test);
		assertThat(body.get("type").asString()).isEqualTo("webhook.test");
		assertThat(body.get("tenant_id").asString()).isEqualTo("acme");
		assertThat(body.at("/data/object/message").asString()).isEqualTo("This is a test event");
		assertThat(json(byId.get(chosen.text("/id"))).at("/data/object/id").asString()).isEqualTo("ord_9");
		assertThat(json(byId.get(example.text("/id"))).at("/data/object/id").asString()).isEqualTo("ord_1");
	}

	@Test
	void aReceiverAnswering503TwiceThen204ShowsThreeAttemptsWithOneWebhookId() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(503, 503, 204));
		JsonNode endpoint = createEndpoint(acme(), receiver.url());
		String id = endpoint.get("id").asString();

		String eventId = acme().post(BASE + "/" + id + "/test", "").text("/id");

		await().atMost(WAIT).until(() -> receiver.count() == 3);
		assertThat(receiver.requests()).extracting((request) -> request.header("webhook-id")).containsOnly(eventId);
		await().atMost(WAIT).untilAsserted(() -> {
			ApiClient.Response delivery = acme().get(BASE + "/" + id + "/events/" + eventId);
			assertThat(delivery.text("/status")).isEqualTo("succeeded");
			assertThat(delivery.json().get("attempts").asInt()).isEqualTo(3);
			assertThat(delivery.json().get("last_response_status").asInt()).isEqualTo(204);
		});
		ApiClient.Response attempts = acme().get(BASE + "/" + id + "/events/" + eventId + "/attempts");
		assertThat(attempts.status()).isEqualTo(200);
		JsonNode data = attempts.json().get("data");
		assertThat(data).hasSize(3);
		assertThat(data.get(0).get("response_status").asInt()).isEqualTo(204);
		assertThat(data.get(1).get("response_status").asInt()).isEqualTo(503);
		assertThat(data.get(2).get("attempt_number").asInt()).isEqualTo(1);
		JsonNode headers = data.get(0).get("request_headers");
		assertThat(headers.get("webhook-id").asString()).isEqualTo(eventId);
		assertThat(headers.get("webhook-signature").asString())
			.isEqualTo(receiver.requests().get(2).header("webhook-signature"));
		assertThat(attempts.body()).doesNotContain(endpoint.get("secret").asString())
			.doesNotContain(endpoint.get("secret").asString().substring(6));
	}

	// the delivery log

	@Test
	void theDeliveryLogFiltersByStatusTypeAndTimeAndShowsThePayloadAsSent() throws Exception {
		AtomicReference<TestReceiver> self = new AtomicReference<>();
		TestReceiver receiver = receiver(TestReceiver.start((number, exchange) -> {
			// the receiver has recorded the request before it asks for the answer; two requests in flight may be
			// recorded in either order, so this one is found by its webhook-id, not by its number
			String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
			boolean shipped = webhookId != null && self.get().requests().stream()
				.filter((request) -> webhookId.equals(request.header("webhook-id")))
				.anyMatch((request) -> new String(request.body(), StandardCharsets.UTF_8).contains("order.shipped"));
			TestReceiver.reply(exchange, shipped ? 400 : 200, Map.of(), "{\"ok\":" + !shipped + "}");
		}));
		self.set(receiver);
		String id = createEndpoint(acme(), receiver.url(), "order.*").get("id").asString();
		Instant before = Instant.now();
		String created = publish("order.created", "ord_1");
		String failing = publish("order.shipped", "ord_2");
		await().atMost(WAIT).untilAsserted(() -> assertThat(statuses(id)).containsOnly("succeeded", "failed")
			.hasSize(2));

		assertThat(ids(acme().get(BASE + "/" + id + "/events").json())).containsExactly(failing, created);
		assertThat(ids(acme().get(BASE + "/" + id + "/events?status=failed").json())).containsExactly(failing);
		assertThat(ids(acme().get(BASE + "/" + id + "/events?status=succeeded,failed").json())).hasSize(2);
		assertThat(ids(acme().get(BASE + "/" + id + "/events?event_type=order.created").json()))
			.containsExactly(created);
		assertThat(ids(acme().get(BASE + "/" + id + "/events?since=" + before).json())).hasSize(2);
		assertThat(ids(acme().get(BASE + "/" + id + "/events?until=" + before).json())).isEmpty();
		ApiClient.Response failed = acme().get(BASE + "/" + id + "/events/" + failing);
		assertThat(failed.json().get("last_response_status").asInt()).isEqualTo(400);
		assertThat(failed.json().get("payload").get("id").asString()).isEqualTo(failing);
		assertThat(failed.json().at("/payload/data/object/id").asString()).isEqualTo("ord_2");
		byte[] sent = receiver.requests().stream().filter((r) -> r.header("webhook-id").equals(failing))
			.findFirst().orElseThrow().body();
		assertThat(failed.json().get("payload")).isEqualTo(new tools.jackson.databind.json.JsonMapper().readTree(sent));
		ApiClient.Response attempts = acme().get(BASE + "/" + id + "/events/" + failing + "/attempts");
		assertThat(attempts.text("/data/0/response_body")).isEqualTo("{\"ok\":false}");
		assertThat(ids(acme().get(BASE + "/" + id + "/events?limit=1").json())).containsExactly(failing);
		String next = acme().get(BASE + "/" + id + "/events?limit=1").text("/next_cursor");
		assertThat(ids(acme().get(BASE + "/" + id + "/events?limit=1&cursor=" + next).json())).containsExactly(created);
	}

	@Test
	void aReplayIsANewDeliveryWithTheSameWebhookId() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		String id = createEndpoint(acme(), receiver.url()).get("id").asString();
		String eventId = publish("order.created", "ord_r");
		await().atMost(WAIT).until(() -> receiver.count() == 1);

		ApiClient.Response replay = acme().post(BASE + "/" + id + "/events/" + eventId + "/replay", "");

		assertThat(replay.status()).as("%s", replay).isEqualTo(202);
		await().atMost(WAIT).until(() -> receiver.count() == 2);
		assertThat(receiver.requests()).extracting((request) -> request.header("webhook-id")).containsOnly(eventId);
		assertThat(receiver.requests().get(1).body()).isEqualTo(receiver.requests().get(0).body());
		await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc().queryForList(
				"SELECT status FROM webhook_delivery WHERE event_id = ? AND endpoint_id = ?", String.class, eventId, id))
			.containsExactly("SUCCEEDED", "SUCCEEDED"));
		assertThat(acme().get(BASE + "/" + id + "/events/" + eventId + "/attempts").json().get("data")).hasSize(2);
	}

	@Test
	void recoverSendsAgainEveryFailedDeliverySinceAGivenTimeOnce() throws Exception {
		AtomicInteger failUntil = new AtomicInteger(3);
		TestReceiver receiver = receiver(TestReceiver.start((number, exchange) -> TestReceiver.reply(exchange,
				(number <= failUntil.get()) ? 400 : 200, Map.of(), "")));
		String id = createEndpoint(acme(), receiver.url()).get("id").asString();
		Instant since = Instant.now().minusSeconds(1);
		List<String> events = List.of(publish("order.created", "a"), publish("order.created", "b"),
				publish("order.created", "c"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(statuses(id)).containsOnly("failed").hasSize(3));

		ApiClient.Response recovered = acme().post(BASE + "/" + id + "/recover", "{\"since\":\"" + since + "\"}");

		assertThat(recovered.status()).as("%s", recovered).isEqualTo(202);
		assertThat(recovered.json().get("recovered").asInt()).isEqualTo(3);
		await().atMost(WAIT).until(() -> receiver.count() == 6);
		assertThat(receiver.requests().subList(3, 6)).extracting((request) -> request.header("webhook-id"))
			.containsExactlyInAnyOrderElementsOf(events);
		// the failed deliveries stay in the log as they were; each event has a new, succeeded one
		await().atMost(WAIT).untilAsserted(() -> assertThat(statuses(id)).containsExactly("succeeded", "succeeded",
				"succeeded", "failed", "failed", "failed"));
		assertThat(acme().post(BASE + "/" + id + "/recover", "{\"since\":\"" + since + "\"}").json()
			.get("recovered").asInt()).isZero();
	}

	@Test
	void statsCountTheLastDaysAttemptsTheBacklogAndTheLastSuccessAndFailure() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(503, 503, 204, 400));
		String id = createEndpoint(acme(), receiver.url()).get("id").asString();
		String first = acme().post(BASE + "/" + id + "/test", "").text("/id");
		await().atMost(WAIT).until(() -> "succeeded".equals(acme().get(BASE + "/" + id + "/events/" + first)
			.text("/status")));
		String second = acme().post(BASE + "/" + id + "/test", "").text("/id");
		await().atMost(WAIT).until(() -> "failed".equals(acme().get(BASE + "/" + id + "/events/" + second)
			.text("/status")));

		ApiClient.Response stats = acme().get(BASE + "/" + id + "/stats");

		assertThat(stats.status()).isEqualTo(200);
		JsonNode json = stats.json();
		assertThat(json.get("attempts").asInt()).isEqualTo(4);
		assertThat(json.get("successful_attempts").asInt()).isEqualTo(1);
		assertThat(json.get("success_rate").asDouble()).isEqualTo(0.25);
		assertThat(json.get("backlog").asInt()).isZero();
		assertThat(json.get("last_success_at").asString()).isNotEmpty();
		assertThat(json.get("last_failure_at").asString()).isNotEmpty();
		assertThat(json.get("last_failure_response_status").asInt()).isEqualTo(400);
	}

	@Test
	void messagesShowTheTenantsEventsWithTheirDeliveriesAndEveryAttempt() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		String one = createEndpoint(acme(), receiver.url("/one"), "order.shipped").get("id").asString();
		String two = createEndpoint(acme(), receiver.url("/two"), "order.shipped").get("id").asString();
		String theirs = createEndpoint(globex(), receiver.url("/globex"), "order.shipped").get("id").asString();
		String eventId = publish("order.shipped", "ord_m");
		String globexEvent = this.publisher.publish(PublishRequest.builder("order.shipped")
			.data(Map.of("id", "g")).tenant("globex").build());
		await().atMost(WAIT).until(() -> receiver.count() == 3);

		await().atMost(WAIT).untilAsserted(() -> {
			ApiClient.Response messages = acme().get(BASE + "/messages?event_type=order.shipped&status=succeeded");
			JsonNode deliveries = find(messages.json().get("data"), "id", eventId).get("deliveries");
			assertThat(find(deliveries, "endpoint_id", one).get("status").asString()).isEqualTo("succeeded");
			assertThat(find(deliveries, "endpoint_id", two).get("status").asString()).isEqualTo("succeeded");
			assertThat(messages.body()).doesNotContain(globexEvent).doesNotContain(theirs);
		});
		ApiClient.Response attempts = acme().get(BASE + "/messages/" + eventId + "/attempts");
		assertThat(attempts.json().get("data")).extracting((a) -> a.get("endpoint_id").asString())
			.contains(one, two)
			.doesNotContain(theirs);
		assertThat(find(attempts.json().get("data"), "endpoint_id", one).get("response_status").asInt())
			.isEqualTo(200);
		assertProblem(acme().get(BASE + "/messages/" + globexEvent + "/attempts"), 404, "event_id", "not-found");
		assertThat(ids(globex().get(BASE + "/messages?limit=250").json())).contains(globexEvent)
			.doesNotContain(eventId);
	}

	@Test
	void theEventTypesAreTheCatalogWithTheTestType() {
		ApiClient.Response types = acme().get(BASE + "/event-types");

		assertThat(types.status()).isEqualTo(200);
		JsonNode data = types.json().get("data");
		assertThat(find(data, "type", "order.created").get("description").asString()).isEqualTo("An order was placed");
		assertThat(find(data, "type", "order.created").at("/example/id").asString()).isEqualTo("ord_1");
		assertThat(find(data, "type", "webhook.test").get("example")).isNotNull();
	}

	// secrets at rest

	@Test
	void theEndpointRowsHoldNoSecretInClearAndRowsWrittenInClearAreEncryptedWhenNextWritten() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(204));
		JsonNode endpoint = createEndpoint(acme(), receiver.url());
		String id = endpoint.get("id").asString();
		String secret = endpoint.get("secret").asString();

		String stored = jdbc().queryForObject("SELECT secrets FROM webhook_endpoint WHERE id = ?", String.class, id);

		assertThat(stored).startsWith("enc:v1:").doesNotContain(secret).doesNotContain(secret.substring(6));
		assertThat(jdbc().queryForList("SELECT * FROM webhook_endpoint WHERE id = ?", id).toString())
			.doesNotContain(secret.substring(6));
		// given a row written in clear before the key was set
		jdbc().update("UPDATE webhook_endpoint SET secrets = ? WHERE id = ?",
				"[{\"secret\":\"" + secret + "\",\"expiresAt\":null}]", id);
		acme().post(BASE + "/" + id + "/test", "");
		await().atMost(WAIT).until(() -> receiver.count() == 1);
		assertVerifies(secret, receiver.requests().get(0));
		String rotated = acme().post(BASE + "/" + id + "/rotate-secret", "{}").text("/secret");
		String rewritten = jdbc().queryForObject("SELECT secrets FROM webhook_endpoint WHERE id = ?", String.class, id);
		assertThat(rewritten).startsWith("enc:v1:").doesNotContain(secret.substring(6))
			.doesNotContain(rotated.substring(6));
		acme().post(BASE + "/" + id + "/test", "");
		await().atMost(WAIT).until(() -> receiver.count() == 2);
		assertVerifies(rotated, receiver.requests().get(1));
		assertVerifies(secret, receiver.requests().get(1));
	}

	// operations

	@Test
	void theActuatorEndpointSummarisesEveryEndpointWithoutSecretsHeadersOrQueryStrings() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(500, 500, 500));
		ApiClient.Response created = acme().post(BASE, "{\"url\":\"" + receiver.url() + "?token=query-credential\","
				+ "\"headers\":{\"Authorization\":\"Bearer header-credential\"}}");
		String id = created.text("/id");
		String secret = created.text("/secret");
		acme().post(BASE + "/" + id + "/test", "");
		await().atMost(WAIT).until(() -> statuses(id).equals(List.of("dead")));
		acme().patch(BASE + "/" + id, "{\"enabled\":false}");

		ApiClient.Response summary = acme().anonymous().get("/actuator/webhooks");

		assertThat(summary.status()).as("%s", summary).isEqualTo(200);
		JsonNode endpoint = find(summary.json().get("endpoints"), "id", id);
		assertThat(endpoint.get("url").asString()).isEqualTo(receiver.url());
		assertThat(endpoint.get("enabled").asBoolean()).isFalse();
		assertThat(endpoint.get("disabledReason").asString()).isEqualTo("Disabled by an update");
		assertThat(endpoint.get("successRate").asDouble()).isZero();
		assertThat(endpoint.get("attempts").asInt()).isEqualTo(3);
		assertThat(endpoint.at("/lastError/statusCode").asInt()).isEqualTo(500);
		assertThat(summary.body()).doesNotContain("query-credential").doesNotContain("header-credential")
			.doesNotContain(secret).doesNotContain(secret.substring(6)).doesNotContainIgnoringCase("tenant");
		ApiClient.Response health = acme().anonymous().get("/actuator/health");
		assertThat(health.body()).doesNotContain("query-credential").doesNotContain(secret.substring(6));
	}

	// tenancy and bad input

	@Test
	void anotherTenantGetsNotFoundForEveryCallAndChangesNothing() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		String id = createEndpoint(acme(), receiver.url()).get("id").asString();
		String eventId = acme().post(BASE + "/" + id + "/test", "").text("/id");
		await().atMost(WAIT).until(() -> statuses(id).equals(List.of("succeeded")));
		Map<String, Object> before = endpointRow(id);
		int deliveries = deliveryCount(id);

		for (Call call : calls(id, eventId)) {
			if (call.path().contains(id) || call.path().contains(eventId)) {
				assertProblem(globex().send(call.method(), call.path(), call.body(), "application/json"), 404, null,
						"not-found");
			}
		}

		assertThat(endpointRow(id)).isEqualTo(before);
		assertThat(deliveryCount(id)).isEqualTo(deliveries);
		assertThat(acme().get(BASE + "/" + id).status()).isEqualTo(200);
		assertThat(ids(globex().get(BASE + "/messages?limit=250").json())).doesNotContain(eventId);
		assertThat(ids(globex().get(BASE + "?limit=250").json())).doesNotContain(id);
	}

	@Test
	void aRequestWithoutATenantGetsUnauthorizedForEveryCall() {
		String id = createEndpoint(acme(), "https://hooks.example.com/anonymous").get("id").asString();
		Map<String, Object> before = endpointRow(id);

		for (Call call : calls(id, "evt_unknown")) {
			assertProblem(acme().anonymous().send(call.method(), call.path(), call.body(), "application/json"), 401,
					null, "authentication-required");
		}

		assertThat(endpointRow(id)).isEqualTo(before);
		assertThat(acme().anonymous().get(BASE + "/openapi.json").status()).isEqualTo(200);
	}

	@Test
	void badInputGetsAProblemDetailNamingTheFieldAndTheRuleAndChangesNothing() {
		String id = createEndpoint(acme(), "https://hooks.example.com/unchanged", "order.created").get("id")
			.asString();
		Map<String, Object> before = endpointRow(id);
		int endpoints = endpointCount("acme");
		String ep = BASE + "/" + id;
		List<BadInput> cases = new ArrayList<>();
		for (String url : List.of("https://169.254.169.254/latest/meta-data", "https://[fe80::1]/hook",
				"https://metadata.google.internal/hook", "https://sts.amazonaws.com/", "https://0.0.0.0/hook",
				"https://224.0.0.1/hook", "https://255.255.255.255/hook", "https://192.0.2.10/hook",
				"ftp://hooks.example.com/hook", "https://user:pass@hooks.example.com/hook",
				"https://hooks.example.com/" + "a".repeat(2049 - "https://hooks.example.com/".length()),
				"not a url", "https:///no-host")) {
			cases.add(new BadInput("POST", BASE, "{\"url\":\"" + url + "\"}", 422, "url", "url-guard"));
			cases.add(new BadInput("PATCH", ep, "{\"url\":\"" + url + "\"}", 422, "url", "url-guard"));
		}
		String url = "\"url\":\"https://hooks.example.com/new\"";
		cases.addAll(List.of(new BadInput("POST", BASE, "{\"description\":\"no url\"}", 422, "url", "required"),
				new BadInput("POST", BASE, "{" + url + ",\"events\":[\"invoice.paid\"]}", 422, "events",
						"unknown-event-type"),
				new BadInput("PATCH", ep, "{\"events\":[\"order.created\",\"invoice.*\"]}", 422, "events",
						"unknown-event-type"),
				new BadInput("POST", BASE, "{" + url + ",\"events\":[\"Order Created!\"]}", 422, "events",
						"invalid-event-type"),
				new BadInput("POST", BASE, "{" + url + ",\"headers\":{\"webhook-signature\":\"v1,x\"}}", 422,
						"headers", "reserved-header"),
				new BadInput("PATCH", ep, "{\"headers\":{\"Content-Type\":\"text/plain\"}}", 422, "headers",
						"reserved-header"),
				new BadInput("POST", BASE, "{" + url + ",\"headers\":{\"bad header\":\"x\"}}", 422, "headers",
						"invalid-header"),
				new BadInput("POST", BASE, "{" + url + ",\"headers\":{\"X-A\":\"a\\r\\nX-B: b\"}}", 422,
						"headers", "invalid-header"),
				new BadInput("POST", BASE, "{" + url + ",\"filter\":{\"data.object.amount\":{\"$gt\":[1]}}}", 422,
						"filter.data.object.amount.$gt", "comparable-operand"),
				new BadInput("PATCH", ep, "{\"filter\":{\"data.object.amount\":{\"$greater\":1}}}", 422,
						"filter.data.object.amount.$greater", "unknown-operator"),
				new BadInput("PATCH", ep, "{\"filter\":{\"$or\":[{\"type\":\"a\"},{\"data..x\":1}]}}", 422,
						"filter.$or[1].data..x", "invalid-path"),
				new BadInput("PATCH", ep, "{\"filter\":[\"type\"]}", 422, "filter", "document"),
				new BadInput("PATCH", ep, "{\"filter\":{\"data.note\":\"" + "x".repeat(4100) + "\"}}", 422,
						"filter", "max-size"),
				new BadInput("POST", BASE, "{" + url + ",\"rate_limit\":0}", 422, "rate_limit", "range"),
				new BadInput("PATCH", ep, "{\"rate_limit\":10001}", 422, "rate_limit", "range"),
				new BadInput("PATCH", ep, "{\"rate_limit\":2.5}", 400, "rate_limit", "wrong-type"),
				new BadInput("PATCH", ep, "{\"rate_limit\":\"10\"}", 400, "rate_limit", "wrong-type"),
				new BadInput("POST", BASE, "{" + url + ",\"ssl_bundle\":\"unknown\"}", 422, "ssl_bundle",
						"unknown-ssl-bundle"),
				new BadInput("PATCH", ep, "{\"ssl_bundle\":42}", 400, "ssl_bundle", "wrong-type"),
				new BadInput("PATCH", ep, "{\"ordering\":\"random\"}", 422, "ordering", "unknown-ordering"),
				new BadInput("PATCH", ep, "{\"filter\":{\"type\":\"a\",\"type\":\"b\"}}", 400, null,
						"malformed-json"),
				new BadInput("POST", BASE, "{\"url\":", 400, null, "malformed-json"),
				new BadInput("PATCH", ep, "{\"enabled\":true,}", 400, null, "malformed-json"),
				new BadInput("POST", BASE, "{\"url\":42}", 400, "url", "wrong-type"),
				new BadInput("PATCH", ep, "{\"enabled\":\"yes\"}", 400, "enabled", "wrong-type"),
				new BadInput("PATCH", ep, "{\"events\":\"order.*\"}", 400, "events", "wrong-type"),
				new BadInput("PATCH", ep, "{\"headers\":[\"X-A\"]}", 400, "headers", "wrong-type"),
				new BadInput("PATCH", ep, "{\"description\":{\"text\":\"x\"}}", 400, "description", "wrong-type"),
				new BadInput("POST", BASE, "[]", 400, null, "wrong-type"),
				new BadInput("POST", BASE, "{" + url + ",\"secret\":\"whsec_abc\"}", 400, "secret",
						"unknown-field"),
				new BadInput("PATCH", ep, "{\"id\":\"ep_other\"}", 400, "id", "unknown-field"),
				new BadInput("POST", ep + "/rotate-secret", "{\"grace_period_seconds\":-1}", 422,
						"grace_period_seconds", "range"),
				new BadInput("POST", ep + "/rotate-secret", "{\"grace_period_seconds\":604801}", 422,
						"grace_period_seconds", "range"),
				new BadInput("POST", ep + "/rotate-secret", "{\"grace_period_seconds\":\"1h\"}", 400,
						"grace_period_seconds", "wrong-type"),
				new BadInput("POST", ep + "/rotate-secret", "{\"grace\":60}", 400, "grace", "unknown-field"),
				new BadInput("POST", ep + "/test", "{\"event_type\":\"invoice.paid\"}", 422, "event_type",
						"unknown-event-type"),
				new BadInput("POST", ep + "/test", "{\"event_type\":\"Not A Type\"}", 422, "event_type",
						"invalid-event-type"),
				new BadInput("POST", ep + "/test", "{\"event_type\":7}", 400, "event_type", "wrong-type"),
				new BadInput("POST", ep + "/recover", "{}", 422, "since", "required"),
				new BadInput("POST", ep + "/recover", "", 400, null, "body-required"),
				new BadInput("POST", ep + "/recover", "{\"since\":\"yesterday\"}", 400, "since", "wrong-type"),
				new BadInput("POST", ep + "/recover", "{\"since\":\"2999-01-01T00:00:00Z\"}", 422, "since",
						"in-the-future"),
				new BadInput("GET", BASE + "?limit=0", null, 400, "limit", "range"),
				new BadInput("GET", BASE + "?limit=251", null, 400, "limit", "range"),
				new BadInput("GET", ep + "/events?limit=ten", null, 400, "limit", "not-a-number"),
				new BadInput("GET", ep + "/events?status=lost", null, 400, "status", "unknown-status"),
				new BadInput("GET", ep + "/events?since=yesterday", null, 400, "since", "not-a-timestamp"),
				new BadInput("GET", BASE + "/messages?until=2026-13-01", null, 400, "until", "not-a-timestamp"),
				new BadInput("GET", BASE + "/messages?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", null,
						400, "until", "until-after-since"),
				new BadInput("GET", BASE + "/messages?event_type=Bad%20Type", null, 400, "event_type",
						"invalid-event-type")));

		for (BadInput bad : cases) {
			assertProblem(acme().send(bad.method(), bad.path(), bad.body(), "application/json"), bad.status(),
					bad.field(), bad.rule());
		}
		assertProblem(acme().send("POST", BASE, "{" + url + "}", "text/plain"), 415, null, "content-type");
		assertProblem(acme().send("PATCH", ep, "{\"description\":\"" + "x".repeat(70 * 1024) + "\"}",
				"application/json"), 413, null, "max-size");

		assertThat(endpointRow(id)).isEqualTo(before);
		assertThat(endpointCount("acme")).isEqualTo(endpoints);
		assertThat(deliveryCount(id)).isZero();
	}

	/** Every call of the API that names an endpoint or event, and those that do not, with a valid body. */
	static List<Call> calls(String id, String eventId) {
		String ep = BASE + "/" + id;
		return List.of(new Call("GET", BASE, null), new Call("POST", BASE, "{\"url\":\"https://hooks.example.com/x\"}"),
				new Call("GET", ep, null), new Call("PATCH", ep, "{\"description\":\"taken over\"}"),
				new Call("DELETE", ep, null), new Call("POST", ep + "/rotate-secret", "{}"),
				new Call("POST", ep + "/test", "{}"), new Call("GET", ep + "/events", null),
				new Call("GET", ep + "/events/" + eventId, null), new Call("GET", ep + "/events/" + eventId + "/attempts", null),
				new Call("POST", ep + "/events/" + eventId + "/replay", null),
				new Call("POST", ep + "/recover", "{\"since\":\"2020-01-01T00:00:00Z\"}"),
				new Call("GET", ep + "/stats", null), new Call("GET", BASE + "/messages", null),
				new Call("GET", BASE + "/messages/" + eventId + "/attempts", null),
				new Call("GET", BASE + "/event-types", null));
	}

	record Call(String method, String path, String body) {
	}

	record BadInput(String method, String path, String body, int status, String field, String rule) {
	}

	Map<String, Object> endpointRow(String id) {
		return jdbc().queryForMap("SELECT * FROM webhook_endpoint WHERE id = ?", id);
	}

	int endpointCount(String tenant) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM webhook_endpoint WHERE tenant_id = ?", Integer.class,
				tenant);
	}

	int deliveryCount(String endpointId) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ?", Integer.class,
				endpointId);
	}

	// a create that waits too long for its tenant's turn

	@Test
	void aCreateWaitingTooLongForItsTenantsTurnAnswers503WithRetryAfterAndCreatesNothing() throws Exception {
		// given another create of acme, in a transaction still open, holding the tenant's turn
		TenantTurnWaits.shorten(this.endpoints, Duration.ofMillis(300));
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService holder = Executors.newSingleThreadExecutor();
		try {
			Future<?> holding = holder.submit(() -> new TransactionTemplate(
					new DataSourceTransactionManager(this.dataSource)).executeWithoutResult((status) -> {
						this.endpoints.create("acme", EndpointRequest.of("https://hooks.example.com/holding"));
						held.countDown();
						awaitLatch(release);
						status.setRollbackOnly();
					}));
			assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			int before = endpointCount("acme");

			// when acme creates one through the API
			ApiClient.Response response = acme().post(BASE, "{\"url\":\"https://hooks.example.com/waited\"}");

			// then it is told to come back, not that the server failed
			assertProblem(response, 503, null, "concurrent-change");
			assertThat(response.header("Retry-After")).isEqualTo("2");
			JsonNode problem = response.json();
			assertThat(problem.get("title").asString()).isEqualTo("Service Unavailable");
			assertThat(problem.has("type")).isFalse();
			assertThat(problem.has("field")).isFalse();
			assertThat(problem.get("detail").asString())
				.isEqualTo("The tenant's endpoints are being changed by another request; retry in a few seconds");
			assertThat(response.body()).doesNotContain("acme", "Lock", "turn", "300");
			assertThat(endpointCount("acme")).isEqualTo(before);

			// and once the other create has completed, the retry goes through
			release.countDown();
			holding.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(acme().post(BASE, "{\"url\":\"https://hooks.example.com/waited\"}").status()).isEqualTo(201);
		}
		finally {
			release.countDown();
			holder.shutdown();
			TenantTurnWaits.restore(this.endpoints);
		}
	}

	static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void theOpenApiDocumentListsTheBusyAnswerOfACreate() {
		JsonNode document = acme().anonymous().get(BASE + "/openapi.json").json();

		JsonNode busy = document.at("/components/responses/ServiceUnavailable");
		assertThat(document.at("/paths/" + BASE.replace("/", "~1") + "/post/responses/503/$ref").asString())
			.isEqualTo("#/components/responses/ServiceUnavailable");
		assertThat(busy.at("/headers/Retry-After/schema/type").asString()).isEqualTo("integer");
		assertThat(busy.at("/content/application~1problem+json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
	}

	// the OpenAPI document

	@Test
	void theOpenApiDocumentAndTheRoutesAgreeBothWays() {
		ApiClient.Response response = acme().anonymous().get(BASE + "/openapi.json");
		assertThat(response.status()).isEqualTo(200);
		JsonNode document = response.json();
		assertThat(document.get("openapi").asString()).startsWith("3.1");
		java.util.Set<String> documented = new java.util.TreeSet<>();
		document.get("paths").properties().forEach((path) -> path.getValue().properties()
			.forEach((operation) -> documented.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " "
					+ path.getKey())));
		java.util.Set<String> routed = new java.util.TreeSet<>();
		this.handlerMapping.getHandlerMethods().forEach((info, method) -> {
			if (method.getBeanType().getPackageName().equals("dev.webhooks.api")) {
				info.getPathPatternsCondition().getPatternValues().forEach((pattern) -> info.getMethodsCondition()
					.getMethods().forEach((verb) -> routed.add(verb.name() + " " + pattern)));
			}
		});

		// the portal session filter answers the exchange and the logout itself, before any controller
		routed.add("POST " + BASE + PortalSessionFilter.EXCHANGE);
		routed.add("DELETE " + BASE + PortalSessionFilter.CURRENT);
		assertThat(normalise(documented)).containsExactlyInAnyOrderElementsOf(normalise(routed));
		String id = createEndpoint(acme(), "https://hooks.example.com/documented").get("id").asString();
		for (String operation : documented) {
			if (operation.endsWith("/stream")) {
				// an event stream stays open: DeliveryStreamContractTests calls it
				continue;
			}
			String method = operation.substring(0, operation.indexOf(' '));
			String path = operation.substring(operation.indexOf(' ') + 1).replace("{id}", id)
				.replace("{event_id}", "evt_documented");
			ApiClient.Response answer = acme().send(method, path, method.equals("GET") ? null : "{}",
					"application/json");
			assertThat(answer.status()).as("%s answers: %s", operation, answer).isNotEqualTo(405);
			if (answer.status() == 404) {
				assertThat(answer.text("/rule")).as("%s answers: %s", operation, answer).isEqualTo("not-found");
			}
		}
	}

	static java.util.Set<String> normalise(java.util.Set<String> operations) {
		java.util.Set<String> normalised = new java.util.TreeSet<>();
		operations.forEach((operation) -> normalised.add(operation.replaceAll("\\{[^}]+}", "{}")));
		return normalised;
	}

	// helpers

	String publish(String type, String id) {
		return this.publisher.publish(PublishRequest.builder(type).data(Map.of("id", id)).tenant("acme").build());
	}

	List<String> statuses(String endpointId) {
		List<String> statuses = new ArrayList<>();
		acme().get(BASE + "/" + endpointId + "/events?limit=250").json().get("data")
			.forEach((delivery) -> statuses.add(delivery.get("status").asString()));
		return statuses;
	}

	static List<String> reversed(List<String> list) {
		List<String> reversed = new ArrayList<>(list);
		java.util.Collections.reverse(reversed);
		return reversed;
	}

	static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("data").forEach((item) -> ids.add(item.get("id").asString()));
		return ids;
	}

	static JsonNode find(JsonNode items, String field, String value) {
		for (JsonNode item : items) {
			if (value.equals(item.get(field).asString())) {
				return item;
			}
		}
		throw new AssertionError("No item with " + field + "=" + value + " in " + items);
	}

	static void assertProblem(ApiClient.Response response, int status, String field, String rule) {
		assertThat(response.status()).as("%s", response).isEqualTo(status);
		assertThat(response.contentType()).as("%s", response).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("rule").asString()).as("%s", response).isEqualTo(rule);
		if (field != null) {
			assertThat(problem.get("field").asString()).as("%s", response).isEqualTo(field);
		}
		assertThat(problem.get("detail").asString()).isNotEmpty();
	}

	static JsonNode json(TestReceiver.Received request) {
		return new tools.jackson.databind.json.JsonMapper().readTree(request.body());
	}

	static void assertVerifies(String secret, TestReceiver.Received request) {
		assertThatNoException().isThrownBy(() -> verify(secret, request));
	}

	static void verify(String secret, TestReceiver.Received request) throws Exception {
		Map<String, List<String>> headers = new HashMap<>();
		request.headers().forEach((name, value) -> headers.put(name, List.of(value)));
		new com.svix.Webhook(secret).verify(new String(request.body(), StandardCharsets.UTF_8), headers);
	}

}
