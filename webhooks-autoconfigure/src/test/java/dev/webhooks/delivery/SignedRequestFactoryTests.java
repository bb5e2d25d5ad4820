package dev.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.TimestampedHexScheme;
import dev.webhooks.signing.VerifiedSignature;
import dev.webhooks.signing.WebhookHeaders;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.signing.WebhookSignatureScheme;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link SignedRequestFactory}: the headers of one attempt for each kind of scheme, what custom and configured
 * headers may and may not replace, and what the delivery log is told about the signature.
 */
class SignedRequestFactoryTests {

	private static final Instant ATTEMPT = Instant.ofEpochSecond(1713420013);

	private static final byte[] BODY = "{\"id\":\"evt_01HXAB\",\"type\":\"lead.created\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final WebhookSecret current = WebhookSecret.generate();

	private final WebhookSecret old = WebhookSecret.generate();

	@Test
	void theDefaultSendsTheStandardHeadersInTheOrderItAlwaysHas() {
		SignedRequestFactory factory = new SignedRequestFactory(false, "agent/1");

		WebhookRequest request = factory.create(task(Map.of("X-Tenant", "42")), ATTEMPT);

		String signatures = new StandardWebhooksScheme().signatures("evt_01HXAB", ATTEMPT.getEpochSecond(), BODY,
				List.of(this.current));
		assertThat(new ArrayList<>(request.headers().entrySet())).containsExactly(Map.entry("X-Tenant", "42"),
				Map.entry("user-agent", "agent/1"), Map.entry("content-type", "application/json"),
				Map.entry("webhook-id", "evt_01HXAB"), Map.entry("webhook-timestamp", "1713420013"),
				Map.entry("webhook-signature", signatures));
		assertThat(request.signature())
			.isEqualTo(new AttemptSignature("standard-webhooks", "webhook-id,webhook-timestamp,webhook-signature"));
	}

	@Test
	void standardWebhooksUnderSvixNamesSendsOnlyThoseNames() {
		SignedRequestFactory factory = new SignedRequestFactory(
				new StandardWebhooksScheme("svix-id", "svix-timestamp", "svix-signature"), settings(Map.of(), null));

		WebhookRequest request = factory.create(task(Map.of()), ATTEMPT);

		assertThat(request.headers()).containsOnlyKeys("user-agent", "content-type", "svix-id", "svix-timestamp",
				"svix-signature");
		assertThat(request.headers().get("svix-signature")).isEqualTo(new StandardWebhooksScheme()
			.signatures("evt_01HXAB", ATTEMPT.getEpochSecond(), BODY, List.of(this.current)));
		assertThat(request.signature().headers()).isEqualTo("svix-id,svix-timestamp,svix-signature");
	}

	@Test
	void timestampedHexSignsEveryValidSecretCurrentFirstKeyedWithTheSecretText() throws Exception {
		SignedRequestFactory factory = new SignedRequestFactory(
				new TimestampedHexScheme("Anvil-Signature", "Anvil-Event-Id"), settings(Map.of(), null));

		WebhookRequest request = factory.create(task(Map.of(), this.current, this.old), ATTEMPT);

		assertThat(request.headers()).containsEntry("Anvil-Event-Id", "evt_01HXAB")
			.containsEntry("Anvil-Signature",
					"t=1713420013,v1=" + hexHmac(this.current.reveal()) + ",v1=" + hexHmac(this.old.reveal()))
			.doesNotContainKeys("webhook-id", "webhook-signature", "webhook-timestamp");
		assertThat(request.signature())
			.isEqualTo(new AttemptSignature("timestamped-hex", "Anvil-Event-Id,Anvil-Signature"));
	}

	@Test
	void anEndpointsCustomHeadersCannotReplaceTheSchemesHeadersInAnyCase() {
		SignedRequestFactory hex = new SignedRequestFactory(
				new TimestampedHexScheme("Anvil-Signature", "Anvil-Event-Id"), settings(Map.of(), null));
		SignedRequestFactory own = new SignedRequestFactory(new FixedScheme(), settings(Map.of(), null));
		Map<String, String> custom = Map.of("anvil-signature", "t=1,v1=00", "ANVIL-EVENT-ID", "evt_forged",
				"x-own-signature", "forged", "X-Kept", "yes");

		WebhookRequest hexRequest = hex.create(task(custom), ATTEMPT);
		WebhookRequest ownRequest = own.create(task(custom), ATTEMPT);

		assertThat(hexRequest.headers()).doesNotContainKeys("anvil-signature", "ANVIL-EVENT-ID")
			.containsEntry("X-Kept", "yes").containsEntry("Anvil-Event-Id", "evt_01HXAB");
		assertThat(ownRequest.headers()).doesNotContainKey("x-own-signature")
			.containsEntry("X-Own-Signature", "signed").containsEntry("X-Kept", "yes");
	}

