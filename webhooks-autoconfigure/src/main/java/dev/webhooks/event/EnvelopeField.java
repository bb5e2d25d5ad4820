package dev.webhooks.event;

/**
 * The fields of the event envelope
 * {@code {"id","object":"event","type","created","api_version","tenant_id","text","data":{"object","error_message"}}},
 * each of which can be renamed or removed.
 */
public enum EnvelopeField {

	/** The event id ({@code evt_…}). */
	ID("id"),

	/** The constant {@code "event"}, as Anon and Stripe send it. */
	OBJECT("object"),

	/** The event type. */
	TYPE("type"),

	/** When the event was published, ISO-8601 in UTC. */
	CREATED("created"),

	/** The configured API version; left out when none is configured. */
	API_VERSION("api_version"),

	/** The tenant; left out for an event of no tenant. */
	TENANT_ID("tenant_id"),

	/** The one-line summary that Slack incoming webhooks show; left out when empty. */
	TEXT("text"),

	/** The object holding the payload and the error message. */
	DATA("data"),

	/** The payload, inside {@code data}. */
	DATA_OBJECT("object"),

	/** The error message of a failure event, inside {@code data}; left out when empty. */
	ERROR_MESSAGE("error_message");

	private final String defaultName;

	EnvelopeField(String defaultName) {
		this.defaultName = defaultName;
	}

	/**
	 * The name the field has unless configured otherwise.
	 * @return the default JSON name
	 */
	public String defaultName() {
		return this.defaultName;
	}

}
