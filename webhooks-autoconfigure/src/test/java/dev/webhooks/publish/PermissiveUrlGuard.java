package dev.webhooks.publish;

import java.net.InetAddress;
import java.net.URI;

import dev.webhooks.urlguard.UrlGuard;

/** Accepts every URL: the tests' endpoints are not meant to be reached. */
class PermissiveUrlGuard implements UrlGuard {

	@Override
	public void checkUrl(URI url) {
	}

	@Override
	public void checkAddress(String host, InetAddress address) {
	}

}
