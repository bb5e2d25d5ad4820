package dev.webhooks.receive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.webhooks.signing.Ed25519Key;
import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.WebhookHeaders;
import dev.webhooks.signing.WebhookSecret;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A source's {@code public-keys} ({@code webhooks.receiver.sources.<name>.public-keys}): beside or instead of its
 * secrets, and refused where a receiver would be holding a private key.
 */
class WebhookSourcePublicKeysTests {

	private final Ed25519Key key = Ed25519Key.generate();

	@Test
	void aSourceWithOnlyAPublicKeyVerifiesTheSendersV1aSignature() throws Exception {
		WebhookSource source = settings(List.of(), List.of(this.key.publicText()), null).toSource(null, List.of());
		Instant now = Instant.now();
		byte[] body = "{}".getBytes();
		var headers = new StandardWebhooksScheme().sign("msg_1", now, body, List.of(WebhookSecret.of(this.key)));

		assertThat(source.scheme().verify(WebhookHeaders.of(headers), body, source.secrets(), Duration.ofMinutes(5),
				now).messageId()).isEqualTo("msg_1");
		assertThat(source.secrets()).singleElement().satisfies((secret) -> assertThat(secret.ed25519().isPrivate())
			.isFalse());
	}

	@Test
	void secretsAndPublicKeysVerifyTogether() {
		WebhookSource source = settings(List.of(WebhookSecret.generate().reveal()), List.of(this.key.publicText()),
				null).toSource(null, List.of());

		assertThat(source.secrets()).extracting(WebhookSecret::version).containsExactly("v1", "v1a");
	}

	@Test
	void refusesAPrivateKeyAsAPublicKeyOrAsASecret() {
		assertThatIllegalStateException()
			.isThrownBy(() -> settings(List.of(), List.of(this.key.reveal()), null).toSource(null, List.of()))
			.withMessageContaining("webhooks.receiver.sources.partner.public-keys[0] is not an ed25519 public key")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(this.key.reveal().substring(5)));
		assertThatIllegalStateException()
			.isThrownBy(() -> settings(List.of(this.key.publicText()), List.of(), null).toSource(null, List.of()))
			.withMessageContaining("webhooks.receiver.sources.partner.secrets[0] is an ed25519 key")
			.withMessageContaining(".public-keys");
	}

	@Test
	void refusesAMalformedPublicKeyAndPublicKeysWithAnotherScheme() {
		assertThatIllegalStateException()
			.isThrownBy(() -> settings(List.of(), List.of("whpk_AAAA"), null).toSource(null, List.of()))
			.withMessageContaining("public-keys[0] is not a valid public key");
		assertThatIllegalStateException()
			.isThrownBy(() -> settings(List.of("text-secret"), List.of(this.key.publicText()), "timestamped-hex")
				.toSource(null, List.of()))
			.withMessageContaining("timestamped-hex scheme has none");
	}

	@Test
	void aSourceWithNeitherSaysBothPropertiesAreEmpty() {
		assertThatIllegalStateException().isThrownBy(() -> settings(List.of(), List.of(), null).toSource(null, List.of()))
			.withMessageContaining("secrets is empty and so is webhooks.receiver.sources.partner.public-keys");
	}

	private static WebhookSourceSettings settings(List<String> secrets, List<String> publicKeys, String scheme) {
		return new WebhookSourceSettings("partner", secrets, publicKeys, scheme, null, null, Duration.ofMinutes(5),
				DataSize.ofKilobytes(256), null, false);
	}

}
