package dev.webhooks.urlguard;

import java.net.InetAddress;
import java.net.URI;

/**
 * Decides where outgoing webhook requests may go. Checked when an endpoint is created or updated
 * ({@link #checkUrl(URI)}) and again at connect time on every resolved address ({@link #checkAddress}),
 * because a DNS answer can change after the endpoint was accepted.
 */
public interface UrlGuard {

	/**
	 * Check an endpoint URL: scheme, length, user-info, and host names and literal addresses.
	 * @param url the URL
	 * @throws UnsafeUrlException saying what is refused
	 */
	void checkUrl(URI url) throws UnsafeUrlException;

	/**
	 * Check one resolved address of a host before connecting to it.
	 * @param host the host name being resolved
	 * @param address one of its addresses
	 * @throws UnsafeUrlException when the address is refused
	 */
	void checkAddress(String host, InetAddress address) throws UnsafeUrlException;

}
