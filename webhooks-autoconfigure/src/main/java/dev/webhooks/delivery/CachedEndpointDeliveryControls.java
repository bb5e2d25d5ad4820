package dev.webhooks.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.WebhookEndpoint;

/**
 * {@link EndpointDeliveryControls} read from the {@link EndpointRepository} and kept for a short time per endpoint,
 * so an attempt costs a map lookup; a changed limit is applied once the entry is older than the time to live (on
 * every instance alike).
 */
public final class CachedEndpointDeliveryControls implements EndpointDeliveryControls {

	/** More endpoints than this and the cache starts again empty rather than growing without bound. */
	private static final int MAX_ENDPOINTS = 100_000;

	private final EndpointRepository endpoints;

	private final Function<WebhookEndpoint, Integer> rateLimit;

	private final long timeToLiveNanos;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * Create the controls.
	 * @param endpoints where endpoints are read
	 * @param rateLimit reads an endpoint's limit, {@code null} for none
	 * @param timeToLive how long an endpoint's settings are used before they are read again
	 */
	public CachedEndpointDeliveryControls(EndpointRepository endpoints, Function<WebhookEndpoint, Integer> rateLimit,
			Duration timeToLive) {
		this.endpoints = endpoints;
		this.rateLimit = rateLimit;
		this.timeToLiveNanos = timeToLive.toNanos();
	}

	@Override
	public Integer rateLimitOf(String endpointId) {
		long now = System.nanoTime();
		Entry entry = this.entries.get(endpointId);
		if (entry == null || now - entry.loadedAt() >= this.timeToLiveNanos) {
			Optional<WebhookEndpoint> endpoint = this.endpoints.findById(endpointId);
			entry = new Entry(endpoint.map(this.rateLimit).orElse(null), now);
			if (this.entries.size() >= MAX_ENDPOINTS) {
				this.entries.clear();
			}
			this.entries.put(endpointId, entry);
		}
		return entry.rateLimit();
	}

	private record Entry(Integer rateLimit, long loadedAt) {
	}

}
