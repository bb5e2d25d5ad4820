package dev.webhooks.event;

/**
 * What the publisher does with an event type's schema.
 */
public enum SchemaValidationMode {

	/** Strip what the schema does not declare, then fail the publish when the rest does not match it. */
	STRICT,

	/** Strip what the schema does not declare and send the rest, matching or not (the default). */
	LENIENT,

	/** Ignore schemas: payloads are sent as Jackson writes them. */
	OFF

}
