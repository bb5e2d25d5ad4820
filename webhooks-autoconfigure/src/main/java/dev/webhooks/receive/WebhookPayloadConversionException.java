package dev.webhooks.receive;

import java.util.List;

import tools.jackson.core.JacksonException;

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
		if (!(cause instanceof JacksonException jackson) || jackson.getPath().isEmpty()) {
			return "the payload";
		}
		List<JacksonException.Reference> path = jackson.getPath();
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				if (!field.isEmpty()) {
					field.append('.');
				}
				field.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? "the payload" : "field \"" + field + "\"";
	}

}
