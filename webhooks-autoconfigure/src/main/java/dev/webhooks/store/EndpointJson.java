package dev.webhooks.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.signing.SecretEncryption;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text of the {@code event_types}, {@code headers} and {@code secrets} columns of
 * {@code webhook_endpoint}.
 */
final class EndpointJson {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
	};

	private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<StoredSecret>> SECRET_LIST = new TypeReference<>() {
	};

	// Every publish reads the subscribed endpoints; their JSON columns rarely change, so each distinct text is
	// parsed once. Keyed by the text itself, a cache entry can never be stale.
	private static final ParsedColumns<List<String>> EVENT_TYPES = new ParsedColumns<>(
			(text) -> List.copyOf(JSON.readValue(text, STRING_LIST)));

	private static final ParsedColumns<Map<String, String>> HEADERS = new ParsedColumns<>(
			(text) -> Collections.unmodifiableMap(JSON.readValue(text, STRING_MAP)));

	private static final ParsedColumns<List<EndpointSecret>> SECRETS = new ParsedColumns<>(EndpointJson::parseSecrets);

	private static final ParsedColumns<List<EndpointSecret>> SEALED_SECRETS = new ParsedColumns<>((text) -> {
		throw new IllegalStateException("Sealed secrets are read with their encryption");
	});

	private EndpointJson() {
	}

	static String write(Object value) {
		return JSON.writeValueAsString(value);
	}

	static List<String> readEventTypes(String text) {
		return EVENT_TYPES.get(text);
	}

	static Map<String, String> readHeaders(String text) {
		return HEADERS.get(text);
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
		return SECRETS.get(text);
	}

	/**
	 * The secrets column as written: sealed when the encryption has a key.
	 */
	static String writeSecrets(List<EndpointSecret> secrets, SecretEncryption encryption) {
		return encryption.seal(writeSecrets(secrets));
	}

	/**
	 * The secrets of a column, sealed or written in clear before a key was set. A sealed text is opened only the
	 * first time it is seen: the parsed secrets are kept by the sealed text.
	 */
	static List<EndpointSecret> readSecrets(String text, SecretEncryption encryption) {
		return (text != null && text.startsWith(SecretEncryption.PREFIX))
				? SEALED_SECRETS.get(text, (sealed) -> parseSecrets(encryption.open(sealed))) : SECRETS.get(text);
	}

	private static List<EndpointSecret> parseSecrets(String text) {
		List<EndpointSecret> secrets = new ArrayList<>();
		for (StoredSecret stored : JSON.readValue(text, SECRET_LIST)) {
			secrets.add(new EndpointSecret(WebhookEndpoints.parseSecret(stored.secret()),
					(stored.expiresAt() != null) ? Instant.parse(stored.expiresAt()) : null));
		}
		return List.copyOf(secrets);
	}

	/**
	 * Immutable values parsed from column texts, at most {@value #MAX_ENTRIES} of them (then it starts afresh).
	 */
	private static final class ParsedColumns<T> {

		private static final int MAX_ENTRIES = 10_000;

		private final Map<String, T> values = new ConcurrentHashMap<>();

		private final Function<String, T> parser;

		ParsedColumns(Function<String, T> parser) {
			this.parser = parser;
		}

		T get(String text) {
			return get(text, this.parser);
		}

		T get(String text, Function<String, T> parser) {
			T value = this.values.get(text);
			if (value == null) {
				value = parser.apply(text);
				if (this.values.size() >= MAX_ENTRIES) {
					this.values.clear();
				}
				this.values.put(text, value);
			}
			return value;
		}

	}

	/** The JSON form of one secret. */
	record StoredSecret(String secret, String expiresAt) {
	}

}
