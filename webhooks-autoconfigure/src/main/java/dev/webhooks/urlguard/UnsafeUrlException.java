package dev.webhooks.urlguard;

/**
 * Thrown when the {@link UrlGuard} refuses a URL or address; the message says which rule refused it.
 */
public class UnsafeUrlException extends IllegalArgumentException {

	public UnsafeUrlException(String message) {
		super(message);
	}

}
