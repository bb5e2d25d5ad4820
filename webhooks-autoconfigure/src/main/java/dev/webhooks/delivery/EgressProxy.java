package dev.webhooks.delivery;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP proxy every webhook leaves through, so receivers see the proxy's known addresses. Each request is
 * tunnelled with {@code CONNECT} to the address the URL guard checked (never to the host name, which the proxy
 * would resolve again), for {@code https} and plain {@code http} endpoints alike.
 *
 * @param host the proxy's host name or address
 * @param port the proxy's port
 * @param username the user name for the proxy's Basic authentication, or {@code null} for none
 * @param password the password for it, or {@code null} for none
 * @param nonProxyHosts hosts reached directly instead: exact names, or {@code *.example.com} for a domain's
 * sub-domains
 */
public record EgressProxy(String host, int port, String username, String password, List<String> nonProxyHosts) {

	public EgressProxy {
		if (host == null || host.isBlank()) {
			throw new IllegalArgumentException("The proxy needs a host");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("The proxy port must be between 1 and 65535, not " + port);
		}
		if ((username == null || username.isEmpty()) != (password == null || password.isEmpty())) {
			throw new IllegalArgumentException("The proxy needs both a username and a password, or neither");
		}
		nonProxyHosts = (nonProxyHosts != null) ? nonProxyHosts.stream().map((h) -> h.trim().toLowerCase(Locale.ROOT))
			.filter((h) -> !h.isEmpty()).toList() : List.of();
	}

	/**
	 * A proxy from its URL, such as {@code http://proxy.internal:3128}. Credentials do not belong in the URL (it
	 * ends up in logs); a URL that carries them is refused without repeating it.
	 * @param url the proxy's URL
	 * @param username the user name, or {@code null}
	 * @param password the password, or {@code null}
	 * @param nonProxyHosts hosts reached directly
	 * @return the proxy
	 */
	public static EgressProxy of(String url, String username, String password, List<String> nonProxyHosts) {
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("The proxy URL is not a URL (expected http://host:port)");
		}
		if (uri.getRawUserInfo() != null) {
			throw new IllegalArgumentException(
					"The proxy URL may not carry credentials; set the username and password properties instead");
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			throw new IllegalArgumentException(
					"The proxy URL must be http://host:port (a proxy reached over plain HTTP that supports CONNECT), not '"
							+ url + "'");
		}
		if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("The proxy URL must be http://host:port with no path or query, not '"
					+ url + "'");
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : 80;
		String host = uri.getHost();
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		return new EgressProxy(host, port, username, password, nonProxyHosts);
	}

	/**
	 * Whether requests to a host go through the proxy.
	 * @param targetHost the endpoint's host
	 * @return {@code false} when the host is one of the non-proxy hosts
	 */
	public boolean appliesTo(String targetHost) {
		String name = targetHost.toLowerCase(Locale.ROOT);
		for (String pattern : this.nonProxyHosts) {
			if (pattern.startsWith("*.") ? name.endsWith(pattern.substring(1)) : name.equals(pattern)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the proxy asks for Basic authentication.
	 * @return {@code true} when a username is set
	 */
	public boolean authenticates() {
		return this.username != null && !this.username.isEmpty();
	}

	@Override
	public String toString() {
		// never the password: this ends up in logs and actuator output
		return "EgressProxy[http://" + this.host + ":" + this.port + (authenticates() ? ", user " + this.username : "")
				+ ", nonProxyHosts=" + this.nonProxyHosts + "]";
	}

}
