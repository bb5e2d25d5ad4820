package dev.webhooks.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.webhooks.endpoint.WebhookEndpointsTests.MutableClock;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.filter.InvalidFilterException;
import dev.webhooks.event.filter.PayloadFilter;
import dev.webhooks.testsupport.InMemoryWebhookStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The delivery controls of an endpoint (filter, ordering, rate limit, SSL bundle): defaults, validation at create
 * and update, keeping and removing them, and configured endpoints.
 */
class WebhookEndpointDeliveryControlsTests {

	private static final PayloadFilter FILTER = PayloadFilter.parse("{\"data.object.amount\": {\"$gt\": 100}}");

	private final InMemoryWebhookStore store = new InMemoryWebhookStore();

	private final WebhookEndpoints endpoints = endpoints(Set.of("client"));

	private WebhookEndpoints endpoints(Set<String> bundles) {
		WebhookEndpoints endpoints = new WebhookEndpoints(this.store,
				new WebhookSubscribers(this.store, Duration.ZERO), null, new EventTypeCatalog(List.of()), false,
				Duration.ofHours(24), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
		endpoints.setSslBundles(bundles::contains);
		return endpoints;
	}

	@Test
	void aNewEndpointHasNoFilterNoLimitNoBundleAndParallelOrderingByDefault() {
		WebhookEndpoint endpoint = this.endpoints.create("t1", EndpointRequest.of("https://a.example.com")).endpoint();

		assertThat(endpoint.filter()).isNull();
		assertThat(endpoint.ordering()).isEqualTo(EndpointOrdering.PARALLEL);
		assertThat(endpoint.rateLimit()).isNull();
		assertThat(endpoint.sslBundle()).isNull();
	}

	@Test
	void createStoresEveryControl() {
		WebhookEndpoint created = this.endpoints.create("t1", request(FILTER, EndpointOrdering.FIFO, 50, "client"))
			.endpoint();

		WebhookEndpoint stored = this.endpoints.get("t1", created.id());
		assertThat(stored.filter()).isEqualTo(FILTER);
		assertThat(stored.ordering()).isEqualTo(EndpointOrdering.FIFO);
		assertThat(stored.rateLimit()).isEqualTo(50);
		assertThat(stored.sslBundle()).isEqualTo("client");
	}

	@Test
	void anUpdateKeepsTheControlsItDoesNotNameAndRemovesThoseSetToTheirNoneValue() {
		String id = this.endpoints.create("t1", request(FILTER, EndpointOrdering.FIFO, 50, "client")).endpoint().id();

		WebhookEndpoint kept = this.endpoints.update("t1", id, new EndpointRequest(null, "new", null, null, null));
		assertThat(kept.filter()).isEqualTo(FILTER);
		assertThat(kept.ordering()).isEqualTo(EndpointOrdering.FIFO);
		assertThat(kept.rateLimit()).isEqualTo(50);
		assertThat(kept.sslBundle()).isEqualTo("client");

		WebhookEndpoint removed = this.endpoints.update("t1", id, request(PayloadFilter.parse("{}"),
				EndpointOrdering.PARALLEL, EndpointRequest.NO_RATE_LIMIT, ""));
		assertThat(removed.filter()).isNull();
		assertThat(removed.ordering()).isEqualTo(EndpointOrdering.PARALLEL);
		assertThat(removed.rateLimit()).isNull();
		assertThat(removed.sslBundle()).isNull();
		assertThat(this.endpoints.get("t1", id)).isEqualTo(removed);
	}

	@Test
	void rotatingTheSecretOrDisablingKeepsTheControls() {
		String id = this.endpoints.create("t1", request(FILTER, EndpointOrdering.FIFO, 50, "client")).endpoint().id();

		this.endpoints.rotateSecret("t1", id);
		WebhookEndpoint disabled = this.endpoints.disable("t1", id, "maintenance");

		assertThat(disabled.filter()).isEqualTo(FILTER);
		assertThat(disabled.ordering()).isEqualTo(EndpointOrdering.FIFO);
		assertThat(disabled.rateLimit()).isEqualTo(50);
		assertThat(disabled.sslBundle()).isEqualTo("client");
		assertThat(this.endpoints.enable("t1", id).rateLimit()).isEqualTo(50);
	}

	@Test
	void aRateLimitOutsideOneToTenThousandIsRefusedNamingTheField() {
		for (int limit : new int[] { -1, 10_001 }) {
			assertThatExceptionOfType(InvalidEndpointFieldException.class)
				.isThrownBy(() -> this.endpoints.create("t1", request(null, null, limit, null)))
				.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("rate_limit"))
				.satisfies((ex) -> assertThat(ex.getRule()).isEqualTo("range"));
		}
		assertThat(this.endpoints.create("t1", request(null, null, 10_000, null)).endpoint().rateLimit())
			.isEqualTo(10_000);
		assertThat(this.store.findAll()).hasSize(1);
	}

