package dev.webhooks.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Keeps each tenant's enabled endpoints for a short time, so that publishing does not query the endpoint table
 * for every group of events (on PostgreSQL that query was a fifth of a group's write, see docs/benchmarks.md).
 * <p>
 * {@link #evictAll()} drops everything at once; {@link WebhookSubscribers} calls it after each change made through
 * {@link WebhookEndpoints}, and when the delivery engine disables an endpoint, so that within one instance a change
 * is seen by the next publish. A change made by another instance sharing the database is seen once the entry is
 * older than the time to live. A load that started before an eviction is not kept, so an eviction cannot be
 * undone by a query that read the table before the change.
 */
final class EnabledEndpointsCache {

	/** More tenants than this and the cache starts again empty rather than growing without bound. */
	private static final int MAX_TENANTS = 10_000;

	private final long timeToLiveNanos;

	private final Map<Tenant, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	/**
	 * Create a cache.
	 * @param timeToLive how long an entry is used; zero keeps nothing
	 * @throws IllegalArgumentException if the time to live is negative
	 */
	EnabledEndpointsCache(Duration timeToLive) {
		if (timeToLive.isNegative()) {
			throw new IllegalArgumentException(
					"webhooks.publisher.subscriber-cache-ttl may not be negative, but is " + timeToLive);
		}
		this.timeToLiveNanos = timeToLive.toNanos();
	}

	/**
	 * The enabled endpoints of a tenant, from the cache or loaded.
	 * @param tenantId the tenant, or {@code null}
	 * @param loader reads them from the store
	 * @return the endpoints
	 */
	List<WebhookEndpoint> get(String tenantId, Function<String, List<WebhookEndpoint>> loader) {
		if (this.timeToLiveNanos == 0) {
			return loader.apply(tenantId);
		}
		Tenant tenant = new Tenant(tenantId);
		long generation = this.generation.get();
		long now = System.nanoTime();
		Entry entry = this.entries.get(tenant);
		if (entry != null && entry.generation() == generation && now - entry.loadedAt() < this.timeToLiveNanos) {
			return entry.endpoints();
		}
		List<WebhookEndpoint> endpoints = List.copyOf(loader.apply(tenantId));
		if (this.entries.size() >= MAX_TENANTS) {
			this.entries.clear();
		}
		// an entry of an older generation is never used, so a load that raced an eviction is harmless
		this.entries.put(tenant, new Entry(endpoints, generation, now));
		return endpoints;
	}

	/** Forget every tenant's endpoints. */
	void evictAll() {
		this.generation.incrementAndGet();
		this.entries.clear();
	}

	private record Tenant(String id) {
	}

	private record Entry(List<WebhookEndpoint> endpoints, long generation, long loadedAt) {
	}

}
