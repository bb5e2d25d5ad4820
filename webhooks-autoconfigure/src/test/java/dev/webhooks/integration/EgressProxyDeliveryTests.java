package dev.webhooks.integration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.delivery.TinyProxy;
import dev.webhooks.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code webhooks.delivery.proxy} end to end: the auto-configured engine on a real database delivers through a
 * real tinyproxy process to a receiver on 127.0.0.1. Subclasses name the database.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class EgressProxyDeliveryTests extends ProviderAppTests {

	static final Duration WAIT = Duration.ofSeconds(30);

	EgressProxyDeliveryTests(TestDatabases databases) {
		super(databases);
	}

	@Test
	void deliversEveryWebhookThroughTheAuthenticatingProxy() throws Exception {
		TinyProxy proxy = proxy("hooks", "Pr0xy-Pa55");
		TestReceiver receiver = receiver();
		int port = Integer.parseInt(receiver.url().replaceAll(".*:(\\d+)/.*", "$1"));
		ProviderApp app = start("webhooks.delivery.proxy.url=" + proxy.url(),
				"webhooks.delivery.proxy.username=hooks", "webhooks.delivery.proxy.password=Pr0xy-Pa55");
		String endpoint = app.endpoint("http://localhost:" + port + "/via-proxy").endpoint().id();

		String first = app.publish("migration.completed", Map.of("n", 1));
		String second = app.publish("migration.completed", Map.of("n", 2));

		await().atMost(WAIT).until(() -> receiver.count() == 2);
		assertThat(receiver.requests()).extracting((request) -> request.header("webhook-id"))
			.containsExactlyInAnyOrder(first, second);
		assertThat(receiver.requests()).allSatisfy((request) -> assertThat(request.header("host"))
			.isEqualTo("localhost:" + port));
		assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + port);
		await().atMost(WAIT).untilAsserted(() -> assertThat(app.deliveryStatus(second, endpoint)).isEqualTo("SUCCEEDED"));
	}

	@Test
	void aProxyThatRefusesTheCredentialsGivesAFailedAttemptThatNeverShowsThePassword(CapturedOutput output)
			throws Exception {
		TinyProxy proxy = proxy("hooks", "Pr0xy-Pa55");
		TestReceiver receiver = receiver();
		String wrong = "Wr0ng-" + System.nanoTime();
		ProviderApp app = start("webhooks.delivery.proxy.url=" + proxy.url(),
				"webhooks.delivery.proxy.username=hooks", "webhooks.delivery.proxy.password=" + wrong);
		String endpoint = app.endpoint(receiver.url("/refused")).endpoint().id();

		String event = app.publish("migration.completed", Map.of("n", 1));

		await().atMost(WAIT).until(() -> !errors(app, event, endpoint).isEmpty());
		assertThat(errors(app, event, endpoint)).first().asString()
			.contains("egress proxy")
			.contains("refused the tunnel")
			.doesNotContain(wrong);
		assertThat(app.jdbc().queryForObject("SELECT status_code FROM webhook_attempt a JOIN webhook_delivery d ON "
				+ "d.id = a.delivery_id WHERE d.event_id = ? AND d.endpoint_id = ? ORDER BY a.attempt_number FETCH FIRST 1 ROWS ONLY",
				Integer.class, event, endpoint)).isZero();
		assertThat(receiver.requests()).isEmpty();
		assertThat(output.getAll()).doesNotContain(wrong);
	}

	private static List<String> errors(ProviderApp app, String event, String endpoint) {
		return app.jdbc().queryForList("SELECT a.error FROM webhook_attempt a JOIN webhook_delivery d ON "
				+ "d.id = a.delivery_id WHERE d.event_id = ? AND d.endpoint_id = ? ORDER BY a.attempt_number",
				String.class, event, endpoint);
	}

	private TinyProxy proxy(String username, String password) throws Exception {
		return this.apps.closing(TinyProxy.start(username, password));
	}

	private TestReceiver receiver() throws Exception {
		return receiver(TestReceiver.answering(200));
	}

}
