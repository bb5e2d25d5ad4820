package dev.webhooks.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.webhooks.receive.WebhookSource;
import dev.webhooks.receive.WebhookSources;
import dev.webhooks.signing.InvalidWebhookSecretException;
import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.TimestampedHexScheme;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.signing.WebhookSignatureScheme;

/**
 * Turns {@code webhooks.receiver.sources} into {@link WebhookSources}, failing with a message that names the
 * property at fault (and never shows a secret).
 */
final class WebhookSourcesFactory {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

	private WebhookSourcesFactory() {
	}

	static WebhookSources create(WebhooksReceiverProperties properties, List<WebhookSignatureScheme> customSchemes) {
		List<WebhookSource> sources = new ArrayList<>();
		String base = trimTrailingSlash(properties.getPath());
		for (Map.Entry<String, WebhooksReceiverProperties.Source> entry : properties.getSources().entrySet()) {
			String name = entry.getKey();
			WebhooksReceiverProperties.Source source = entry.getValue();
			String prefix = "webhooks.receiver.sources." + name;
			if (!NAME.matcher(name).matches()) {
				throw new IllegalStateException("Webhook source name '" + name
						+ "' may only use letters, digits, '.', '_' and '-', as it is a path segment");
			}
			WebhookSignatureScheme scheme = scheme(prefix, source, customSchemes);
			List<String> configured = source.getSecrets();
			if (configured == null || configured.isEmpty()) {
				throw new IllegalStateException(prefix + ".secrets is empty: a source needs at least one secret to "
						+ "verify its requests");
			}
			List<WebhookSecret> secrets = new ArrayList<>();
			for (int index = 0; index < configured.size(); index++) {
				try {
					secrets.add(scheme.parseSecret(configured.get(index)));
				}
				catch (InvalidWebhookSecretException ex) {
					throw new IllegalStateException(prefix + ".secrets[" + index + "] is not a valid secret for the "
							+ scheme.name() + " scheme: " + ex.getMessage());
				}
			}
			String path = (source.getPath() != null && !source.getPath().isBlank()) ? source.getPath().strip()
					: base + "/" + name;
			if (!path.startsWith("/")) {
				throw new IllegalStateException(prefix + ".path must start with '/', but is '" + path + "'");
			}
			if (source.getTolerance() == null || source.getTolerance().isNegative()) {
				throw new IllegalStateException(prefix + ".tolerance must not be negative");
			}
			if (source.getMaxBodySize() == null || source.getMaxBodySize().toBytes() <= 0) {
				throw new IllegalStateException(prefix + ".max-body-size must be positive");
			}
			sources.add(new WebhookSource(name, path, scheme, secrets, source.getTolerance(),
					source.getMaxBodySize().toBytes(), source.isAsync()));
		}
		return new WebhookSources(sources);
	}

	private static WebhookSignatureScheme scheme(String prefix, WebhooksReceiverProperties.Source source,
			List<WebhookSignatureScheme> customSchemes) {
		String name = (source.getScheme() != null) ? source.getScheme().strip() : StandardWebhooksScheme.NAME;
		for (WebhookSignatureScheme custom : customSchemes) {
			if (custom.name().equals(name)) {
				return custom;
			}
		}
		if (StandardWebhooksScheme.NAME.equals(name)) {
			return new StandardWebhooksScheme();
		}
		if (TimestampedHexScheme.NAME.equals(name)) {
			return new TimestampedHexScheme(source.getSignatureHeader(), source.getIdHeader());
		}
		throw new IllegalStateException(prefix + ".scheme is '" + name + "', which is not known: use "
				+ StandardWebhooksScheme.NAME + ", " + TimestampedHexScheme.NAME
				+ " or the name of a WebhookSignatureScheme bean");
	}

	private static String trimTrailingSlash(String path) {
		String value = (path != null && !path.isBlank()) ? path.strip() : "/webhooks/incoming";
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

}
