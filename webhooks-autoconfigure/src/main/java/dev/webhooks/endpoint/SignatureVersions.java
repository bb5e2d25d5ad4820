package dev.webhooks.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.webhooks.signing.Ed25519Key;
import dev.webhooks.signing.WebhookSecret;

/**
 * The Standard Webhooks signature versions an endpoint signs with: {@code v1} (HMAC-SHA256 with a {@code whsec_}
 * secret) and {@code v1a} (ed25519 with a {@code whsk_} key, verified with its {@code whpk_} public key). An
 * endpoint signs a version while it has a current credential of that kind, so its versions are read from its
 * secrets rather than stored beside them, and a version that is dropped keeps signing until its credential expires.
 */
public final class SignatureVersions {

	/** HMAC-SHA256, symmetric. */
	public static final String V1 = "v1";

	/** Ed25519, asymmetric. */
	public static final String V1A = "v1a";

	/** The versions of an endpoint that names none. */
	public static final List<String> DEFAULT = List.of(V1);

	private SignatureVersions() {
	}

	/**
	 * Check requested versions.
	 * @param requested the versions, in any order and case
	 * @return {@code v1}, {@code v1a} or both, in that order
	 * @throws IllegalArgumentException naming the unknown version, or when none is named
	 */
	public static List<String> check(List<String> requested) {
		boolean v1 = false;
		boolean v1a = false;
		for (String version : requested) {
			String name = (version != null) ? version.strip().toLowerCase(Locale.ROOT) : "";
			if (V1.equals(name)) {
				v1 = true;
			}
			else if (V1A.equals(name)) {
				v1a = true;
			}
			else {
				throw new IllegalArgumentException("Unknown signature version '" + version + "': the signature "
						+ "versions are v1 (HMAC-SHA256) and v1a (ed25519)");
			}
		}
		if (!v1 && !v1a) {
			throw new IllegalArgumentException("At least one signature version is needed: v1, v1a or both");
		}
		return of(v1, v1a);
	}

	/**
	 * The versions an endpoint's secrets sign with now: those of its current (unexpiring) secrets.
	 * @param secrets the endpoint's secrets
	 * @return the versions, {@code v1} first
	 */
	public static List<String> of(List<EndpointSecret> secrets) {
		boolean v1 = false;
		boolean v1a = false;
		for (EndpointSecret secret : secrets) {
			if (secret.expiresAt() == null) {
				v1 |= !secret.secret().isEd25519();
				v1a |= secret.secret().isEd25519();
			}
		}
		return of(v1, v1a);
	}

	/**
	 * A new credential of a version.
	 * @param version {@code v1} or {@code v1a}
	 * @return a new {@code whsec_} secret, or a new ed25519 private key
	 */
	static WebhookSecret generate(String version) {
		return V1A.equals(version) ? WebhookSecret.of(Ed25519Key.generate()) : WebhookSecret.generate();
	}

	/**
	 * The version a credential signs.
	 * @param secret the credential
	 * @return {@code v1} or {@code v1a}
	 */
	static String versionOf(WebhookSecret secret) {
		return secret.isEd25519() ? V1A : V1;
	}

	/**
	 * An endpoint's secrets changed to sign the wanted versions: a version added gets a new credential, one
	 * dropped keeps signing until {@code expiry}, the others stay as they are; expired secrets are left out.
	 * @param secrets the current secrets
	 * @param wanted the versions to sign
	 * @param now the time of the change
	 * @param expiry when the credentials of a dropped version stop signing
	 * @return the secrets, and the new {@code v1} secret when one was made
	 */
	static Change change(List<EndpointSecret> secrets, List<String> wanted, Instant now, Instant expiry) {
		List<String> current = of(secrets);
		List<EndpointSecret> changed = new ArrayList<>();
		WebhookSecret newV1 = null;
		for (String version : wanted) {
			if (!current.contains(version)) {
				WebhookSecret made = generate(version);
				changed.add(new EndpointSecret(made, null));
				newV1 = V1.equals(version) ? made : newV1;
			}
		}
		for (EndpointSecret secret : secrets) {
			if (!secret.isValidAt(now)) {
				continue;
			}
			boolean dropped = secret.expiresAt() == null && !wanted.contains(versionOf(secret.secret()));
			changed.add(dropped ? new EndpointSecret(secret.secret(), expiry) : secret);
		}
		return new Change(List.copyOf(changed), newV1);
	}

	private static List<String> of(boolean v1, boolean v1a) {
		if (v1 && v1a) {
			return List.of(V1, V1A);
		}
		return v1a ? List.of(V1A) : (v1 ? List.of(V1) : List.of());
	}

	/**
	 * Secrets after a change of versions.
	 *
	 * @param secrets the secrets
	 * @param newV1Secret the {@code v1} secret the change made, to hand out once, or {@code null}
	 */
	record Change(List<EndpointSecret> secrets, WebhookSecret newV1Secret) {
	}

}
