package dev.webhooks.receive;

import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;

/**
 * How one parameter of a {@link WebhookListener} method is filled from a received webhook.
 */
abstract sealed class ListenerArgument {

	/**
	 * The value for this parameter.
	 * @param message the verified message
	 * @param envelope the parsed body
	 * @return the argument
	 */
	abstract Object resolve(WebhookMessage message, JsonNode envelope);

	/**
	 * Decide how a parameter is filled.
	 * @param parameter the parameter
	 * @param mapper the mapper that converts JSON to the parameter type
	 * @return the argument
	 * @throws IllegalStateException when the parameter is of a kind no webhook can supply
	 */
	static ListenerArgument of(MethodParameter parameter, JsonMapper mapper) {
		Class<?> type = parameter.getParameterType();
		if (type == WebhookMessage.class) {
			return new Message();
		}
		JavaType javaType = mapper.constructType(parameter.getGenericParameterType());
		checkConvertible(parameter, javaType);
		if (parameter.hasParameterAnnotation(Envelope.class)) {
			return new Converted(mapper, javaType, false);
		}
		return new Converted(mapper, javaType, true);
	}

	boolean isPayload() {
		return false;
	}

	/**
	 * Refuse types Jackson cannot create (interfaces and abstract classes other than JSON trees, maps and
	 * collections), so that a mistake such as an {@code HttpServletRequest} parameter fails at start-up rather
	 * than on the first request.
	 */
	private static void checkConvertible(MethodParameter parameter, JavaType javaType) {
		Class<?> raw = javaType.getRawClass();
		boolean creatable = raw.isPrimitive() || raw.isArray() || raw == Object.class
				|| JsonNode.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
				|| Collection.class.isAssignableFrom(raw) || raw.isEnum()
				|| !(raw.isInterface() || Modifier.isAbstract(raw.getModifiers()));
		if (!creatable) {
			throw new IllegalStateException("Parameter " + parameter.getParameterIndex() + " ("
					+ raw.getName() + ") cannot be supplied: it is neither a WebhookMessage nor a type the JSON "
					+ "payload or @Envelope can be converted to");
		}
	}

	/** The {@link WebhookMessage} itself. */
	static final class Message extends ListenerArgument {

		@Override
		Object resolve(WebhookMessage message, JsonNode envelope) {
			return message;
		}

	}

	/** The payload or the whole envelope, converted with the application's mapper. */
	static final class Converted extends ListenerArgument {

		private final JsonMapper mapper;

		private final JavaType type;

		private final boolean payload;

		Converted(JsonMapper mapper, JavaType type, boolean payload) {
			this.mapper = mapper;
			this.type = type;
			this.payload = payload;
		}

		@Override
		boolean isPayload() {
			return this.payload;
		}

		@Override
		Object resolve(WebhookMessage message, JsonNode envelope) {
			JsonNode node = this.payload ? payloadOf(envelope) : envelope;
			if (node == null || node.isMissingNode()) {
				return null;
			}
			if (this.type.getRawClass().isInstance(node)) {
				return node;
			}
			return this.mapper.treeToValue(node, this.type);
		}

	}

	/**
	 * The payload of an envelope: {@code data.object} where the envelope has one (Anon, Stripe), else
	 * {@code data}.
	 * @param envelope the envelope
	 * @return the payload node, missing when the envelope has no {@code data}
	 */
	static JsonNode payloadOf(JsonNode envelope) {
		JsonNode data = envelope.path("data");
		JsonNode object = data.path("object");
		return (data.isObject() && object.isObject()) ? object : data;
	}

}
