package dev.webhooks.receive;

import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;

/**
 * The base of the resolvers that convert a part of the envelope to the parameter type with the application's
 * Jackson mapper. It supports only types Jackson can create (not interfaces and abstract classes other than JSON
 * trees, maps and collections), so that a mistake such as an {@code HttpServletRequest} parameter fails at
 * start-up rather than on the first request.
 */
abstract class JsonConvertingArgumentResolver implements WebhookListenerArgumentResolver {

	private final JsonMapper mapper;

	private final Map<MethodParameter, JavaType> types = new ConcurrentHashMap<>();

	JsonConvertingArgumentResolver(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Whether the parameter is one this resolver is meant for, whatever its type.
	 * @param parameter the parameter
	 * @return whether it is
	 */
	abstract boolean accepts(MethodParameter parameter);

	/**
	 * The part of the envelope this resolver converts.
	 * @param envelope the envelope
	 * @return the node, missing or {@code null} when the envelope has no such part
	 */
	abstract JsonNode select(JsonNode envelope);

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return accepts(parameter) && isCreatable(javaType(parameter).getRawClass());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WebhookMessage message, JsonNode envelope) {
		JsonNode node = select(envelope);
		if (node == null || node.isMissingNode()) {
			return null;
		}
		JavaType type = javaType(parameter);
		if (type.getRawClass().isInstance(node)) {
			return node;
		}
		return this.mapper.treeToValue(node, type);
	}

	private JavaType javaType(MethodParameter parameter) {
		return this.types.computeIfAbsent(parameter,
				(key) -> this.mapper.constructType(key.getGenericParameterType()));
	}

	private static boolean isCreatable(Class<?> raw) {
		return raw.isPrimitive() || raw.isArray() || raw == Object.class || JsonNode.class.isAssignableFrom(raw)
				|| Map.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw) || raw.isEnum()
				|| !(raw.isInterface() || Modifier.isAbstract(raw.getModifiers()));
	}

}
