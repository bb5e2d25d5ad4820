package dev.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WebhookSecretTests {

	private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	@Test
	void parsesTheSpecSecretToItsBase64Bytes() {
		WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);

		assertThat(secret.key()).isEqualTo(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
		assertThat(secret.key()).hasSize(24);
		assertThat(secret.reveal()).isEqualTo(SPEC_SECRET);
	}

	@Test
	void generatedSecretParsesBackToTheSameKey() {
		WebhookSecret generated = WebhookSecret.generate();

		WebhookSecret parsed = WebhookSecret.parse(generated.reveal());

		assertThat(generated.reveal()).startsWith("whsec_");
		assertThat(generated.key()).hasSize(WebhookSecret.DEFAULT_KEY_BYTES);
		assertThat(parsed).isEqualTo(generated);
		assertThat(WebhookSecret.generate()).isNotEqualTo(generated);
	}

	@Test
	void generateRefusesKeyLengthsOutsideTheRange() {
		assertThat(WebhookSecret.generate(24).key()).hasSize(24);
		assertThat(WebhookSecret.generate(64).key()).hasSize(64);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> WebhookSecret.generate(23));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> WebhookSecret.generate(65));
	}

	@Test
	void refusesAnEmptyValue() {
		for (String empty : new String[] { null, "", "   " }) {
			assertThatExceptionOfType(InvalidWebhookSecretException.class).isThrownBy(() -> WebhookSecret.parse(empty))
				.withMessage("The webhook secret is empty");
		}
	}

	@Test
	void refusesABarePrefix() {
		assertThatExceptionOfType(InvalidWebhookSecretException.class).isThrownBy(() -> WebhookSecret.parse("whsec_"))
			.withMessage("The webhook secret has nothing after 'whsec_'");
	}

	@Test
	void refusesBadBase64() {
		assertThatExceptionOfType(InvalidWebhookSecretException.class)
			.isThrownBy(() -> WebhookSecret.parse("whsec_not*base64!at~all"))
			.withMessage("The webhook secret is not valid base64 after 'whsec_'");
	}

	@Test
	void refusesTooFewBytes() {
		String sixteenBytes = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);

		assertThatExceptionOfType(InvalidWebhookSecretException.class)
			.isThrownBy(() -> WebhookSecret.parse(sixteenBytes))
			.withMessage("The webhook secret decodes to 16 bytes; at least 24 are required");
	}

	@Test
	void refusesTooManyBytes() {
		String sixtyFiveBytes = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);

		assertThatExceptionOfType(InvalidWebhookSecretException.class)
			.isThrownBy(() -> WebhookSecret.parse(sixtyFiveBytes))
			.withMessage("The webhook secret decodes to 65 bytes; at most 64 are allowed");
	}

	@Test
	void refusesAValueWithoutThePrefix() {
		assertThatExceptionOfType(InvalidWebhookSecretException.class)
			.isThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
			.withMessage("The webhook secret does not start with 'whsec_'");
	}

	@Test
	void eachRefusalSaysWhatIsWrongWithoutEchoingTheValue() {
		List<String> invalid = List.of("", "whsec_", "whsec_not*base64!at~all",
				"whsec_" + Base64.getEncoder().encodeToString("sixteen byte key".getBytes(StandardCharsets.US_ASCII)));
		Set<String> messages = new HashSet<>();

		for (String value : invalid) {
			InvalidWebhookSecretException ex = catchThrowableOfType(InvalidWebhookSecretException.class,
					() -> WebhookSecret.parse(value));
			messages.add(ex.getMessage());
			if (value.length() > "whsec_".length()) {
				assertThat(ex.getMessage()).doesNotContain(value.substring("whsec_".length()));
			}
		}

		assertThat(messages).hasSize(invalid.size());
	}

	@Test
	void toStringNeverShowsTheKey() {
		WebhookSecret standard = WebhookSecret.parse(SPEC_SECRET);
		WebhookSecret text = WebhookSecret.ofText("sk_live_anvil_text_secret");

		assertThat(standard.toString()).isEqualTo("WebhookSecret[whsec_*****]")
			.doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
		assertThat(text.toString()).isEqualTo("WebhookSecret[*****]").doesNotContain("anvil");
		assertThat(List.of(standard, text).toString()).doesNotContain("MfKQ").doesNotContain("anvil");
	}

	@Test
	void textSecretUsesItsUtf8TextAsTheKey() {
		WebhookSecret secret = WebhookSecret.ofText("  s3cr\u00e9t  ");

		assertThat(secret.key()).isEqualTo("s3cr\u00e9t".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(InvalidWebhookSecretException.class).isThrownBy(() -> WebhookSecret.ofText(" "));
	}

	@Test
	void hmacSha256IsTheJdkMacOfTheConcatenatedParts() throws Exception {
		WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));

		byte[] expected = mac.doFinal("a.b.c".getBytes(StandardCharsets.US_ASCII));

		assertThat(secret.hmacSha256("a.".getBytes(StandardCharsets.US_ASCII), "b".getBytes(StandardCharsets.US_ASCII),
				".c".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo(expected);
	}

	@Test
	void keyReturnsACopy() {
		WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);

		secret.key()[0] ^= 1;

		assertThat(secret).isEqualTo(WebhookSecret.parse(SPEC_SECRET));
	}

	@Test
	void textKeyedSignsWithTheSecretTextAsTheReceiverOfATextKeyedSchemeDoes() throws Exception {
		WebhookSecret secret = WebhookSecret.generate();
		byte[] message = "1713420013.{}".getBytes(StandardCharsets.UTF_8);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

		WebhookSecret keyed = secret.textKeyed();

		assertThat(keyed.hmacSha256(message)).isEqualTo(mac.doFinal(message));
		assertThat(keyed.reveal()).isEqualTo(secret.reveal());
		assertThat(secret.textKeyed()).isSameAs(keyed);
		WebhookSecret text = WebhookSecret.ofText("anvil_secret_1");
		assertThat(text.textKeyed()).isSameAs(text);
	}

}
