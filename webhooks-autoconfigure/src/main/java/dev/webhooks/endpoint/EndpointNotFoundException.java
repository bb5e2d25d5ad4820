package dev.webhooks.endpoint;

import java.util.NoSuchElementException;

/**
 * Thrown when an endpoint id is unknown, deleted, or belongs to another tenant than the caller's.
 */
public class EndpointNotFoundException extends NoSuchElementException {

	private final String endpointId;

	public EndpointNotFoundException(String endpointId) {
		super("No webhook endpoint '" + endpointId + "'");
		this.endpointId = endpointId;
	}

	/**
	 * The id that was looked for.
	 * @return the id
	 */
	public String getEndpointId() {
		return this.endpointId;
	}

}
