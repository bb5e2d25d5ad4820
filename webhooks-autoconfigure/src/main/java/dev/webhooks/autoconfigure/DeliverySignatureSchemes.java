package dev.webhooks.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.TimestampedHexScheme;
import dev.webhooks.signing.WebhookSignatureScheme;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Turns {@code webhooks.delivery.signature.*} into the {@link WebhookSignatureScheme} the delivery engine signs
 * with: a built-in scheme with the configured header names, or a scheme bean of the application's, named by its
 * bean name (or by its {@link WebhookSignatureScheme#name()}). Wrong settings stop the start-up with a message
 * naming the property at fault.
 */
final class DeliverySignatureSchemes {

	private static final String PREFIX = "webhooks.delivery.signature.";

	// the token characters of RFC 9110, the only ones a header name may have
	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	private DeliverySignatureSchemes() {
	}

	static WebhookSignatureScheme resolve(WebhooksDeliveryProperties.Signature signature,
			ListableBeanFactory beanFactory) {
		String name = (signature.getScheme() != null && !signature.getScheme().isBlank())
				? signature.getScheme().strip() : StandardWebhooksScheme.NAME;
		if (StandardWebhooksScheme.NAME.equals(name)) {
			String id = header(signature.getIdHeader(), StandardWebhooksScheme.ID_HEADER, "id-header", name);
			String timestamp = header(signature.getTimestampHeader(), StandardWebhooksScheme.TIMESTAMP_HEADER,
					"timestamp-header", name);
			String value = header(signature.getSignatureHeader(), StandardWebhooksScheme.SIGNATURE_HEADER,
					"signature-header", name);
			distinct(name, id, timestamp, value);
			return new StandardWebhooksScheme(id, timestamp, value);
		}
		if (TimestampedHexScheme.NAME.equals(name)) {
			if (signature.getTimestampHeader() != null) {
				throw new IllegalStateException(PREFIX + "timestamp-header does not apply to the "
						+ TimestampedHexScheme.NAME + " scheme, which sends the timestamp in the signature header "
						+ "(t=…,v1=…)");
			}
			String id = header(signature.getIdHeader(), TimestampedHexScheme.DEFAULT_ID_HEADER, "id-header", name);
			String value = header(signature.getSignatureHeader(), TimestampedHexScheme.DEFAULT_SIGNATURE_HEADER,
					"signature-header", name);
			distinct(name, id, value);
			return new TimestampedHexScheme(value, id);
		}
		WebhookSignatureScheme bean = bean(name, beanFactory);
		List<String> headerSettings = new ArrayList<>();
		addIfSet(headerSettings, "id-header", signature.getIdHeader());
		addIfSet(headerSettings, "timestamp-header", signature.getTimestampHeader());
		addIfSet(headerSettings, "signature-header", signature.getSignatureHeader());
		if (!headerSettings.isEmpty()) {
			throw new IllegalStateException(PREFIX + String.join(", " + PREFIX, headerSettings) + " apply to the "
					+ "built-in schemes only; the scheme bean '" + name + "' names its own headers");
		}
		return bean;
	}

	private static WebhookSignatureScheme bean(String name, ListableBeanFactory beanFactory) {
		if (beanFactory.containsBean(name)) {
			Object bean = beanFactory.getBean(name);
			if (bean instanceof WebhookSignatureScheme scheme) {
				return scheme;
			}
			throw new IllegalStateException(PREFIX + "scheme names the bean '" + name + "', which is a "
					+ bean.getClass().getName() + ", not a " + WebhookSignatureScheme.class.getName());
		}
		Map<String, WebhookSignatureScheme> schemes = beanFactory.getBeansOfType(WebhookSignatureScheme.class);
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
