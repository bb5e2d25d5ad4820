package dev.webhooks.recipes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.svix.Webhook;
import dev.webhooks.delivery.TestReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Checks a request against Svix's own Java library, the verifier Anon's and the media-task API's customers use.
 */
final class SvixVerifier {

	private SvixVerifier() {
	}

	/** Svix's {@code Webhook.verify}, which also checks that the timestamp is within five minutes of now. */
	static void verifies(TestReceiver.Received request, String secret) {
		Map<String, List<String>> headers = Map.of("svix-id", List.of(request.header("svix-id")), "svix-timestamp",
				List.of(request.header("svix-timestamp")), "svix-signature", List.of(request.header("svix-signature")));
		assertThatNoException().as("Svix's library verifies the request")
			.isThrownBy(() -> new Webhook(secret).verify(new String(request.body(), StandardCharsets.UTF_8), headers));
	}

	/** The signature Svix's library computes for the request's own id and timestamp, whenever it was sent. */
	static void signedForItsAttempt(TestReceiver.Received request, String secret) throws Exception {
		String expected = new Webhook(secret).sign(request.header("svix-id"),
				Long.parseLong(request.header("svix-timestamp")), new String(request.body(), StandardCharsets.UTF_8));
		assertThat(request.header("svix-signature")).isEqualTo(expected);
	}

}
