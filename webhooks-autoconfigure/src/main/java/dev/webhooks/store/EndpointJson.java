package dev.webhooks.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.endpoint.WebhookEndpoints;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text of the {@code event_types}, {@code headers} and {@code secrets} columns of
 * {@code webhook_endpoint}.
 */
final class EndpointJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
	};

	private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<StoredSecret>> SECRET_LIST = new TypeReference<>() {
	};

	private EndpointJson() {
	}

	static String write(Object value) {
		return JSON.writeValueAsString(value);
	}

	static List<String> readEventTypes(String text) {
		return List.copyOf(JSON.readValue(text, STRING_LIST));
	}

	static Map<String, String> readHeaders(String text) {
		return Collections.unmodifiableMap(JSON.readValue(text, STRING_MAP));
	}

	static String writeSecrets(List<EndpointSecret> secrets) {
		List<StoredSecret> stored = new ArrayList<>(secrets.size());
		for (EndpointSecret secret : secrets) {
			stored.add(new StoredSecret(secret.secret().reveal(),
					(secret.expiresAt() != null) ? secret.expiresAt().toString() : null));
		}
		return JSON.writeValueAsString(stored);
	}

	static List<EndpointSecret> readSecrets(String text) {
		List<EndpointSecret> secrets = new ArrayList<>();
		for (StoredSecret stored : JSON.readValue(text, SECRET_LIST)) {
			secrets.add(new EndpointSecret(WebhookEndpoints.parseSecret(stored.secret()),
					(stored.expiresAt() != null) ? Instant.parse(stored.expiresAt()) : null));
		}
		return List.copyOf(secrets);
	}

	/** The JSON form of one secret. */
	record StoredSecret(String secret, String expiresAt) {
	}

}