	@Test
	void anSslBundleTheApplicationDoesNotHaveIsRefusedAtCreateAndUpdate() {
		String id = this.endpoints.create("t1", EndpointRequest.of("https://a.example.com")).endpoint().id();

		assertThatExceptionOfType(InvalidEndpointFieldException.class)
			.isThrownBy(() -> this.endpoints.create("t1", request(null, null, null, "other")))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("ssl_bundle"))
			.satisfies((ex) -> assertThat(ex.getRule()).isEqualTo("unknown-ssl-bundle"));
		assertThatExceptionOfType(InvalidEndpointFieldException.class)
			.isThrownBy(() -> this.endpoints.update("t1", id, request(null, null, null, "other")));
		assertThat(this.endpoints.get("t1", id).sslBundle()).isNull();
	}

	@Test
	void withoutSslBundlesNoBundleCanBeNamed() {
		WebhookEndpoints withoutBundles = endpoints(Set.of());

		assertThatExceptionOfType(InvalidEndpointFieldException.class)
			.isThrownBy(() -> withoutBundles.create("t1", request(null, null, null, "client")));
	}

	@Test
	void anOrderingNameIsReadInAnyCaseAndAnUnknownOneIsRefused() {
		assertThat(EndpointOrdering.fromApiName("FIFO")).isEqualTo(EndpointOrdering.FIFO);
		assertThat(EndpointOrdering.fromApiName("parallel")).isEqualTo(EndpointOrdering.PARALLEL);
		assertThatExceptionOfType(InvalidEndpointFieldException.class)
			.isThrownBy(() -> EndpointOrdering.fromApiName("random"))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("ordering"));
	}

	@Test
	void aConfiguredEndpointCarriesItsControls() {
		WebhookEndpoint endpoint = this.endpoints.upsertStatic(new StaticEndpoint("crm", null,
				"https://crm.example.com", null, List.of(), null, List.of(), true,
				"{\"data.object.amount\": {\"$gt\": 100}}", EndpointOrdering.FIFO, 5, "client"));

		assertThat(endpoint.filter()).isEqualTo(FILTER);
		assertThat(endpoint.ordering()).isEqualTo(EndpointOrdering.FIFO);
		assertThat(endpoint.rateLimit()).isEqualTo(5);
		assertThat(endpoint.sslBundle()).isEqualTo("client");
	}

	@Test
	void aConfiguredEndpointWithAWrongControlFailsNamingTheEndpointAndThePlace() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.endpoints.upsertStatic(staticEndpoint("{\"data.amount\": {\"$gtt\": 1}}", null,
					null)))
			.withMessageContaining("'crm'")
			.withMessageContaining("filter.data.amount.$gtt")
			.withCauseInstanceOf(InvalidFilterException.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.endpoints.upsertStatic(staticEndpoint(null, -5, null)))
			.withMessageContaining("'crm'")
			.withMessageContaining("rate_limit");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.endpoints.upsertStatic(staticEndpoint(null, null, "missing")))
			.withMessageContaining("'crm'")
			.withMessageContaining("ssl_bundle");
		assertThat(this.store.findAll()).isEmpty();
	}

	private static StaticEndpoint staticEndpoint(String filter, Integer rateLimit, String sslBundle) {
		return new StaticEndpoint("crm", null, "https://crm.example.com", null, List.of(), null, List.of(), true,
				filter, null, rateLimit, sslBundle);
	}

	private static EndpointRequest request(PayloadFilter filter, EndpointOrdering ordering, Integer rateLimit,
			String sslBundle) {
		return new EndpointRequest("https://a.example.com", null, null, null, null, filter, ordering, rateLimit,
				sslBundle);
	}

}
