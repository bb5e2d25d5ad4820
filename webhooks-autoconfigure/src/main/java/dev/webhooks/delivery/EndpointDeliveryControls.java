package dev.webhooks.delivery;

/**
 * The per-endpoint settings the dispatcher applies to every attempt: for now the rate limit. Looked up for each
 * attempt, so an implementation answers from memory.
 */
@FunctionalInterface
public interface EndpointDeliveryControls {

	/** No endpoint is limited. */
	EndpointDeliveryControls NONE = (endpointId) -> null;

	/**
	 * The most requests per second the endpoint accepts.
	 * @param endpointId the endpoint
	 * @return the limit, or {@code null} for none
	 */
	Integer rateLimitOf(String endpointId);

}
