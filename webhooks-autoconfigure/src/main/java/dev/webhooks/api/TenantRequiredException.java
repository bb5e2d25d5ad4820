package dev.webhooks.api;

/**
 * Thrown when a management API request has no tenant: answered with 401.
 */
public class TenantRequiredException extends RuntimeException {

	public TenantRequiredException() {
		super("The request is not authenticated as any tenant");
	}

}
