package dev.webhooks.receive;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;

/**
 * The resolvers a {@link WebhookListener} method's parameters are matched against, in order: the application's
 * own, then the built-in ones for {@link WebhookMessage}, {@link Envelope @Envelope} and, last, the payload.
 */
final class WebhookListenerArgumentResolvers {

	private final List<WebhookListenerArgumentResolver> resolvers;

	private final PayloadArgumentResolver payload;

	/**
	 * Combine the application's resolvers with the built-in ones.
	 * @param custom the application's resolvers, in the order they are asked
	 * @param mapper converts the envelope and the payload
	 */
	WebhookListenerArgumentResolvers(List<WebhookListenerArgumentResolver> custom, JsonMapper mapper) {
		this.payload = new PayloadArgumentResolver(mapper);
		List<WebhookListenerArgumentResolver> all = new ArrayList<>(custom);
		all.add(new WebhookMessageArgumentResolver());
		all.add(new EnvelopeArgumentResolver(mapper));
		all.add(this.payload);
		this.resolvers = List.copyOf(all);
	}

	/**
	 * The first resolver that supports a parameter.
	 * @param parameter the parameter
	 * @return the resolver
	 * @throws IllegalStateException when none does
	 */
	WebhookListenerArgumentResolver resolverFor(MethodParameter parameter) {
		for (WebhookListenerArgumentResolver resolver : this.resolvers) {
			if (resolver.supportsParameter(parameter)) {
				return resolver;
			}
		}
		throw new IllegalStateException("Parameter " + parameter.getParameterIndex() + " ("
				+ parameter.getParameterType().getName() + ") cannot be supplied: it is neither a WebhookMessage "
				+ "nor a type the JSON payload or @Envelope can be converted to, and no "
				+ "WebhookListenerArgumentResolver bean supports it");
	}

	/**
	 * Whether a resolver is the one that supplies the payload, of which a method may take one.
	 * @param resolver a resolver {@link #resolverFor} returned
	 * @return whether it supplies the payload
	 */
	boolean isPayload(WebhookListenerArgumentResolver resolver) {
		return resolver == this.payload;
	}

}
