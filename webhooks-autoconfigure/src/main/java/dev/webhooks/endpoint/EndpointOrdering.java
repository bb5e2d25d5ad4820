package dev.webhooks.endpoint;

import java.util.Locale;

/**
 * In which order an endpoint receives its deliveries: {@code parallel} (the default, several in flight at once,
 * a retried one overtaken by later ones) or {@code fifo} (one at a time, in publish order per tenant, the next
 * waiting while one is retried).
 */
public enum EndpointOrdering {

	/** Several deliveries in flight at once; no order is kept. */
	PARALLEL,

	/** One delivery at a time, in publish order. */
	FIFO;

	/**
	 * The name used in the API and in configuration.
	 * @return {@code parallel} or {@code fifo}
	 */
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Read an API name, in any case.
	 * @param name {@code parallel} or {@code fifo}
	 * @return the ordering
	 * @throws InvalidEndpointFieldException when the name is neither
	 */
	public static EndpointOrdering fromApiName(String name) {
		for (EndpointOrdering ordering : values()) {
			if (ordering.name().equalsIgnoreCase(name)) {
				return ordering;
			}
		}
		throw new InvalidEndpointFieldException("ordering", "unknown-ordering",
				"'ordering' must be 'parallel' or 'fifo'");
	}

}
