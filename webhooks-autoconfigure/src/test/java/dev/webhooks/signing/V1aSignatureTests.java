package dev.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.webhooks.signing.WebhookVerificationException.Reason;
import dev.webhooks.testsupport.NodeScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code v1a} signatures of {@link StandardWebhooksScheme}: alone, beside {@code v1}, and checked against an
 * independent ed25519 implementation, Node's built-in {@code crypto}, in both directions.
 */
class V1aSignatureTests {

	private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

	private static final Instant TIME = Instant.ofEpochSecond(1614265330);

	private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final StandardWebhooksScheme scheme = new StandardWebhooksScheme();

	private final Ed25519Key key = Ed25519Key.generate();

	@TempDir
	Path work;

	@Test
	void signsV1aWithAPrivateKeyAndVerifiesWithItsPublicKeyAlone() throws Exception {
		Map<String, String> headers = this.scheme.sign(ID, TIME, BODY, List.of(WebhookSecret.of(this.key)));

		assertThat(headers.get("webhook-signature")).startsWith("v1a,").hasSize("v1a,".length() + 88);
		VerifiedSignature verified = this.scheme.verify(WebhookHeaders.of(headers), BODY,
				List.of(WebhookSecret.parse(this.key.publicText())), TOLERANCE, TIME);
		assertThat(verified).isEqualTo(new VerifiedSignature(ID, TIME));
	}

	@Test
	void signsBothVersionsSpaceSeparatedAndEachVerifiesAlone() throws Exception {
		WebhookSecret hmac = WebhookSecret.generate();
		Map<String, String> headers = this.scheme.sign(ID, TIME, BODY, List.of(hmac, WebhookSecret.of(this.key)));

		assertThat(headers.get("webhook-signature")).matches("v1,[A-Za-z0-9+/=]{44} v1a,[A-Za-z0-9+/=]{88}");
		WebhookHeaders received = WebhookHeaders.of(headers);
		assertThat(this.scheme.verify(received, BODY, List.of(hmac), TOLERANCE, TIME).messageId()).isEqualTo(ID);
		assertThat(this.scheme.verify(received, BODY, List.of(WebhookSecret.of(this.key.publicKey())), TOLERANCE,
				TIME).messageId()).isEqualTo(ID);
	}

