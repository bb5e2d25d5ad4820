package dev.webhooks.receive;

import tools.jackson.core.JacksonException;

import dev.webhooks.event.JsonFieldPath;

/**
 * Thrown when a message's payload does not convert to a {@link WebhookListener} method's parameter type (a field of
 * the wrong shape, a missing creator property). It names the listener, the parameter type and the field, never the
 * field's value (which is the sender's data): the sender is answered 500 with that detail and retries, so a fixed
 * listener (or a corrected payload) takes the message later.
 */
public class WebhookPayloadConversionException extends WebhookListenerException {

	private final String listenerId;

	private final String field;

	private final String targetType;

	WebhookPayloadConversionException(String listenerId, String targetType, WebhookMessage message,
			RuntimeException cause) {
		super("Listener " + listenerId + " could not convert " + fieldOf(cause) + " of " + message + " to "
				+ targetType, cause);
		this.listenerId = listenerId;
		this.field = fieldOf(cause);
		this.targetType = targetType;
	}

	/**
	 * The listener whose parameter did not convert.
	 * @return its id
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * The field that did not convert, as a path into the payload ({@code items[2].price}), or {@code "the payload"}
	 * when the payload itself has the wrong shape.
	 * @return the field
	 */
	public String getField() {
		return this.field;
	}

	/**
	 * The parameter type the payload was converted to.
	 * @return its simple name
	 */
	public String getTargetType() {
		return this.targetType;
	}

	private static String fieldOf(RuntimeException cause) {
		String path = (cause instanceof JacksonException jackson) ? JsonFieldPath.of(jackson.getPath()) : null;
		return (path != null) ? "field \"" + path + "\"" : "the payload";
	}

}
