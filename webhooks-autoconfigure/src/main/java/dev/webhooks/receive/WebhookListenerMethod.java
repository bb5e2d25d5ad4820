package dev.webhooks.receive;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.webhooks.event.EventTypePattern;

import tools.jackson.databind.JsonNode;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One {@link WebhookListener} method: the source and event types it handles, and how to call it, with the
 * {@link WebhookListenerArgumentResolver resolver} of each parameter chosen once. The counterpart of
 * spring-kafka's {@code MethodKafkaListenerEndpoint}; called a listener method rather than an endpoint because
 * this starter's endpoints are the subscribers it delivers to. Created by
 * {@link WebhookListenerAnnotationBeanPostProcessor}, kept by {@link WebhookListenerRegistry}.
 */
public final class WebhookListenerMethod {

	private final String id;

	private final String source;

	private final List<EventTypePattern> events;

	private final Object bean;

	private final Method invocableMethod;

	private final List<ResolvedParameter> parameters;

	private WebhookListenerMethod(String id, String source, List<EventTypePattern> events, Object bean,
			Method invocableMethod, List<ResolvedParameter> parameters) {
		this.id = id;
		this.source = source;
		this.events = events;
		this.bean = bean;
		this.invocableMethod = invocableMethod;
		this.parameters = parameters;
	}

	/**
	 * Create the listener of an annotated method.
	 * @param id the listener id, for logs and metrics
	 * @param source the source, placeholders resolved
	 * @param events the event-type patterns, placeholders resolved; none means all
	 * @param bean the bean, possibly an AOP proxy
	 * @param method the annotated method of the target class (parameter annotations are read here)
	 * @param invocableMethod the method to call on {@code bean} (for a JDK proxy, the interface method)
	 * @param resolvers the resolvers the parameters are matched against
	 * @return the listener
	 * @throws IllegalStateException when the source, the patterns or the method's parameters are not usable,
	 * saying why
	 */
	static WebhookListenerMethod create(String id, String source, List<String> events, Object bean, Method method,
			Method invocableMethod, WebhookListenerArgumentResolvers resolvers) {
		String description = ClassUtils.getQualifiedMethodName(method);
		if (source.isBlank()) {
			throw new IllegalStateException("@WebhookListener method " + description + " names no source");
		}
		List<EventTypePattern> patterns = new ArrayList<>();
		for (String event : events) {
			try {
				patterns.add(EventTypePattern.of(event));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("@WebhookListener method " + description + ": " + ex.getMessage());
			}
		}
		List<ResolvedParameter> parameters = new ArrayList<>();
		int payloads = 0;
		for (int index = 0; index < method.getParameterCount(); index++) {
			MethodParameter parameter = new MethodParameter(method, index);
			parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
			WebhookListenerArgumentResolver resolver;
			try {
				resolver = resolvers.resolverFor(parameter);
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException("@WebhookListener method " + description + ": " + ex.getMessage());
			}
			if (resolvers.isPayload(resolver) && ++payloads > 1) {
				throw new IllegalStateException("@WebhookListener method " + description
						+ " has more than one payload parameter; annotate the envelope parameter with @Envelope, "
						+ "and take the message as a WebhookMessage");
			}
			parameters.add(new ResolvedParameter(parameter, resolver));
		}
		ReflectionUtils.makeAccessible(invocableMethod);
		return new WebhookListenerMethod(id, source, List.copyOf(patterns), bean, invocableMethod,
				List.copyOf(parameters));
	}

	/**
	 * The listener's id, for logs and metrics.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * The source it listens to.
	 * @return the source name
	 */
	public String getSource() {
		return this.source;
	}

	/**
	 * Whether it handles an event type.
	 * @param type the event type
	 * @return whether one of its patterns matches, or it has none
	 */
	public boolean handles(String type) {
		if (this.events.isEmpty()) {
			return true;
		}
		for (EventTypePattern event : this.events) {
			if (event.matches(type)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Call the method.
	 * @param message the verified message
	 * @param envelope the parsed body
	 * @throws WebhookListenerException when an argument cannot be resolved or the method throws
	 */
	public void invoke(WebhookMessage message, JsonNode envelope) {
		Object[] values = new Object[this.parameters.size()];
		for (int index = 0; index < values.length; index++) {
			ResolvedParameter parameter = this.parameters.get(index);
			try {
				values[index] = parameter.resolve(message, envelope);
			}
			catch (RuntimeException ex) {
				throw new WebhookPayloadConversionException(this.id,
						parameter.parameter().getParameterType().getSimpleName(), message, ex);
			}
		}
		try {
			this.invocableMethod.invoke(this.bean, values);
		}
		catch (InvocationTargetException ex) {
			throw new WebhookListenerException("Listener " + this.id + " failed on " + message, ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new WebhookListenerException("Listener " + this.id + " could not be called", ex);
		}
	}

	@Override
	public String toString() {
		return "WebhookListenerMethod[id=" + this.id + ", source=" + this.source + ", events="
				+ (this.events.isEmpty() ? "[*]" : Arrays.toString(this.events.toArray())) + "]";
	}

	private record ResolvedParameter(MethodParameter parameter, WebhookListenerArgumentResolver resolver) {

		Object resolve(WebhookMessage message, JsonNode envelope) {
			return this.resolver.resolveArgument(this.parameter, message, envelope);
		}

	}

}
