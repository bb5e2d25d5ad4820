package dev.webhooks.receive;

import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A verified webhook, parsed once, with the listener methods that handle it: what the {@link WebhookReceiver}
 * hands to a {@link WebhookListenerInvoker}.
 *
 * @param message the verified message
 * @param envelope the parsed body, a JSON object with a {@code type}
 * @param listeners the listeners of its source and type, in registration order
 */
public record ReceivedWebhook(WebhookMessage message, JsonNode envelope, List<WebhookListenerMethod> listeners) {

	public ReceivedWebhook {
		Objects.requireNonNull(message, "message");
		Objects.requireNonNull(envelope, "envelope");
		listeners = List.copyOf(listeners);
	}

}