	@Test
	void configuredHeadersGoToEveryEndpointUnlessItSetsItsOwn() {
		SignedRequestFactory factory = new SignedRequestFactory(new StandardWebhooksScheme(),
				settings(Map.of("Accept", "*/*", "X-Sender", "anon"), null));

		WebhookRequest plain = factory.create(task(Map.of()), ATTEMPT);
		WebhookRequest overriding = factory.create(task(Map.of("accept", "application/json")), ATTEMPT);

		assertThat(plain.headers()).containsEntry("Accept", "*/*").containsEntry("X-Sender", "anon");
		assertThat(overriding.headers()).containsEntry("accept", "application/json").doesNotContainKey("Accept")
			.containsEntry("X-Sender", "anon");
	}

	@Test
	void aMessageIdPrefixReplacesTheEventIdsOwnInWhatIsSignedAndSent() throws Exception {
		SignedRequestFactory factory = new SignedRequestFactory(new StandardWebhooksScheme(),
				settings(Map.of(), "msg_"));

		WebhookRequest request = factory.create(task(Map.of()), ATTEMPT);

		assertThat(request.headers()).containsEntry("webhook-id", "msg_01HXAB");
		VerifiedSignature verified = new StandardWebhooksScheme().verify(WebhookHeaders.of(request.headers()), BODY,
				List.of(this.current), java.time.Duration.ofMinutes(5), ATTEMPT);
		assertThat(verified.messageId()).isEqualTo("msg_01HXAB");
	}

	@Test
	void aSchemeOfTheApplicationsOwnIsRecordedWithTheHeadersItSent() {
		SignedRequestFactory factory = new SignedRequestFactory(new FixedScheme(), settings(Map.of(), null));

		AttemptSignature first = factory.create(task(Map.of()), ATTEMPT).signature();
		AttemptSignature second = factory.create(task(Map.of()), ATTEMPT.plusSeconds(5)).signature();

		assertThat(first).isEqualTo(new AttemptSignature("fixed", "X-Own-Timestamp,X-Own-Signature"));
		assertThat(second).as("the same names are not joined again").isSameAs(first);
	}

	@Test
	void refusesSvixCopiesWithAnotherSchemeAndConfiguredHeadersTheEngineSets() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SignedRequestFactory(new TimestampedHexScheme(),
					new SignedRequestFactory.Settings("agent/1", Map.of(), true, null)))
			.withMessageContaining("cannot be sent with the timestamped-hex scheme");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SignedRequestFactory(new TimestampedHexScheme("Anvil-Signature", "Anvil-Event-Id"),
					settings(Map.of("anvil-signature", "x"), null)))
			.withMessageContaining("The header anvil-signature is set by the delivery engine");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Map.of("User-Agent", "x"), null))
			.withMessageContaining("user-agent has a setting of its own");
	}

	private static SignedRequestFactory.Settings settings(Map<String, String> headers, String messageIdPrefix) {
		return new SignedRequestFactory.Settings("agent/1", headers, false, messageIdPrefix);
	}

	private DeliveryTask task(Map<String, String> headers, WebhookSecret... secrets) {
		List<WebhookSecret> signing = (secrets.length > 0) ? List.of(secrets) : List.of(this.current);
		return new DeliveryTask("dl_1", "evt_01HXAB", "lead.created", "tnt_1", ATTEMPT, BODY, "ep_1",
				"https://example.com/hook", new LinkedHashMap<>(headers), signing, 0);
	}

	/** HMAC-SHA256 of {@code <seconds>.<body>} keyed with the text, as Anvil's documented verifier computes it. */
	private static String hexHmac(String secretText) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secretText.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update((ATTEMPT.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(mac.doFinal(BODY));
	}

	/** A scheme of an application's own, with headers the factory cannot know before it signs. */
	private static final class FixedScheme implements WebhookSignatureScheme {

		@Override
		public String name() {
			return "fixed";
		}

		@Override
		public Map<String, String> sign(String messageId, Instant timestamp, byte[] body,
				List<WebhookSecret> secrets) {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("X-Own-Timestamp", Long.toString(timestamp.getEpochSecond()));
			headers.put("X-Own-Signature", "signed");
			return headers;
		}

		@Override
		public VerifiedSignature verify(WebhookHeaders headers, byte[] body, List<WebhookSecret> secrets,
				java.time.Duration tolerance, Instant now) {
			throw new UnsupportedOperationException("only signs, in this test");
		}

	}

}
