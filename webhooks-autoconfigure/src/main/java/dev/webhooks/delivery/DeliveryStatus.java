package dev.webhooks.delivery;

/**
 * Where a delivery (one event to one endpoint) stands.
 */
public enum DeliveryStatus {

	/** Not yet delivered; due at its {@code next_attempt_at}. */
	PENDING,

	/** A 2xx was received. */
	SUCCEEDED,

	/** The endpoint answered with a status that is not retried (4xx other than 408 and 429). */
	FAILED,

	/** Every attempt of the retry schedule failed. */
	DEAD,

	/** Not sent and never will be: its endpoint was deleted while it was pending. */
	CANCELLED

}
