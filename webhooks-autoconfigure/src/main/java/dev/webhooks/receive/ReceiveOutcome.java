package dev.webhooks.receive;

import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * What became of a received request, with the status it is answered with and the tag it is counted under.
 */
public enum ReceiveOutcome {

	/** Verified and every matching listener succeeded. */
	VERIFIED(HttpStatus.NO_CONTENT),

	/** Verified, stored and handed to the listeners to run after the answer (asynchronous source). */
	ACCEPTED(HttpStatus.ACCEPTED),

	/** Verified, but no listener handles its type. */
	IGNORED(HttpStatus.NO_CONTENT),

	/** Verified, and its id was handled before. */
	DUPLICATE(HttpStatus.OK),

	/** Verified, and another request with the same id is being handled right now; the sender should retry. */
	IN_PROGRESS(HttpStatus.CONFLICT),

	/** A signature header is missing or malformed, or no signature matches. */
	REJECTED_SIGNATURE(HttpStatus.UNAUTHORIZED),

	/** The signed timestamp is outside the tolerance. */
	REJECTED_TIMESTAMP(HttpStatus.UNAUTHORIZED),

	/** The body is larger than the source allows. */
	TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),

	/** The body is not a JSON object with a {@code type}. */
	BAD_REQUEST(HttpStatus.BAD_REQUEST),

	/** No source is configured at the path. */
	UNKNOWN_SOURCE(HttpStatus.NOT_FOUND),

	/** A listener threw; the id is not recorded as handled, so the sender's retry is handled again. */
	LISTENER_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),

	/** An asynchronous source could not take more work right now. */
	OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE);

	private final HttpStatus status;

	ReceiveOutcome(HttpStatus status) {
		this.status = status;
	}

	/**
	 * The status the request is answered with.
	 * @return the status
	 */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * The metric tag, for example {@code rejected_signature}.
	 * @return the tag
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
