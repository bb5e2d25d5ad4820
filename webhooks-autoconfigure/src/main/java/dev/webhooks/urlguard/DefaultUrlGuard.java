package dev.webhooks.urlguard;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The {@link UrlGuard} that keeps webhook deliveries away from the sender's own infrastructure (SSRF): HTTPS
 * only; at most {@value #MAX_URL_LENGTH} characters; no user-info; no loopback, private, carrier-grade NAT,
 * link-local, unspecified, multicast, broadcast or reserved address, in IPv4, IPv6 or an IPv6 form that embeds
 * IPv4; no cloud metadata service ({@code 169.254.169.254}, {@code metadata.google.internal},
 * {@code fd00:ec2::254}, ...); no internal-only name ({@code localhost}, {@code *.local}, {@code *.internal},
 * single labels); no AWS STS, IAM or EKS auth endpoint.
 * <p>
 * {@link #checkUrl(URI)} judges literal addresses and names by rule, without DNS; {@link #checkAddress} judges
 * each address a name resolves to when a request connects, because a DNS answer can change after the endpoint
 * was accepted.
 * <p>
 * Two switches exist for development and tests, both off by default: {@code allowHttp} permits {@code http}
 * URLs, and {@code allowPrivateNetworks} permits loopback, private and unique local addresses and internal
 * names. Link-local addresses, cloud metadata services and control-plane endpoints stay refused even then.
 */
public class DefaultUrlGuard implements UrlGuard {

	/** The longest URL accepted. */
	public static final int MAX_URL_LENGTH = 2048;

	private final boolean allowHttp;

	private final boolean allowPrivateNetworks;

	/** A guard with both development switches off. */
	public DefaultUrlGuard() {
		this(false, false);
	}

	private DefaultUrlGuard(boolean allowHttp, boolean allowPrivateNetworks) {
		this.allowHttp = allowHttp;
		this.allowPrivateNetworks = allowPrivateNetworks;
	}

	/**
	 * A builder for a guard with development switches.
	 * @return the builder, both switches off
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether {@code http} URLs are permitted.
	 * @return the switch
	 */
	public boolean isAllowHttp() {
		return this.allowHttp;
	}

	/**
	 * Whether loopback, private and internal destinations are permitted.
	 * @return the switch
	 */
	public boolean isAllowPrivateNetworks() {
		return this.allowPrivateNetworks;
	}

	@Override
	public void checkUrl(URI url) throws UnsafeUrlException {
		if (url == null) {
			throw new UnsafeUrlException("refused: no URL given");
		}
		int length = url.toASCIIString().length();
		if (length > MAX_URL_LENGTH) {
			throw new UnsafeUrlException("refused: the URL is " + length + " characters long; at most "
					+ MAX_URL_LENGTH + " are allowed");
		}
		checkScheme(url);
		String authority = url.getRawAuthority();
		if (url.getRawUserInfo() != null || (authority != null && authority.indexOf('@') >= 0)) {
			// never echo the user-info: it is a credential
			throw new UnsafeUrlException("refused: the URL carries user-info (credentials before '@')");
		}
		checkHost(host(url));
	}

	private void checkScheme(URI url) {
		String scheme = url.getScheme();
		if (scheme == null) {
			throw new UnsafeUrlException("refused: the URL is not an absolute https URL");
		}
		boolean allowed = scheme.equalsIgnoreCase("https") || (this.allowHttp && scheme.equalsIgnoreCase("http"));
		if (!allowed) {
			throw new UnsafeUrlException("refused: " + scheme + " URLs are not allowed, only https");
		}
		if (url.isOpaque()) {
			throw new UnsafeUrlException("refused: the URL is not an absolute https URL");
		}
	}

	/**
	 * The host of a URL. {@link URI} leaves the host empty for authorities it does not read as a server, among
	 * them {@code 127.1} and {@code 0x7f.1}, which resolvers do read as addresses; those are taken from the raw
	 * authority, so they meet the address rules instead of slipping through as "no host".
	 */
	private static String host(URI url) {
		if (url.getHost() != null && !url.getHost().isEmpty()) {
			return url.getHost();
		}
		String authority = url.getRawAuthority();
		if (authority == null || authority.isEmpty()) {
			throw new UnsafeUrlException("refused: the URL has no host");
		}
		int colon = authority.lastIndexOf(':');
		String host = (colon >= 0 && authority.substring(colon + 1).chars().allMatch(Character::isDigit))
				? authority.substring(0, colon) : authority;
		if (host.isEmpty() || !host.chars().allMatch((c) -> c < 128 && (Character.isLetterOrDigit(c) || c == '.'
				|| c == '-' || c == '_'))) {
			throw new UnsafeUrlException("refused: the URL has no host name or address that can be checked");
		}
		return host;
	}

	private void checkHost(String host) {
		if (host.startsWith("[")) {
			String literal = host.substring(1, host.length() - 1);
			int zone = literal.indexOf('%');
			checkLiteral(literal, (zone >= 0) ? literal.substring(0, zone) : literal);
			return;
		}
		String name = HostNameClassifier.normalise(host);
		if (name.isEmpty()) {
			throw new UnsafeUrlException("refused: the URL has an empty host name");
		}
		if (HostNameClassifier.endsInANumber(name)) {
			byte[] address = HostNameClassifier.parseIpv4(name);
			if (address == null) {
				throw new UnsafeUrlException("refused: " + name + " is neither a valid IPv4 address nor a host name");
			}
			checkBytes(name, address);
			return;
		}
		HostNameClassifier.Verdict verdict = HostNameClassifier.classify(name);
		if (verdict != null && !lifted(verdict.rule())) {
			throw new UnsafeUrlException("refused: " + name + " is " + verdict.rule().description()
					+ ((verdict.detail() != null) ? " (" + verdict.detail() + ")" : ""));
		}
	}

	private void checkLiteral(String text, String literal) {
		byte[] address;
		try {
			address = AddressClassifier.literalBytes(literal);
		}
		catch (UnknownHostException ex) {
			throw new UnsafeUrlException("refused: " + text + " is not a valid IPv6 address");
		}
		checkBytes(text, address);
	}

	private void checkBytes(String subject, byte[] address) {
		AddressClassifier.Verdict verdict = AddressClassifier.classify(address);
		if (verdict != null && !lifted(verdict.rule())) {
			throw new UnsafeUrlException("refused: " + subject + " is " + describe(verdict));
		}
	}

	@Override
	public void checkAddress(String host, InetAddress address) throws UnsafeUrlException {
		byte[] bytes = address.getAddress();
		AddressClassifier.Verdict verdict = AddressClassifier.classify(bytes);
		if (verdict == null || lifted(verdict.rule())) {
			return;
		}
		String text = AddressClassifier.format(bytes);
		String subject = (host == null || host.isEmpty() || sameAddress(host, bytes)) ? text + " is"
				: host + " resolves to " + text + ", which is";
		throw new UnsafeUrlException("refused: " + subject + " " + describe(verdict));
	}

	private static boolean sameAddress(String host, byte[] bytes) {
		String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		return literal.equalsIgnoreCase(AddressClassifier.format(bytes));
	}

	private static String describe(AddressClassifier.Verdict verdict) {
		String rule = verdict.rule().description() + " (" + verdict.range() + ")";
		return (verdict.embedding() != null) ? verdict.embedding() + " of " + verdict.embeddedAddress() + ", " + rule
				: rule;
	}

	private boolean lifted(GuardRule rule) {
		return this.allowPrivateNetworks && rule.isPrivateNetwork();
	}

	@Override
	public String toString() {
		return "DefaultUrlGuard[allowHttp=" + this.allowHttp + ", allowPrivateNetworks=" + this.allowPrivateNetworks
				+ "]";
	}

	/** Builds a {@link DefaultUrlGuard} with development switches. */
	public static final class Builder {

		private boolean allowHttp;

		private boolean allowPrivateNetworks;

		private Builder() {
		}

		/**
		 * Permit plain {@code http} URLs; for development and tests only.
		 * @param allowHttp whether to permit them
		 * @return this builder
		 */
		public Builder allowHttp(boolean allowHttp) {
			this.allowHttp = allowHttp;
			return this;
		}

		/**
		 * Permit loopback, private and unique local addresses, {@code localhost} and internal-only names; for
		 * development and tests only. Link-local addresses, cloud metadata services and control-plane endpoints
		 * stay refused.
		 * @param allowPrivateNetworks whether to permit them
		 * @return this builder
		 */
		public Builder allowPrivateNetworks(boolean allowPrivateNetworks) {
			this.allowPrivateNetworks = allowPrivateNetworks;
			return this;
		}

		/**
		 * Build the guard.
		 * @return the guard
		 */
		public DefaultUrlGuard build() {
			return new DefaultUrlGuard(this.allowHttp, this.allowPrivateNetworks);
		}

	}

}
