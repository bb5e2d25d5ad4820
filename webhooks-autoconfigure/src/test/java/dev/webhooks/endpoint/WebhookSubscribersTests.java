package dev.webhooks.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.webhooks.endpoint.WebhookEndpointsTests.MutableClock;
import dev.webhooks.endpoint.WebhookEndpointsTests.PermissiveUrlGuard;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.testsupport.InMemoryWebhookStore;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebhookSubscribersTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final InMemoryWebhookStore store = new InMemoryWebhookStore();

	private final WebhookSubscribers subscribers = new WebhookSubscribers(this.store, Duration.ZERO);

	private final WebhookEndpoints endpoints = service(this.subscribers);

	@Test
	void disabledEndpointIsNoSubscriberUntilEnabled() {
		String id = this.endpoints.create("t1", EndpointRequest.of("https://a.example.com", "lead.*")).endpoint().id();

		WebhookEndpoint disabled = this.endpoints.disable("t1", id, "Maintenance");

		assertThat(disabled.enabled()).isFalse();
		assertThat(disabled.disabledReason()).isEqualTo("Maintenance");
		assertThat(this.subscribers.subscribersOf("t1", "lead.created")).isEmpty();
		this.endpoints.enable("t1", id);
		assertThat(this.subscribers.subscribersOf("t1", "lead.created")).extracting(WebhookEndpoint::id)
			.containsExactly(id);
	}

	@Test
	void subscribersAreTheTenantsEnabledEndpointsWhosePatternsMatch() {
		String all = this.endpoints.create("t1", EndpointRequest.of("https://a.example.com")).endpoint().id();
		String leads = this.endpoints.create("t1", EndpointRequest.of("https://b.example.com", "lead.*")).endpoint()
			.id();
		this.endpoints.create("t1", EndpointRequest.of("https://c.example.com", "export.ready"));
		this.endpoints.create("t2", EndpointRequest.of("https://d.example.com", "lead.*"));
		this.endpoints.create(null, EndpointRequest.of("https://e.example.com", "*"));

		assertThat(this.subscribers.subscribersOf("t1", "lead.created")).extracting(WebhookEndpoint::id)
			.containsExactlyInAnyOrder(all, leads);
	}

	@Test
	void anEndpointCreatedThroughTheServiceIsASubscriberAtOnceWhileSubscribersAreKept() {
		// given a lookup that keeps subscribers for an hour, asked once while the tenant has no endpoint
		WebhookSubscribers caching = new WebhookSubscribers(this.store, Duration.ofHours(1));
		WebhookEndpoints service = service(caching);
		assertThat(caching.subscribersOf("t1", "lead.created")).isEmpty();

		// when an endpoint is created, then disabled, through the service
		String id = service.create("t1", EndpointRequest.of("https://crm.example.com/hook", "lead.*"))
			.endpoint()
			.id();
		List<WebhookEndpoint> afterCreate = caching.subscribersOf("t1", "lead.created");
		service.disable("t1", id, "paused");

		// then each change is seen by the next call
		assertThat(afterCreate).extracting(WebhookEndpoint::id).containsExactly(id);
		assertThat(caching.subscribersOf("t1", "lead.created")).isEmpty();
	}

	@Test
	void aChangeMadeOutsideTheServiceIsSeenAfterEvictionOrTheTimeToLive() {
		// given an endpoint, its subscribers kept for an hour by one lookup (this instance)
		WebhookSubscribers caching = new WebhookSubscribers(this.store, Duration.ofHours(1));
		String id = this.endpoints.create("t1", EndpointRequest.of("https://crm.example.com/hook", "lead.*"))
			.endpoint()
			.id();
		assertThat(caching.subscribersOf("t1", "lead.created")).hasSize(1);

		// when another service on the same store (another instance) disables it
		this.endpoints.disable("t1", id, "paused");

		// then this instance still sends to it until its subscribers are evicted
		assertThat(caching.subscribersOf("t1", "lead.created")).hasSize(1);
		caching.evict();
		assertThat(caching.subscribersOf("t1", "lead.created")).isEmpty();
	}

	@Test
	void everyChangeThroughTheServiceIsSeenByTheNextLookupWhileSubscribersAreKept() {
		// given a lookup that keeps subscribers for an hour, told of changes by the service
		WebhookSubscribers caching = new WebhookSubscribers(this.store, Duration.ofHours(1));
		WebhookEndpoints service = service(caching);
		String id = service.create("t1", EndpointRequest.of("https://a.example.com", "lead.*")).endpoint().id();

		// when each kind of change is made, with a lookup after each
		service.update("t1", id, new EndpointRequest("https://b.example.com", null, null, null, null));
		List<String> afterUpdate = urls(caching.subscribersOf("t1", "lead.created"));
		service.disable("t1", id, "paused");
		List<String> afterDisable = urls(caching.subscribersOf("t1", "lead.created"));
		service.enable("t1", id);
		List<String> afterEnable = urls(caching.subscribersOf("t1", "lead.created"));
		CreatedEndpoint rotated = service.rotateSecret("t1", id);
		List<WebhookEndpoint> afterRotation = caching.subscribersOf("t1", "lead.created");
		service.upsertStatic(new StaticEndpoint("crm", "t1", "https://crm.example.com/hook", null, List.of(), null,
				List.of(), true));
		List<String> afterUpsert = urls(caching.subscribersOf("t1", "lead.created"));
		service.delete("t1", id);
		List<String> afterDelete = urls(caching.subscribersOf("t1", "lead.created"));

		// then every lookup saw the change just made, the new secret included
		assertThat(afterUpdate).containsExactly("https://b.example.com");
		assertThat(afterDisable).isEmpty();
		assertThat(afterEnable).containsExactly("https://b.example.com");
		assertThat(afterRotation).singleElement()
			.satisfies((endpoint) -> assertThat(endpoint.signingSecretsAt(this.clock.instant()))
				.startsWith(rotated.secret()));
		assertThat(afterUpsert).containsExactlyInAnyOrder("https://b.example.com", "https://crm.example.com/hook");
		assertThat(afterDelete).containsExactly("https://crm.example.com/hook");
	}

	@Test
	void aTransactionThatChangedEndpointsReadsTheStoreItselfAndTheLookupIsEvictedWhenItEnds() {
		// given a lookup that keeps subscribers for an hour, holding the tenant's one endpoint
		WebhookSubscribers caching = new WebhookSubscribers(this.store, Duration.ofHours(1));
		WebhookEndpoints service = service(caching);
		String first = service.create("t1", EndpointRequest.of("https://a.example.com", "lead.*")).endpoint().id();
		assertThat(ids(caching.subscribersOf("t1", "lead.created"))).containsExactly(first);
		List<String> second = new ArrayList<>();
		List<String> seenByAnotherThread = new ArrayList<>();
		List<String> seenInsideAfterTheOutsideChange = new ArrayList<>();

		// when a transaction creates an endpoint through the service, another thread looks the subscribers up (and
		// keeps them), and another instance then disables the first endpoint before the transaction looks again
		transactions().executeWithoutResult((status) -> {
			second.add(service.create("t1", EndpointRequest.of("https://b.example.com", "lead.*")).endpoint().id());
			Thread lookup = new Thread(
					() -> seenByAnotherThread.addAll(ids(caching.subscribersOf("t1", "lead.created"))));
			lookup.start();
			join(lookup);
			this.endpoints.disable("t1", first, "paused");
			seenInsideAfterTheOutsideChange.addAll(ids(caching.subscribersOf("t1", "lead.created")));
		});

		// then the transaction read the store rather than what the other thread kept, and what that thread kept was
		// forgotten when the transaction ended
		assertThat(seenByAnotherThread).containsExactlyInAnyOrder(first, second.get(0));
		assertThat(seenInsideAfterTheOutsideChange).isEqualTo(second);
		assertThat(ids(caching.subscribersOf("t1", "lead.created"))).isEqualTo(second);
	}

	@Test
	void aNegativeTimeToLiveIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookSubscribers(this.store, Duration.ofSeconds(-1)))
			.withMessageContaining("webhooks.publisher.subscriber-cache-ttl may not be negative");
	}

	private WebhookEndpoints service(WebhookSubscribers lookup) {
		return new WebhookEndpoints(this.store, lookup, new PermissiveUrlGuard(), new EventTypeCatalog(List.of()),
				false, Duration.ofHours(24), this.clock);
	}

	private static TransactionTemplate transactions() {
		return new TransactionTemplate(new DataSourceTransactionManager(
				new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")));
	}

	private static List<String> ids(List<WebhookEndpoint> endpoints) {
		return endpoints.stream().map(WebhookEndpoint::id).toList();
	}

	private static List<String> urls(List<WebhookEndpoint> endpoints) {
		return endpoints.stream().map(WebhookEndpoint::url).toList();
	}

	private static void join(Thread thread) {
		try {
			thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		assertThat(thread.isAlive()).isFalse();
	}

}
