package dev.webhooks.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EnabledEndpointsCacheTests {

	private final List<String> loads = new ArrayList<>();

	private final AtomicInteger version = new AtomicInteger();

	/** Loads one endpoint whose description says how many loads there were. */
	private final Function<String, List<WebhookEndpoint>> loader = (tenantId) -> {
		this.loads.add(tenantId);
		return List.of(endpoint(tenantId, "v" + this.version.incrementAndGet()));
	};

	@Test
	void aTenantsEndpointsAreReadOnceWithinTheTimeToLive() {
		// given a cache that keeps entries for an hour
		EnabledEndpointsCache cache = new EnabledEndpointsCache(Duration.ofHours(1));

		// when one tenant's endpoints are asked for three times
		List<WebhookEndpoint> first = cache.get("t1", this.loader);
		List<WebhookEndpoint> second = cache.get("t1", this.loader);
		List<WebhookEndpoint> third = cache.get("t1", this.loader);

		// then the store was read once and every call got what it returned
		assertThat(this.loads).containsExactly("t1");
		assertThat(second).isEqualTo(first).isEqualTo(third);
	}

	@Test
	void eachTenantAndNoTenantHaveTheirOwnEntry() {
		EnabledEndpointsCache cache = new EnabledEndpointsCache(Duration.ofHours(1));

		List<WebhookEndpoint> t1 = cache.get("t1", this.loader);
		List<WebhookEndpoint> none = cache.get(null, this.loader);

		assertThat(this.loads).containsExactly("t1", null);
		assertThat(cache.get("t1", this.loader)).isEqualTo(t1);
		assertThat(cache.get(null, this.loader)).isEqualTo(none).isNotEqualTo(t1);
		assertThat(this.loads).hasSize(2);
	}

	@Test
	void anEntryOlderThanTheTimeToLiveIsReadAgain() {
		// given a cache with a short time to live, holding a tenant's endpoints
		EnabledEndpointsCache cache = new EnabledEndpointsCache(Duration.ofMillis(100));
		cache.get("t1", this.loader);

		// when the time to live has passed, then the next call reads the store again
		await().pollDelay(Duration.ofMillis(150))
			.atMost(Duration.ofSeconds(5))
			.until(() -> cache.get("t1", this.loader).get(0).description().equals("v2"));
		assertThat(this.loads).containsExactly("t1", "t1");
	}

	@Test
	void evictionMakesTheNextCallReadTheStore() {
		EnabledEndpointsCache cache = new EnabledEndpointsCache(Duration.ofHours(1));
		cache.get("t1", this.loader);

		cache.evictAll();

		assertThat(cache.get("t1", this.loader).get(0).description()).isEqualTo("v2");
	}

	@Test
	void aLoadThatStartedBeforeAnEvictionIsNotKeptAfterIt() {
		// given a load during which the endpoints change and the cache is evicted
		EnabledEndpointsCache cache = new EnabledEndpointsCache(Duration.ofHours(1));
		List<WebhookEndpoint> stale = cache.get("t1", (tenantId) -> {
			List<WebhookEndpoint> readBeforeTheChange = this.loader.apply(tenantId);
			cache.evictAll();
			return readBeforeTheChange;
		});

		// when the endpoints are asked for again, then the store is read again instead of the stale answer used
		assertThat(cache.get("t1", this.loader)).isNotEqualTo(stale);
		assertThat(this.loads).hasSize(2);
	}

	@Test
	void aZeroTimeToLiveReadsTheStoreEveryTime() {
		EnabledEndpointsCache cache = new EnabledEndpointsCache(Duration.ZERO);

		cache.get("t1", this.loader);
		cache.get("t1", this.loader);

		assertThat(this.loads).containsExactly("t1", "t1");
	}

	private static WebhookEndpoint endpoint(String tenantId, String description) {
		return new WebhookEndpoint("ep_" + description, tenantId, "https://hooks.example.com", description, List.of(),
				Map.of(), List.of(), true, null, null, null);
	}

}
