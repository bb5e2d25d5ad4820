package dev.webhooks.signing;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A read-only view of request headers with case-insensitive names, as HTTP defines them.
 */
public final class WebhookHeaders {

	private final Function<String, String> lookup;

	private WebhookHeaders(Function<String, String> lookup) {
		this.lookup = lookup;
	}

	/**
	 * Headers from a map of single values; names are matched case-insensitively.
	 * @param headers the headers
	 * @return the view
	 */
	public static WebhookHeaders of(Map<String, String> headers) {
		Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		// a null name (the status line of HttpURLConnection's header map) would break the case-insensitive map
		headers.forEach((name, value) -> {
			if (name != null) {
				copy.putIfAbsent(name, value);
			}
		});
		Map<String, String> view = Collections.unmodifiableMap(copy);
		return new WebhookHeaders(view::get);
	}

	/**
	 * Headers from a map of value lists (the shape servlet and HTTP client APIs use); the first value of each
	 * name counts.
	 * @param headers the headers
	 * @return the view
	 */
	public static WebhookHeaders ofMulti(Map<String, ? extends List<String>> headers) {
		Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> {
			if (name != null && values != null && !values.isEmpty()) {
				first.putIfAbsent(name, values.get(0));
			}
		});
		return new WebhookHeaders(first::get);
	}

	/**
	 * Headers read through a function, for example {@code request::getHeader}, which must itself match names
	 * case-insensitively.
	 * @param lookup returns the value of a header, or {@code null}
	 * @return the view
	 */
	public static WebhookHeaders from(Function<String, String> lookup) {
		return new WebhookHeaders(lookup);
	}

	/**
	 * The value of a header.
	 * @param name the name, in any case
	 * @return the value, or {@code null} when absent
	 */
	public String get(String name) {
		String value = this.lookup.apply(name);
		if (value == null) {
			value = this.lookup.apply(name.toLowerCase(Locale.ROOT));
		}
		return value;
	}

	/**
	 * The value of the first of several header names that is present.
	 * @param names the names to try in order
	 * @return the value, or {@code null} when none is present
	 */
	public String first(String... names) {
		for (String name : names) {
			String value = get(name);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

}
