package dev.webhooks.event.filter;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An endpoint's filter over the envelope it receives: a JSON document of operators keyed by dotted path, such as
 * {@code {"data.object.amount": {"$gt": 100}, "data.object.currency": {"$in": ["EUR", "USD"]}}}. Every key of a
 * document must hold; {@code $and} and {@code $or} take a list of documents, {@code $not} one. A bare value is
 * short for {@code $eq}. See {@link ValueTest} for how values compare and the README for the whole language.
 * <p>
 * A filter is parsed once, when the endpoint is saved or read from the store, into an immutable tree that is
 * safe to share between threads; {@link #matches(JsonNode)} then walks that tree over an envelope that was parsed
 * once for every endpoint. The document is data: no part of it is run as code. Its size, depth, number of
 * operators, list lengths and path lengths are limited, so no filter costs more than a bounded number of steps.
 */
public final class PayloadFilter {

	/** The name of the endpoint field; the places in {@link InvalidFilterException}s start with it. */
	public static final String FIELD = "filter";

	/** The largest filter document, in bytes of compact UTF-8 JSON. */
	public static final int MAX_SIZE = 4096;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final String json;

	private final Condition condition;

	private final boolean empty;

	private PayloadFilter(String json, Condition condition, boolean empty) {
		this.json = json;
		this.condition = condition;
		this.empty = empty;
	}

	/**
	 * Parse a filter from JSON text.
	 * @param json the filter document
	 * @return the filter
	 * @throws InvalidFilterException when the text is not a valid filter document
	 */
	public static PayloadFilter parse(String json) {
		if (json == null) {
			throw new InvalidFilterException(FIELD, "document", "'filter' must be a JSON object");
		}
		if (json.length() > MAX_SIZE * 4) {
			throw tooLarge();
		}
		JsonNode document;
		try {
			document = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidFilterException(FIELD, "malformed-json", "'filter' is not valid JSON: "
					+ ex.getOriginalMessage());
		}
		return of(document);
	}

	/**
	 * Parse a filter from a JSON tree, such as a field of a request body.
	 * @param document the filter document
	 * @return the filter
	 * @throws InvalidFilterException when the tree is not a valid filter document
	 */
	public static PayloadFilter of(JsonNode document) {
		if (document == null || !document.isObject()) {
			throw new InvalidFilterException(FIELD, "document", "'filter' must be a JSON object of paths and operators");
		}
		String json = document.toString();
		if (json.getBytes(StandardCharsets.UTF_8).length > MAX_SIZE) {
			throw tooLarge();
		}
		Condition condition = FilterParser.parse(document);
		return new PayloadFilter(json, condition, document.isEmpty());
	}

	/**
	 * Read an envelope into the tree filters are evaluated on; done once per event, whatever the number of
	 * filtered endpoints.
	 * @param envelope the envelope as sent, UTF-8 JSON
	 * @return the tree
	 */
	public static JsonNode readEnvelope(byte[] envelope) {
		return JsonMapper.shared().readTree(envelope);
	}

	/**
	 * Whether an event passes this filter.
	 * @param envelope the envelope the endpoint would receive, as a tree
	 * @return {@code true} when every condition holds
	 */
	public boolean matches(JsonNode envelope) {
		return this.condition.test(envelope);
	}

	/**
	 * Whether this is the empty document, which every event passes.
	 * @return {@code true} for {@code {}}
	 */
	public boolean isEmpty() {
		return this.empty;
	}

	/**
	 * The document as compact JSON: what is stored and shown.
	 * @return the JSON text
	 */
	public String json() {
		return this.json;
	}

	/**
	 * The document as a tree, for an answer body.
	 * @return a new tree
	 */
	public JsonNode tree() {
		return MAPPER.readTree(this.json);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PayloadFilter filter && filter.json.equals(this.json);
	}

	@Override
	public int hashCode() {
		return this.json.hashCode();
	}

	@Override
	public String toString() {
		return this.json;
	}

	private static InvalidFilterException tooLarge() {
		return new InvalidFilterException(FIELD, "max-size", "'filter' is larger than " + MAX_SIZE + " bytes");
	}

}
