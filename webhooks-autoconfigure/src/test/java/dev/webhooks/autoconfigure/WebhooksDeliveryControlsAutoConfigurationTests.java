package dev.webhooks.autoconfigure;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.CachedEndpointDeliveryControls;
import dev.webhooks.delivery.EndpointDeliveryControls;
import dev.webhooks.endpoint.EndpointOrdering;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.testsupport.InMemoryWebhookStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery controls {@link WebhooksDeliveryAutoConfiguration} sets up: each endpoint's rate limit read from the
 * endpoint store, replaceable by the application's own {@link EndpointDeliveryControls}.
 */
class WebhooksDeliveryControlsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhooksUrlGuardAutoConfiguration.class,
				WebhooksDeliveryAutoConfiguration.class))
		.withBean(InMemoryWebhookStore.class);

	@Test
	void readsEachEndpointsRateLimitFromTheEndpointStore() {
		this.runner.run((context) -> {
			EndpointDeliveryControls controls = context.getBean(EndpointDeliveryControls.class);
			assertThat(controls).isInstanceOf(CachedEndpointDeliveryControls.class);
			InMemoryWebhookStore store = context.getBean(InMemoryWebhookStore.class);
			WebhookEndpoint limited = endpoint("ep_limited", 5);
			WebhookEndpoint unlimited = endpoint("ep_unlimited", null);
			store.save(limited);
			store.save(unlimited);
			assertThat(controls.rateLimitOf("ep_limited")).isEqualTo(5);
			assertThat(controls.rateLimitOf("ep_unlimited")).isNull();
			assertThat(controls.rateLimitOf("ep_missing")).isNull();
		});
	}

	@Test
	void backsOffForTheApplicationsOwnControls() {
		EndpointDeliveryControls own = (endpointId) -> 1;
		this.runner.withBean(EndpointDeliveryControls.class, () -> own)
			.run((context) -> assertThat(context.getBean(EndpointDeliveryControls.class)).isSameAs(own));
	}

	private static WebhookEndpoint endpoint(String id, Integer rateLimit) {
		Instant now = Instant.now();
		return new WebhookEndpoint(id, null, "https://hooks.example.com/" + id, null, List.of(), Map.of(), List.of(),
				true, null, now, now, null, EndpointOrdering.PARALLEL, rateLimit, null);
	}

}
