package dev.webhooks.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.TimestampedHexScheme;
import dev.webhooks.signing.WebhookSignatureScheme;

/**
 * The signature scheme as configured under {@code webhooks.delivery.signature}, not yet checked;
 * {@link #toScheme} checks it and makes the {@link WebhookSignatureScheme} the delivery engine signs with: a
 * built-in scheme with the configured header names, or a scheme bean of the application's, named by its bean name
 * (or by its {@link WebhookSignatureScheme#name()}). Wrong settings fail with a message naming the property at
 * fault.
 *
 * @param scheme the scheme name, {@code null} or blank for Standard Webhooks
 * @param idHeader the message-id header of a built-in scheme, {@code null} for its default
 * @param timestampHeader the timestamp header of the Standard Webhooks scheme, {@code null} for its default
 * @param signatureHeader the signature header of a built-in scheme, {@code null} for its default
 */
public record SignatureSchemeSettings(String scheme, String idHeader, String timestampHeader,
		String signatureHeader) {

	private static final String PREFIX = "webhooks.delivery.signature.";

	// the token characters of RFC 9110, the only ones a header name may have
	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	/**
	 * Check these settings and make the scheme.
	 * @param schemeBeans the application's schemes by bean name
	 * @param beanNamed the application's bean of a name, or {@code null} when there is none, to say what a name
	 * that is not a scheme's names
	 * @return the scheme
	 * @throws IllegalStateException when a setting is wrong, naming its property
	 */
	public WebhookSignatureScheme toScheme(Map<String, WebhookSignatureScheme> schemeBeans,
			Function<String, Object> beanNamed) {
		String name = (this.scheme != null && !this.scheme.isBlank()) ? this.scheme.strip()
				: StandardWebhooksScheme.NAME;
		if (StandardWebhooksScheme.NAME.equals(name)) {
			String id = header(this.idHeader, StandardWebhooksScheme.ID_HEADER, "id-header", name);
			String timestamp = header(this.timestampHeader, StandardWebhooksScheme.TIMESTAMP_HEADER,
					"timestamp-header", name);
			String value = header(this.signatureHeader, StandardWebhooksScheme.SIGNATURE_HEADER,
					"signature-header", name);
			distinct(name, id, timestamp, value);
			return new StandardWebhooksScheme(id, timestamp, value);
		}
		if (TimestampedHexScheme.NAME.equals(name)) {
			if (this.timestampHeader != null) {
				throw new IllegalStateException(PREFIX + "timestamp-header does not apply to the "
						+ TimestampedHexScheme.NAME + " scheme, which sends the timestamp in the signature header "
						+ "(t=…,v1=…)");
			}
			String id = header(this.idHeader, TimestampedHexScheme.DEFAULT_ID_HEADER, "id-header", name);
			String value = header(this.signatureHeader, TimestampedHexScheme.DEFAULT_SIGNATURE_HEADER,
					"signature-header", name);
			distinct(name, id, value);
			return new TimestampedHexScheme(value, id);
		}
		WebhookSignatureScheme bean = bean(name, schemeBeans, beanNamed);
		List<String> headerSettings = new ArrayList<>();
		addIfSet(headerSettings, "id-header", this.idHeader);
		addIfSet(headerSettings, "timestamp-header", this.timestampHeader);
		addIfSet(headerSettings, "signature-header", this.signatureHeader);
		if (!headerSettings.isEmpty()) {
			throw new IllegalStateException(PREFIX + String.join(", " + PREFIX, headerSettings) + " apply to the "
					+ "built-in schemes only; the scheme bean '" + name + "' names its own headers");
		}
		return bean;
	}

	private static WebhookSignatureScheme bean(String name, Map<String, WebhookSignatureScheme> schemes,
			Function<String, Object> beanNamed) {
		if (schemes.containsKey(name)) {
			return schemes.get(name);
		}
		Object other = beanNamed.apply(name);
		if (other != null) {
			throw new IllegalStateException(PREFIX + "scheme names the bean '" + name + "', which is a "
					+ other.getClass().getName() + ", not a " + WebhookSignatureScheme.class.getName());
		}
		List<WebhookSignatureScheme> named = schemes.values().stream()
			.filter((scheme) -> name.equals(scheme.name()))
			.toList();
		if (named.size() == 1) {
			return named.get(0);
		}
		if (named.size() > 1) {
			throw new IllegalStateException(PREFIX + "scheme is '" + name + "', the name of " + named.size()
					+ " WebhookSignatureScheme beans; name one of them by its bean name");
		}
		throw new IllegalStateException(PREFIX + "scheme is '" + name + "', which is not known: use "
				+ StandardWebhooksScheme.NAME + ", " + TimestampedHexScheme.NAME + " or the bean name of a "
				+ "WebhookSignatureScheme" + (schemes.isEmpty() ? "" : " (there are " + schemes.keySet() + ")"));
	}

	private static String header(String configured, String defaultName, String property, String scheme) {
		if (configured == null) {
			return defaultName;
		}
		String name = configured.strip();
		if (name.isEmpty()) {
			throw new IllegalStateException(PREFIX + property + " is empty, but the " + scheme
					+ " scheme needs it (leave it out for '" + defaultName + "')");
		}
		if (!HEADER_NAME.matcher(name).matches()) {
			throw new IllegalStateException(PREFIX + property + " is '" + name + "', which is not a valid header "
					+ "name");
		}
		return name;
	}

	private static void distinct(String scheme, String... headers) {
		TreeSet<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		for (String header : headers) {
			if (!seen.add(header)) {
				throw new IllegalStateException(PREFIX + "* name the header '" + header + "' twice; the " + scheme
						+ " scheme sends each of its values in a header of its own");
			}
		}
	}

	private static void addIfSet(List<String> names, String property, String value) {
		if (value != null) {
			names.add(property);
		}
	}

}
