package dev.webhooks.receive;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.webhooks.event.EventTypePattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One {@link WebhookListener} method: the source and event types it handles and how to call it. Created by
 * {@link WebhookListenerAnnotationBeanPostProcessor}, kept by {@link WebhookListenerEndpointRegistry}.
 */
public final class WebhookListenerEndpoint {

	private final String id;

	private final String source;

	private final List<EventTypePattern> events;

	private final Object bean;

	private final Method invocableMethod;

	private final List<ListenerArgument> arguments;

	private WebhookListenerEndpoint(String id, String source, List<EventTypePattern> events, Object bean,
			Method invocableMethod, List<ListenerArgument> arguments) {
		this.id = id;
		this.source = source;
		this.events = events;
		this.bean = bean;
		this.invocableMethod = invocableMethod;
		this.arguments = arguments;
	}

	/**
	 * Create the endpoint of an annotated method.
	 * @param annotation the annotation
	 * @param bean the bean, possibly an AOP proxy
	 * @param beanName the bean name, for the default id
	 * @param method the annotated method of the target class (parameter annotations are read here)
	 * @param invocableMethod the method to call on {@code bean} (for a JDK proxy, the interface method)
	 * @param mapper the mapper that converts payloads
	 * @return the endpoint
	 * @throws IllegalStateException when the annotation or the method's parameters are not usable, saying why
	 */
	public static WebhookListenerEndpoint create(WebhookListener annotation, Object bean, String beanName,
			Method method, Method invocableMethod, JsonMapper mapper) {
		String description = ClassUtils.getQualifiedMethodName(method);
		if (annotation.source().isBlank()) {
			throw new IllegalStateException("@WebhookListener method " + description + " names no source");
		}
		List<EventTypePattern> events = new ArrayList<>();
		for (String event : annotation.events()) {
			try {
				events.add(EventTypePattern.of(event));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("@WebhookListener method " + description + ": " + ex.getMessage());
			}
		}
		List<ListenerArgument> arguments = new ArrayList<>();
		int payloads = 0;
		for (int index = 0; index < method.getParameterCount(); index++) {
			MethodParameter parameter = new MethodParameter(method, index);
			parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
			ListenerArgument argument;
			try {
				argument = ListenerArgument.of(parameter, mapper);
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException("@WebhookListener method " + description + ": " + ex.getMessage());
			}
			if (argument.isPayload() && ++payloads > 1) {
				throw new IllegalStateException("@WebhookListener method " + description
						+ " has more than one payload parameter; annotate the envelope parameter with @Envelope, "
						+ "and take the message as a WebhookMessage");
			}
			arguments.add(argument);
		}
		ReflectionUtils.makeAccessible(invocableMethod);
		String id = annotation.id().isBlank() ? beanName + "." + method.getName() : annotation.id();
		return new WebhookListenerEndpoint(id, annotation.source(), List.copyOf(events), bean, invocableMethod,
				List.copyOf(arguments));
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
	 * @throws WebhookListenerException when an argument cannot be converted or the method throws
	 */
	public void invoke(WebhookMessage message, JsonNode envelope) {
		Object[] values = new Object[this.arguments.size()];
		try {
			for (int index = 0; index < values.length; index++) {
				values[index] = this.arguments.get(index).resolve(message, envelope);
			}
		}
		catch (RuntimeException ex) {
			throw new WebhookListenerException("Listener " + this.id + " could not convert " + message, ex);
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
		return "WebhookListenerEndpoint[id=" + this.id + ", source=" + this.source + ", events="
				+ (this.events.isEmpty() ? "[*]" : Arrays.toString(this.events.toArray())) + "]";
	}

}
