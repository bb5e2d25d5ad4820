package dev.webhooks.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import dev.webhooks.urlguard.UnsafeUrlException;
import dev.webhooks.urlguard.UrlGuard;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The DNS step of the delivery HTTP client, checked by the {@link UrlGuard}: every address a host resolves to
 * passes {@link UrlGuard#checkAddress} before a connection is opened, so an endpoint whose name resolved to a
 * public address when it was registered, and to {@code 127.0.0.1} or {@code 169.254.169.254} today, is refused
 * at connect time (DNS rebinding).
 * <p>
 * One refused address refuses the host: a name that mixes public and internal answers is not one to trust, and
 * the client could otherwise fail over to the internal one.
 */
public class GuardedDnsResolver implements DnsResolver {

	private final UrlGuard guard;

	private final DnsResolver delegate;

	/**
	 * A resolver that asks the system resolver.
	 * @param guard the guard every address must pass
	 */
	public GuardedDnsResolver(UrlGuard guard) {
		this(guard, SystemDefaultDnsResolver.INSTANCE);
	}

	/**
	 * A resolver that asks another resolver.
	 * @param guard the guard every address must pass
	 * @param delegate the resolver that does the lookups
	 */
	public GuardedDnsResolver(UrlGuard guard, DnsResolver delegate) {
		if (guard == null || delegate == null) {
			throw new IllegalArgumentException("A guard and a delegate resolver are required");
		}
		this.guard = guard;
		this.delegate = delegate;
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress[] addresses = this.delegate.resolve(host);
		if (addresses == null || addresses.length == 0) {
			// HttpClient would fall back to an unresolved address that the socket resolves unchecked
			throw new UnknownHostException(host + " has no address");
		}
		for (InetAddress address : addresses) {
			check(host, address);
		}
		return addresses;
	}

	@Override
	public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
		List<InetSocketAddress> addresses = this.delegate.resolve(host, port);
		if (addresses == null || addresses.isEmpty()) {
			throw new UnknownHostException(host + " has no address");
		}
		for (InetSocketAddress address : addresses) {
			if (address.isUnresolved()) {
				throw new RefusedAddressException(host, new UnsafeUrlException(
						"refused: " + host + " was not resolved to an address that can be checked"));
			}
			check(host, address.getAddress());
		}
		return addresses;
	}

	@Override
	public String resolveCanonicalHostname(String host) throws UnknownHostException {
		return this.delegate.resolveCanonicalHostname(host);
	}

	private void check(String host, InetAddress address) throws RefusedAddressException {
		try {
			this.guard.checkAddress(host, address);
		}
		catch (UnsafeUrlException ex) {
			throw new RefusedAddressException(host, ex);
		}
	}

	/**
	 * Thrown when the guard refuses an address a host resolved to. An {@link UnknownHostException}, so the HTTP
	 * client fails the connection as for a name that does not resolve; the message is the guard's reason and
	 * {@link #getRefusal()} keeps the guard's exception.
	 */
	public static class RefusedAddressException extends UnknownHostException {

		private final String host;

		public RefusedAddressException(String host, UnsafeUrlException refusal) {
			super(refusal.getMessage());
			this.host = host;
			initCause(refusal);
		}

		/**
		 * The host that was being resolved.
		 * @return the host
		 */
		public String getHost() {
			return this.host;
		}

		/**
		 * The guard's refusal.
		 * @return the exception the guard threw
		 */
		public UnsafeUrlException getRefusal() {
			return (UnsafeUrlException) getCause();
		}

	}

}
