package dev.webhooks.receive;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;

/**
 * Supplies the payload parameter, any parameter no other resolver takes: {@code data.object} of the envelope
 * where it has one (Anon, Stripe), else {@code data}, converted to the parameter type. Asked last.
 */
final class PayloadArgumentResolver extends JsonConvertingArgumentResolver {

	PayloadArgumentResolver(JsonMapper mapper) {
		super(mapper);
	}

	@Override
	boolean accepts(MethodParameter parameter) {
		return true;
	}

	@Override
	JsonNode select(JsonNode envelope) {
		JsonNode data = envelope.path("data");
		JsonNode object = data.path("object");
		return (data.isObject() && object.isObject()) ? object : data;
	}

}
