package dev.webhooks.endpoint;

import java.util.ArrayList;
import java.util.List;

import dev.webhooks.signing.WebhookSecret;

/**
 * The secrets of a configured endpoint ({@code webhooks.endpoints[n]}) for each of its signature versions: the
 * configured ones of that version, else the stored ones, else a new one the first time. A wrong combination stops
 * the start-up with a message naming the endpoint and the property.
 */
final class StaticEndpointSecrets {

	private StaticEndpointSecrets() {
	}

	static List<EndpointSecret> of(StaticEndpoint definition, WebhookEndpoint existing) {
		List<WebhookSecret> configured = new ArrayList<>();
		for (String text : (definition.secrets() != null) ? definition.secrets() : List.<String>of()) {
			WebhookSecret secret = parse(definition, text);
			if (secret.isEd25519() && !secret.ed25519().isPrivate()) {
				throw new IllegalStateException("Webhook endpoint '" + definition.id() + "': webhooks.endpoints[n]"
						+ ".secrets holds a public key (whpk_); an endpoint signs with the private key (whsk_), "
						+ "and its receivers verify with the public one");
			}
			configured.add(secret);
		}
		List<String> versions = versions(definition, configured);
		List<EndpointSecret> secrets = new ArrayList<>();
		for (String version : versions) {
			List<EndpointSecret> ofVersion = new ArrayList<>();
			for (WebhookSecret secret : configured) {
				if (SignatureVersions.versionOf(secret).equals(version)) {
					ofVersion.add(new EndpointSecret(secret, null));
				}
			}
			if (ofVersion.isEmpty() && existing != null) {
				List<EndpointSecret> stored = existing.secrets().stream()
					.filter((secret) -> SignatureVersions.versionOf(secret.secret()).equals(version))
					.toList();
				if (stored.stream().anyMatch((secret) -> secret.expiresAt() == null)) {
					ofVersion.addAll(stored);
				}
			}
			if (ofVersion.isEmpty()) {
				ofVersion.add(new EndpointSecret(SignatureVersions.generate(version), null));
			}
			secrets.addAll(ofVersion);
		}
		return List.copyOf(secrets);
	}

	private static List<String> versions(StaticEndpoint definition, List<WebhookSecret> configured) {
		List<String> kinds = configured.stream().map(SignatureVersions::versionOf).distinct().toList();
		if (definition.signatureVersions() == null || definition.signatureVersions().isEmpty()) {
			return kinds.isEmpty() ? SignatureVersions.DEFAULT : SignatureVersions.check(kinds);
		}
		List<String> versions;
		try {
			versions = SignatureVersions.check(definition.signatureVersions());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Webhook endpoint '" + definition.id() + "': webhooks.endpoints[n]"
					+ ".signature-versions: " + ex.getMessage(), ex);
		}
		for (String kind : kinds) {
			if (!versions.contains(kind)) {
				throw new IllegalStateException("Webhook endpoint '" + definition.id() + "': webhooks.endpoints[n]"
						+ ".secrets holds a " + kind + " secret, but its signature-versions " + versions
						+ " do not include " + kind);
			}
		}
		return versions;
	}

	private static WebhookSecret parse(StaticEndpoint definition, String text) {
		try {
			return WebhookEndpoints.parseSecret(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Webhook endpoint '" + definition.id() + "': webhooks.endpoints[n]"
					+ ".secrets: " + ex.getMessage(), ex);
		}
	}

}
