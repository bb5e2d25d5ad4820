package dev.webhooks.signing;

/**
 * Thrown when a request does not verify. The {@link Reason} tells a receiver which status and metric tag to
 * use; the message says what was wrong and never contains a secret or an expected signature.
 */
public class WebhookVerificationException extends Exception {

	private final Reason reason;

	public WebhookVerificationException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Why verification failed.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/** Why a request did not verify. */
	public enum Reason {

		/** A header the scheme needs is absent. */
		MISSING_HEADER,

		/** A header is present but cannot be read (not a number, no signature of a known version). */
		MALFORMED_HEADER,

		/** The timestamp is further from now than the tolerance, in either direction. */
		TIMESTAMP_OUT_OF_TOLERANCE,

		/** No signature matches any of the secrets. */
		SIGNATURE_MISMATCH

	}

}
