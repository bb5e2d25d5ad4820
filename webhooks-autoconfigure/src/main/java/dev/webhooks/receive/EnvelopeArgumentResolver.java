package dev.webhooks.receive;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;

/**
 * Supplies an {@link Envelope @Envelope} parameter: the whole envelope, converted to the parameter type.
 */
final class EnvelopeArgumentResolver extends JsonConvertingArgumentResolver {

	EnvelopeArgumentResolver(JsonMapper mapper) {
		super(mapper);
	}

	@Override
	boolean accepts(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(Envelope.class);
	}

	@Override
	JsonNode select(JsonNode envelope) {
		return envelope;
	}

}
