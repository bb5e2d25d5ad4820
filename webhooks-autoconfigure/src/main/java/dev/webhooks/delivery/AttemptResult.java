package dev.webhooks.delivery;

/**
 * What one attempt led to, as counted by the metrics ({@code outcome} tag).
 */
public enum AttemptResult {

	/** A 2xx: the delivery succeeded. */
	DELIVERED("delivered"),

	/** A retryable failure with attempts left: the delivery is pending again. */
	RETRIED("retried"),

	/** A failure that is not retried (4xx other than 408 and 429, a refused URL). */
	FAILED("failed"),

	/** A retryable failure on the last attempt: the delivery is dead. */
	DEAD("dead");

	private final String tag;

	AttemptResult(String tag) {
		this.tag = tag;
	}

	/**
	 * The value of the {@code outcome} metric tag.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

}
