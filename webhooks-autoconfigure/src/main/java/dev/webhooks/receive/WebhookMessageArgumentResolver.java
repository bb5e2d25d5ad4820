package dev.webhooks.receive;

import tools.jackson.databind.JsonNode;

import org.springframework.core.MethodParameter;

/**
 * Supplies a {@link WebhookMessage} parameter: the verified message itself.
 */
final class WebhookMessageArgumentResolver implements WebhookListenerArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == WebhookMessage.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WebhookMessage message, JsonNode envelope) {
		return message;
	}

}