	@Test
	void rejectsABodyChangedByOneByte() {
		Map<String, String> headers = this.scheme.sign(ID, TIME, BODY, List.of(WebhookSecret.of(this.key)));
		byte[] changed = BODY.clone();
		changed[3] ^= 1;

		WebhookVerificationException ex = failure(headers, changed, List.of(WebhookSecret.of(this.key.publicKey())));

		assertThat(ex.getReason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
	}

	@Test
	void aPublicKeyDoesNotAcceptAV1SignatureNorAnotherKeysV1a() {
		WebhookSecret other = WebhookSecret.of(Ed25519Key.generate());
		Map<String, String> headers = this.scheme.sign(ID, TIME, BODY, List.of(WebhookSecret.generate(), other));

		WebhookVerificationException ex = failure(headers, BODY, List.of(WebhookSecret.of(this.key.publicKey())));

		assertThat(ex.getReason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
	}

	@Test
	void aSourceWithOnlyPublicKeysCallsAHeaderWithoutV1aMalformed() {
		Map<String, String> headers = this.scheme.sign(ID, TIME, BODY, List.of(WebhookSecret.generate()));

		WebhookVerificationException ex = failure(headers, BODY, List.of(WebhookSecret.of(this.key.publicKey())));

		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED_HEADER);
		assertThat(ex.getMessage()).isEqualTo("The webhook-signature header holds no v1a signature");
	}

	@Test
	void aV1aEntryThatIsNotBase64DoesNotHideAValidOne() throws Exception {
		String signature = this.scheme.signatures(ID, TIME.getEpochSecond(), BODY, List.of(WebhookSecret.of(this.key)));
		Map<String, String> headers = Map.of("webhook-id", ID, "webhook-timestamp", "1614265330", "webhook-signature",
				"v1a,not*base64! v1a,AAAA " + signature);

		assertThat(this.scheme.verify(WebhookHeaders.of(headers), BODY, List.of(WebhookSecret.of(this.key.publicKey())),
				TOLERANCE, TIME).timestamp()).isEqualTo(TIME);
	}

	@Test
	void aPublicKeyCannotSign() {
		List<WebhookSecret> publicOnly = List.of(WebhookSecret.of(this.key.publicKey()));

		IllegalArgumentException ex = catchThrowableOfType(IllegalArgumentException.class,
				() -> this.scheme.sign(ID, TIME, BODY, publicOnly));

		assertThat(ex).hasMessageContaining("cannot sign");
	}

	@Test
	void nodeVerifiesWhatWeSignInTheSvixLayout() throws Exception {
		NodeScript node = NodeScript.find("the v1a cross-check against Node's crypto");
		String signature = this.scheme.signatures(ID, TIME.getEpochSecond(), BODY, List.of(WebhookSecret.of(this.key)));

		String verdict = node.run("/signing/ed25519.mjs", this.work, "verify", this.key.publicText(),
				signature.substring("v1a,".length()), signedContent());

		assertThat(verdict).isEqualTo("true");
		byte[] tampered = BODY.clone();
		tampered[0] ^= 1;
		assertThat(node.run("/signing/ed25519.mjs", this.work, "verify", this.key.publicText(),
				signature.substring("v1a,".length()), b64(concat((ID + ".1614265330.").getBytes(), tampered))))
			.isEqualTo("false");
	}

	@Test
	void weVerifyWhatNodeSignsWithAKeyOfTheDerLayout() throws Exception {
		NodeScript node = NodeScript.find("the v1a cross-check against Node's crypto");
		String[] pair = node.run("/signing/ed25519.mjs", this.work, "generate").split(" ");
		String nodeSignature = node.run("/signing/ed25519.mjs", this.work, "sign", pair[0], signedContent());
		Map<String, String> headers = Map.of("webhook-id", ID, "webhook-timestamp", "1614265330", "webhook-signature",
				"v1a," + nodeSignature);

		// node wrote the 32-byte seed and the 44-byte SubjectPublicKeyInfo: the layouts of the DER-based libraries
		assertThat(Base64.getDecoder().decode(pair[1].substring(5))).hasSize(44);
		VerifiedSignature verified = this.scheme.verify(WebhookHeaders.of(headers), BODY,
				List.of(WebhookSecret.parse(pair[1])), TOLERANCE, TIME);
		assertThat(verified.messageId()).isEqualTo(ID);
		// and the seed it wrote signs here exactly as node signed: ed25519 is deterministic
		assertThat(this.scheme.signatures(ID, TIME.getEpochSecond(), BODY, List.of(WebhookSecret.parse(pair[0]))))
			.isEqualTo("v1a," + nodeSignature);
	}

	@Test
	void nodeSignsWithOurSvixLayoutPrivateKeyAsWeDo() throws Exception {
		NodeScript node = NodeScript.find("the v1a cross-check against Node's crypto");

		String nodeSignature = node.run("/signing/ed25519.mjs", this.work, "sign", this.key.reveal(), signedContent());

		assertThat("v1a," + nodeSignature).isEqualTo(
				this.scheme.signatures(ID, TIME.getEpochSecond(), BODY, List.of(WebhookSecret.of(this.key))));
	}

	private WebhookVerificationException failure(Map<String, String> headers, byte[] body, List<WebhookSecret> secrets) {
		return catchThrowableOfType(WebhookVerificationException.class,
				() -> this.scheme.verify(WebhookHeaders.of(headers), body, secrets, TOLERANCE, TIME));
	}

	private static String signedContent() {
		return b64(concat((ID + ".1614265330.").getBytes(StandardCharsets.US_ASCII), BODY));
	}

	private static String b64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] joined = new byte[first.length + second.length];
		System.arraycopy(first, 0, joined, 0, first.length);
		System.arraycopy(second, 0, joined, first.length, second.length);
		return joined;
	}

}
