package dev.webhooks.integration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.webhooks.endpoint.CreatedEndpoint;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.integration.V1aReceiverApplication.Received;
import dev.webhooks.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code v1a} end to end: an endpoint created to sign {@code v1} and {@code v1a} delivers over real HTTP to a
 * receiving application whose source knows only the endpoint's public key, and its listener is called; the
 * endpoint's private key lives in the provider's database only. Subclasses name the provider's database.
 */
abstract class V1aDeliveryTests extends ProviderAppTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	V1aDeliveryTests(TestDatabases databases) {
		super(databases, "webhooks.delivery.retry.schedule=0s,200ms",
				"webhooks.delivery.outcome-flush-interval=20ms", "webhooks.store.encryption-keys[0]=" + ENCRYPTION_KEY);
	}

	@Test
	void anEndpointSigningBothVersionsIsVerifiedByAReceiverThatHasOnlyItsPublicKey() throws Exception {
		ProviderApp provider = provider();
		CreatedEndpoint created = provider.endpoints().create(null, new EndpointRequest("http://127.0.0.1:9/none",
				null, List.of("migration.completed"), Map.of(), null, null, null, null, null, List.of("v1", "v1a")));
		String publicKey = created.endpoint().publicKey();
		ConfigurableApplicationContext receiver = receiver("webhooks.receiver.sources.provider.public-keys[0]="
				+ publicKey);
		String url = "http://127.0.0.1:" + port(receiver) + "/webhooks/incoming/provider";
		provider.endpoints().update(null, created.endpoint().id(), new EndpointRequest(url, null, null, null, null));

		String eventId = provider.publish("migration.completed", Map.of("id", "mig_1"));

		Received received = receiver.getBean(Received.class);
		await().atMost(WAIT).until(() -> received.messages.size() == 1);
		assertThat(received.messages.get(0).id()).isEqualTo(eventId);
		String signature = received.messages.get(0).headers().getFirst("webhook-signature");
		assertThat(signature).matches("v1,\\S{44} v1a,\\S{88}");
		await().atMost(WAIT).until(() -> "SUCCEEDED".equals(provider.deliveryStatus(eventId,
				created.endpoint().id())));
		String stored = provider.jdbc().queryForObject("SELECT secrets FROM webhook_endpoint WHERE id = ?",
				String.class, created.endpoint().id());
		assertThat(stored).as("the private key is stored encrypted, never as text")
			.doesNotContain(created.endpoint().secrets().get(1).secret().reveal().substring(5));
	}

	@Test
	void aReceiverWithAnotherPublicKeyRejectsTheDeliveryAndTheListenerIsNotCalled() throws Exception {
		ProviderApp provider = provider();
		CreatedEndpoint created = provider.endpoints().create(null, new EndpointRequest("http://127.0.0.1:9/none",
				null, List.of("migration.completed"), Map.of(), null, null, null, null, null, List.of("v1a")));
		String otherKey = dev.webhooks.signing.Ed25519Key.generate().publicText();
		ConfigurableApplicationContext receiver = receiver("webhooks.receiver.sources.provider.public-keys[0]="
				+ otherKey);
		String url = "http://127.0.0.1:" + port(receiver) + "/webhooks/incoming/provider";
		WebhookEndpoint endpoint = provider.endpoints()
			.update(null, created.endpoint().id(), new EndpointRequest(url, null, null, null, null));

		String eventId = provider.publish("migration.completed", Map.of("id", "mig_1"));

		await().atMost(WAIT).until(() -> !provider.attempts(eventId, endpoint.id()).isEmpty());
		assertThat(((Number) provider.attempts(eventId, endpoint.id()).get(0).get("status_code")).intValue())
			.isEqualTo(401);
		assertThat(receiver.getBean(Received.class).messages).isEmpty();
	}

	private ProviderApp provider() {
		return start();
	}

	private ConfigurableApplicationContext receiver(String keyProperty) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(V1aReceiverApplication.class)
			.run("--server.port=0", "--spring.main.banner-mode=off", "--" + keyProperty,
					"--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"--webhooks.store.initialize-schema=always");
		this.apps.closing(context);
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static final String ENCRYPTION_KEY = "PHnrma+w9apcC0hj/8cOxsYwU8dMqyAu9Io06UuExss=";

}
