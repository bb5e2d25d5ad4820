package dev.webhooks.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The bodies the management API reads, in snake_case ({@link ApiRequestReader}).
 */
public final class ApiRequests {

	private ApiRequests() {
	}

	/**
	 * Create or change an endpoint; on a change, absent fields stay as they are.
	 *
	 * @param url the HTTPS URL
	 * @param description free text
	 * @param events event types or patterns ({@code lead.*}); empty subscribes to every type
	 * @param headers custom headers sent with every request
	 * @param enabled whether deliveries are made
	 * @param filter the payload filter document; JSON {@code null} removes it
	 * @param ordering {@code parallel} or {@code fifo}
	 * @param rateLimit requests per second; JSON {@code null} removes the limit
	 * @param sslBundle the SSL bundle that presents a client certificate; JSON {@code null} removes it
	 */
	public record EndpointBody(String url, String description, List<String> events, Map<String, String> headers,
			Boolean enabled, JsonNode filter, String ordering, JsonNode rateLimit, JsonNode sslBundle) {

		static final EndpointBody EMPTY = new EndpointBody(null, null, null, null, null, null, null, null, null);

	}

	/**
	 * Rotate an endpoint's secret.
	 *
	 * @param gracePeriodSeconds how long the old secret keeps signing beside the new one, 0 to 604800 (7 days);
	 * absent for the default
	 */
	public record RotateSecretBody(Long gracePeriodSeconds) {

		static final RotateSecretBody EMPTY = new RotateSecretBody(null);

	}

	/**
	 * Send a test event.
	 *
	 * @param eventType the type, by default the catalog's test type
	 * @param payload the {@code data.object}, by default the type's example
	 */
	public record TestEventBody(String eventType, JsonNode payload) {

		static final TestEventBody EMPTY = new TestEventBody(null, null);

	}

	/**
	 * Recover an endpoint's failed deliveries.
	 *
	 * @param since replay the deliveries that failed or died since this time
	 */
	public record RecoverBody(Instant since) {
	}

}
