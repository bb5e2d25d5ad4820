package dev.webhooks.receive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.webhooks.signing.Ed25519Key;
import dev.webhooks.signing.InvalidWebhookSecretException;
import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.TimestampedHexScheme;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.signing.WebhookSignatureScheme;

import org.springframework.util.unit.DataSize;

/**
 * One source as configured under {@code webhooks.receiver.sources.<name>}, not yet checked; {@link #toSource}
 * checks it and makes the {@link WebhookSource}, failing with a message that names the property at fault (and
 * never shows a secret).
 *
 * @param name the source name, the key under {@code webhooks.receiver.sources}
 * @param secrets the secrets as written
 * @param publicKeys the {@code whpk_} ed25519 public keys that verify {@code v1a} signatures, beside or instead of
 * the secrets (Standard Webhooks only)
 * @param scheme the scheme name, {@code null} for Standard Webhooks
 * @param signatureHeader the signature header of the timestamped-hex scheme
 * @param idHeader the message-id header of the timestamped-hex scheme
 * @param tolerance the largest accepted distance between the signed timestamp and now
 * @param maxBodySize the largest accepted body
 * @param path the source's own path, or {@code null} or blank for {@code {base path}/{name}}
 * @param async whether listeners run after the request is answered with 202
 */
public record WebhookSourceSettings(String name, List<String> secrets, List<String> publicKeys, String scheme,
		String signatureHeader, String idHeader, Duration tolerance, DataSize maxBodySize, String path,
		boolean async) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

	/**
	 * Check these settings and make the source.
	 * @param basePath the receiver's base path, {@code /webhooks/incoming} when {@code null} or blank
	 * @param customSchemes the application's schemes, found by name before the built-in ones
	 * @return the source
	 * @throws IllegalStateException when a setting is wrong, naming its property
	 */
	public WebhookSource toSource(String basePath, List<WebhookSignatureScheme> customSchemes) {
		String prefix = "webhooks.receiver.sources." + this.name;
		if (!NAME.matcher(this.name).matches()) {
			throw new IllegalStateException("Webhook source name '" + this.name
					+ "' may only use letters, digits, '.', '_' and '-', as it is a path segment");
		}
		WebhookSignatureScheme signatureScheme = signatureScheme(prefix, customSchemes);
		List<String> secretTexts = (this.secrets != null) ? this.secrets : List.of();
		List<String> keyTexts = (this.publicKeys != null) ? this.publicKeys : List.of();
		if (secretTexts.isEmpty() && keyTexts.isEmpty()) {
			boolean standard = signatureScheme instanceof StandardWebhooksScheme;
			throw new IllegalStateException(prefix + ".secrets is empty"
					+ (standard ? " and so is " + prefix + ".public-keys" : "") + ": a source needs at least one "
					+ "secret" + (standard ? " or public key" : "") + " to verify its requests");
		}
		if (!keyTexts.isEmpty() && !(signatureScheme instanceof StandardWebhooksScheme)) {
			throw new IllegalStateException(prefix + ".public-keys verify Standard Webhooks v1a signatures; the "
					+ signatureScheme.name() + " scheme has none");
		}
		List<WebhookSecret> parsed = new ArrayList<>();
		for (int index = 0; index < secretTexts.size(); index++) {
			try {
				WebhookSecret secret = signatureScheme.parseSecret(secretTexts.get(index));
				if (secret.isEd25519()) {
					throw new IllegalStateException(prefix + ".secrets[" + index + "] is an ed25519 key; a source "
							+ "verifies v1a with the sender's public key (whpk_), configured under " + prefix
							+ ".public-keys");
				}
				parsed.add(secret);
			}
			catch (InvalidWebhookSecretException ex) {
				throw new IllegalStateException(prefix + ".secrets[" + index + "] is not a valid secret for the "
						+ signatureScheme.name() + " scheme: " + ex.getMessage());
			}
		}
		for (int index = 0; index < keyTexts.size(); index++) {
			String text = keyTexts.get(index);
			if (text == null || !text.strip().startsWith(Ed25519Key.PUBLIC_PREFIX)) {
				// a private key here would be a leak waiting to happen: the receiver never needs one
				throw new IllegalStateException(prefix + ".public-keys[" + index + "] is not an ed25519 public key "
						+ "(" + Ed25519Key.PUBLIC_PREFIX + "…)");
			}
			try {
				parsed.add(WebhookSecret.of(Ed25519Key.parse(text)));
			}
			catch (InvalidWebhookSecretException ex) {
				throw new IllegalStateException(prefix + ".public-keys[" + index + "] is not a valid public key: "
						+ ex.getMessage());
			}
		}
		String sourcePath = (this.path != null && !this.path.isBlank()) ? this.path.strip()
				: trimTrailingSlash(basePath) + "/" + this.name;
		if (!sourcePath.startsWith("/")) {
			throw new IllegalStateException(prefix + ".path must start with '/', but is '" + sourcePath + "'");
		}
		if (this.tolerance == null || this.tolerance.isNegative()) {
			throw new IllegalStateException(prefix + ".tolerance must not be negative");
		}
		if (this.maxBodySize == null || this.maxBodySize.toBytes() <= 0) {
			throw new IllegalStateException(prefix + ".max-body-size must be positive");
		}
		return new WebhookSource(this.name, sourcePath, signatureScheme, parsed, this.tolerance,
				this.maxBodySize.toBytes(), this.async);
	}

	private WebhookSignatureScheme signatureScheme(String prefix, List<WebhookSignatureScheme> customSchemes) {
		String schemeName = (this.scheme != null) ? this.scheme.strip() : StandardWebhooksScheme.NAME;
		for (WebhookSignatureScheme custom : customSchemes) {
			if (custom.name().equals(schemeName)) {
				return custom;
			}
		}
		if (StandardWebhooksScheme.NAME.equals(schemeName)) {
			return new StandardWebhooksScheme();
		}
		if (TimestampedHexScheme.NAME.equals(schemeName)) {
			return new TimestampedHexScheme(this.signatureHeader, this.idHeader);
		}
		throw new IllegalStateException(prefix + ".scheme is '" + schemeName + "', which is not known: use "
				+ StandardWebhooksScheme.NAME + ", " + TimestampedHexScheme.NAME
				+ " or the name of a WebhookSignatureScheme bean");
	}

	private static String trimTrailingSlash(String path) {
		String value = (path != null && !path.isBlank()) ? path.strip() : "/webhooks/incoming";
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	@Override
	public String toString() {
		// secrets as written: only their number is printed
		return "WebhookSourceSettings[name=" + this.name + ", secrets="
				+ ((this.secrets != null) ? this.secrets.size() : 0) + ", publicKeys=" + this.publicKeys + ", scheme=" + this.scheme + ", path="
				+ this.path + ", async=" + this.async + "]";
	}

}
