package dev.webhooks.signing;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A way of signing a webhook request and of verifying one. Implement it to support a sender with a scheme of
 * its own; {@link StandardWebhooksScheme} and {@link TimestampedHexScheme} are the two built in.
 */
public interface WebhookSignatureScheme {

	/**
	 * The name used in configuration, for example {@code standard-webhooks}.
	 * @return the name
	 */
	String name();

	/**
	 * Turn configured secret text into a secret for this scheme.
	 * @param value the configured text
	 * @return the secret
	 * @throws InvalidWebhookSecretException when the text is not a secret this scheme can use
	 */
	default WebhookSecret parseSecret(String value) {
		return WebhookSecret.parse(value);
	}

	/**
	 * Sign a request body.
	 * @param messageId the message id, identical across retries
	 * @param timestamp the attempt's time
	 * @param body the exact bytes that will be sent
	 * @param secrets every secret currently valid for the endpoint; each contributes a signature
	 * @return the headers to send, in order
	 */
	Map<String, String> sign(String messageId, Instant timestamp, byte[] body, List<WebhookSecret> secrets);

	/**
	 * Verify a received request.
	 * @param headers the request headers
	 * @param body the exact bytes received
	 * @param secrets the secrets of the source; any one of them verifies
	 * @param tolerance the largest accepted distance between the signed timestamp and {@code now}, either way
	 * @param now the current time
	 * @return what the signature vouches for
	 * @throws WebhookVerificationException saying why the request does not verify
	 */
	VerifiedSignature verify(WebhookHeaders headers, byte[] body, List<WebhookSecret> secrets, Duration tolerance,
			Instant now) throws WebhookVerificationException;

	/**
	 * Read a signed unix timestamp in seconds; shared by the schemes that sign one.
	 * @param text the value as received
	 * @param where what carried it, for the message, for example {@code the webhook-timestamp header}
	 * @return the instant
	 * @throws WebhookVerificationException when the value is not a plain number of seconds the JDK can represent
	 */
	static Instant parseTimestamp(String text, String where) throws WebhookVerificationException {
		// a loop rather than chars().allMatch: this runs on every received webhook, and the stream cost more than
		// the rest of the parse
		String digits = text.strip();
		int length = digits.length();
		boolean plain = length > 0 && length <= 18;
		for (int i = 0; plain && i < length; i++) {
			char c = digits.charAt(i);
			plain = c >= '0' && c <= '9';
		}
		if (!plain) {
			throw new WebhookVerificationException(WebhookVerificationException.Reason.MALFORMED_HEADER,
					"The timestamp in " + where + " is not a unix timestamp in seconds");
		}
		try {
			return Instant.ofEpochSecond(Long.parseLong(digits));
		}
		catch (DateTimeException ex) {
			// 18 digits fit a long but not always an Instant; such a value is no real timestamp either
			throw new WebhookVerificationException(WebhookVerificationException.Reason.MALFORMED_HEADER,
					"The timestamp in " + where + " is out of range");
		}
	}

	/**
	 * Check the distance between a signed timestamp and now; shared by the schemes that sign a timestamp.
	 * @param timestamp the signed time
	 * @param tolerance the largest distance accepted
	 * @param now the current time
	 * @throws WebhookVerificationException when the distance is larger
	 */
	static void checkTimestamp(Instant timestamp, Duration tolerance, Instant now) throws WebhookVerificationException {
		// whole seconds a second inside the tolerance are inside it whatever the nanoseconds: no Duration to make
		if (Math.abs(now.getEpochSecond() - timestamp.getEpochSecond()) + 1 < tolerance.getSeconds()) {
			return;
		}
		Duration distance = Duration.between(timestamp, now).abs();
		if (distance.compareTo(tolerance) > 0) {
			String direction = timestamp.isBefore(now) ? "old" : "far in the future";
			throw new WebhookVerificationException(WebhookVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE,
					"The webhook timestamp is " + distance.toSeconds() + " s " + direction + "; the tolerance is "
							+ tolerance.toSeconds() + " s");
		}
	}

}
