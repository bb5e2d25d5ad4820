package dev.webhooks.receive;

import tools.jackson.databind.JsonNode;

import org.springframework.core.MethodParameter;

/**
 * Supplies the value of a {@link WebhookListener} method parameter from a received webhook, as Spring's
 * {@code HandlerMethodArgumentResolver} does for handler methods.
 * <p>
 * The starter resolves a {@link WebhookMessage}, {@link Envelope @Envelope} parameters and the payload itself.
 * An application adds its own by declaring resolver beans: they are asked first, in their
 * {@link org.springframework.core.Ordered order}, so one may also take over a parameter the built-in resolvers
 * would fill. Which resolver fills a parameter is decided once, at start-up; a parameter that no resolver
 * supports stops the start-up.
 * <pre class="code">
 * &#064;Bean
 * WebhookListenerArgumentResolver webhookHeaderResolver() {
 * 	return new WebhookListenerArgumentResolver() {
 *
 * 		public boolean supportsParameter(MethodParameter parameter) {
 * 			return parameter.hasParameterAnnotation(WebhookHeader.class);
 * 		}
 *
 * 		public Object resolveArgument(MethodParameter parameter, WebhookMessage message, JsonNode envelope) {
 * 			return message.headers().getFirst(parameter.getParameterAnnotation(WebhookHeader.class).value());
 * 		}
 *
 * 	};
 * }
 * </pre>
 */
public interface WebhookListenerArgumentResolver {

	/**
	 * Whether this resolver fills a parameter. Called once per parameter at start-up.
	 * @param parameter a parameter of a {@link WebhookListener} method
	 * @return whether {@link #resolveArgument} supplies it
	 */
	boolean supportsParameter(MethodParameter parameter);

	/**
	 * The value of a supported parameter for one webhook. A failure fails the listener call, which the sender
	 * (or, for an asynchronous source, the local retry) tries again.
	 * @param parameter the parameter, one {@link #supportsParameter} accepted
	 * @param message the verified message
	 * @param envelope the parsed body, a JSON object with a {@code type}
	 * @return the argument, possibly {@code null}
	 */
	Object resolveArgument(MethodParameter parameter, WebhookMessage message, JsonNode envelope);

}
