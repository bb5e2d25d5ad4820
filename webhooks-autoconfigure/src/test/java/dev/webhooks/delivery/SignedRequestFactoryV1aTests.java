package dev.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.webhooks.signing.Ed25519Key;
import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.TimestampedHexScheme;
import dev.webhooks.signing.WebhookSecret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The request of an endpoint with a {@code v1a} key: both signatures with Standard Webhooks, the {@code v1}
 * secrets alone with any other scheme.
 */
class SignedRequestFactoryV1aTests {

	private static final Instant ATTEMPT = Instant.parse("2026-01-01T00:00:00Z");

	private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);

	private final WebhookSecret hmac = WebhookSecret.generate();

	private final WebhookSecret key = WebhookSecret.of(Ed25519Key.generate());

	@Test
	void standardWebhooksSendsV1AndV1aInOneHeader() {
		SignedRequestFactory factory = new SignedRequestFactory(false, "test");

		WebhookRequest request = factory.create(task(this.hmac, this.key), ATTEMPT);

		assertThat(request.headers().get("webhook-signature")).matches("v1,\\S{44} v1a,\\S{88}");
	}

	@Test
	void anotherSchemeSignsWithTheV1SecretsAlone() {
		SignedRequestFactory factory = new SignedRequestFactory(new TimestampedHexScheme(),
				new SignedRequestFactory.Settings("test", Map.of(), false, null));

		WebhookRequest request = factory.create(task(this.hmac, this.key), ATTEMPT);

		assertThat(request.headers().get(TimestampedHexScheme.DEFAULT_SIGNATURE_HEADER)).matches("t=\\d+,v1=[0-9a-f]{64}");
	}

	@Test
	void anotherSchemeRefusesAnEndpointThatSignsV1aOnly() {
		SignedRequestFactory factory = new SignedRequestFactory(new TimestampedHexScheme(),
				new SignedRequestFactory.Settings("test", Map.of(), false, null));

		assertThatIllegalArgumentException().isThrownBy(() -> factory.create(task(this.key), ATTEMPT))
			.withMessageContaining("signs v1a only");
	}

	@Test
	void standardWebhooksSignsAV1aOnlyEndpoint() {
		WebhookRequest request = new SignedRequestFactory(false, "test").create(task(this.key), ATTEMPT);

		assertThat(request.headers().get(StandardWebhooksScheme.SIGNATURE_HEADER)).startsWith("v1a,");
	}

	private static DeliveryTask task(WebhookSecret... secrets) {
		return new DeliveryTask("dl_1", "evt_01HXAB", "lead.created", null, ATTEMPT, BODY, "ep_1",
				"https://example.com/hook", Map.of(), List.of(secrets), 0);
	}

}
