package dev.webhooks.endpoint;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.EventTypeDefinition;
import dev.webhooks.testsupport.InMemoryWebhookStore;
import dev.webhooks.urlguard.UnsafeUrlException;
import dev.webhooks.urlguard.UrlGuard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class WebhookEndpointsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final InMemoryWebhookStore store = new InMemoryWebhookStore();

	private final EventTypeCatalog catalog = new EventTypeCatalog(List.of(
			new EventTypeDefinition("lead.created", null, null), new EventTypeDefinition("lead.stage_changed", null,
					null), new EventTypeDefinition("export.ready", null, null)));

	private final WebhookSubscribers subscribers = new WebhookSubscribers(this.store, Duration.ZERO);

	private final WebhookEndpoints endpoints = new WebhookEndpoints(this.store, this.subscribers,
			new PermissiveUrlGuard(), this.catalog, true, Duration.ofHours(24), this.clock);

	@Test
	void createdEndpointHasANewWhsecSecretThatIsStored() {
		CreatedEndpoint created = this.endpoints.create("t1", new EndpointRequest("https://crm.example.com/hook",
				"CRM", List.of("lead.*"), Map.of("X-Api-Key", "abc"), null));

		assertThat(created.secret().reveal()).startsWith("whsec_");
		assertThat(created.endpoint().id()).startsWith("ep_");
		assertThat(created.endpoint().enabled()).isTrue();
		WebhookEndpoint stored = this.endpoints.get("t1", created.endpoint().id());
		assertThat(stored.secrets()).extracting(EndpointSecret::secret).containsExactly(created.secret());
		assertThat(stored.headers()).containsEntry("X-Api-Key", "abc");
	}

	@Test
	void createChecksTheUrlWithTheGuard() {
		WebhookEndpoints guarded = new WebhookEndpoints(this.store, this.subscribers, new RefusingUrlGuard(),
				this.catalog, true, Duration.ofHours(24), this.clock);

		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> guarded.create("t1", EndpointRequest.of("https://10.0.0.1/hook", "lead.created")))
			.withMessageContaining("10.0.0.1");
		assertThat(this.store.findAll()).isEmpty();
	}

	@Test
	void createRefusesUndeclaredEventTypesAndReservedHeaders() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.endpoints.create("t1", EndpointRequest.of("https://a.example.com", "invoice.*")))
			.withMessageContaining("'invoice.*'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.endpoints.create("t1", new EndpointRequest("https://a.example.com", null,
					List.of(), Map.of("webhook-signature", "x"), null)))
			.withMessageContaining("webhook-signature");
	}

	@Test
	void createRefusesAnEndpointBeyondTheTenantsLimitCountingDisabledOnes() {
		this.endpoints.setEndpointLimit((tenant) -> "pro".equals(tenant) ? 2 : 0);
		String first = this.endpoints.create("pro", EndpointRequest.of("https://a.example.com/1")).endpoint().id();
		this.endpoints.create("pro", EndpointRequest.of("https://a.example.com/2"));
		this.endpoints.disable("pro", first, "paused");

		assertThatExceptionOfType(EndpointLimitExceededException.class)
			.isThrownBy(() -> this.endpoints.create("pro", EndpointRequest.of("https://a.example.com/3")))
			.withMessage("Tenant 'pro' already has as many webhook endpoints as allowed (2)")
			.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(2));
		this.endpoints.delete("pro", first);
		this.endpoints.create("pro", EndpointRequest.of("https://a.example.com/3"));
		for (int i = 0; i < 3; i++) {
			this.endpoints.create("enterprise", EndpointRequest.of("https://b.example.com/" + i));
		}
		assertThat(this.endpoints.list("pro")).hasSize(2);
		assertThat(this.endpoints.list("enterprise")).hasSize(3);
	}

	@Test
	void twoCreatesForOneTenantAtTheSameMomentCannotBothPassItsLimit() throws Exception {
		// given a store whose limited insert holds the first create inside it until released
		CountDownLatch firstInside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger inside = new AtomicInteger();
		InMemoryWebhookStore slowStore = new InMemoryWebhookStore() {
			@Override
			public boolean insertWithinLimit(WebhookEndpoint endpoint, int limit) {
				inside.incrementAndGet();
				firstInside.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
					return super.insertWithinLimit(endpoint, limit);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				finally {
					inside.decrementAndGet();
				}
			}
		};
		WebhookEndpoints limited = new WebhookEndpoints(slowStore, new WebhookSubscribers(slowStore, Duration.ZERO),
				new PermissiveUrlGuard(), this.catalog, true, Duration.ofHours(24), this.clock);
		limited.setEndpointLimit(EndpointLimit.perTenant(1));
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			// when two creates for the tenant run at once
			Future<CreatedEndpoint> first = executor
				.submit(() -> limited.create("pro", EndpointRequest.of("https://a.example.com/1")));
			assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
			Future<CreatedEndpoint> second = executor
				.submit(() -> limited.create("pro", EndpointRequest.of("https://a.example.com/2")));

			// then the second waits outside the store until the first is done, and is refused
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> inside.get() == 1);
			release.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS).endpoint().tenantId()).isEqualTo("pro");
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> second.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(EndpointLimitExceededException.class);
			assertThat(limited.list("pro")).hasSize(1);
		}
		finally {
			release.countDown();
			executor.shutdownNow();
		}
	}

	@Test
	void aConfiguredEndpointBeyondTheLimitStopsTheStartUpButAnExistingOneIsUpdated() {
		this.endpoints.setEndpointLimit(EndpointLimit.perTenant(1));
		this.endpoints.upsertStatic(new StaticEndpoint("crm", "t1", "https://crm.example.com/hook", null, List.of(),
				Map.of(), List.of(), true));

		WebhookEndpoint updated = this.endpoints.upsertStatic(new StaticEndpoint("crm", "t1",
				"https://crm.example.com/v2", null, List.of(), Map.of(), List.of(), true));

		assertThat(updated.url()).isEqualTo("https://crm.example.com/v2");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.endpoints.upsertStatic(new StaticEndpoint("erp", "t1",
					"https://erp.example.com/hook", null, List.of(), Map.of(), List.of(), true)))
			.withMessage("Webhook endpoint 'erp': Tenant 't1' already has as many webhook endpoints as allowed (1)");
	}

	@Test
	void rotateKeepsTheOldSecretForTheOverlap() {
		CreatedEndpoint created = this.endpoints.create("t1", EndpointRequest.of("https://a.example.com", "lead.*"));

		CreatedEndpoint rotated = this.endpoints.rotateSecret("t1", created.endpoint().id());

		assertThat(rotated.secret()).isNotEqualTo(created.secret());
		List<EndpointSecret> secrets = this.endpoints.get("t1", created.endpoint().id()).secrets();
		assertThat(secrets).extracting(EndpointSecret::secret).containsExactly(rotated.secret(), created.secret());
		assertThat(secrets.get(0).expiresAt()).isNull();
		assertThat(secrets.get(1).expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofHours(24)));
		assertThat(secrets.get(1).isValidAt(this.clock.instant().plus(Duration.ofHours(23)))).isTrue();
		assertThat(secrets.get(1).isValidAt(this.clock.instant().plus(Duration.ofHours(24)))).isFalse();
	}

	@Test
	void rotatingAfterTheOverlapDropsExpiredSecrets() {
		CreatedEndpoint created = this.endpoints.create("t1", EndpointRequest.of("https://a.example.com", "lead.*"));
		CreatedEndpoint second = this.endpoints.rotateSecret("t1", created.endpoint().id());
		this.clock.advance(Duration.ofHours(25));

		CreatedEndpoint third = this.endpoints.rotateSecret("t1", created.endpoint().id());

		assertThat(this.endpoints.get("t1", created.endpoint().id()).secrets()).extracting(EndpointSecret::secret)
			.containsExactly(third.secret(), second.secret());
	}

	@Test
	void anotherTenantsEndpointIsNotFound() {
		String id = this.endpoints.create("t1", EndpointRequest.of("https://a.example.com")).endpoint().id();

		assertThatExceptionOfType(EndpointNotFoundException.class).isThrownBy(() -> this.endpoints.get("t2", id));
		assertThatExceptionOfType(EndpointNotFoundException.class).isThrownBy(() -> this.endpoints.delete("t2", id));
		assertThat(this.endpoints.list("t2")).isEmpty();
	}

	@Test
	void updateChangesOnlyWhatIsGiven() {
		CreatedEndpoint created = this.endpoints.create("t1", new EndpointRequest("https://a.example.com", "CRM",
				List.of("lead.*"), Map.of("X-A", "1"), null));

		WebhookEndpoint updated = this.endpoints.update("t1", created.endpoint().id(),
				new EndpointRequest(null, null, List.of("export.ready"), null, null));

		assertThat(updated.url()).isEqualTo("https://a.example.com");
		assertThat(updated.description()).isEqualTo("CRM");
		assertThat(updated.eventTypes()).containsExactly("export.ready");
		assertThat(updated.headers()).containsEntry("X-A", "1");
		assertThat(updated.secrets()).isEqualTo(created.endpoint().secrets());
	}

	@Test
	void deletedEndpointIsGone() {
		String id = this.endpoints.create("t1", EndpointRequest.of("https://a.example.com")).endpoint().id();

		this.endpoints.delete("t1", id);

		assertThat(this.endpoints.list("t1")).isEmpty();
	}

	@Test
	void staticEndpointKeepsItsIdAndGeneratedSecretAcrossRestarts() {
		StaticEndpoint definition = new StaticEndpoint("crm", null, "https://crm.example.com/hook", "CRM",
				List.of("lead.*"), Map.of(), List.of(), true);

		WebhookEndpoint first = this.endpoints.upsertStatic(definition);
		WebhookEndpoint second = this.endpoints.upsertStatic(new StaticEndpoint("crm", null,
				"https://crm.example.com/v2", "CRM", List.of("lead.*"), Map.of(), List.of(), true));

		assertThat(second.id()).isEqualTo("crm");
		assertThat(second.url()).isEqualTo("https://crm.example.com/v2");
		assertThat(second.secrets()).isEqualTo(first.secrets());
		assertThat(this.store.findAll()).hasSize(1);
	}

	@Test
	void staticEndpointTakesItsConfiguredSecrets() {
		String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

		WebhookEndpoint endpoint = this.endpoints.upsertStatic(new StaticEndpoint("crm", "t1",
				"https://crm.example.com/hook", null, List.of(), Map.of(), List.of(secret), true));

		assertThat(endpoint.secrets()).extracting((s) -> s.secret().reveal()).containsExactly(secret);
		assertThat(endpoint.tenantId()).isEqualTo("t1");
	}

	@Test
	void endpointToStringShowsNeitherSecretsNorHeaderValues() {
		CreatedEndpoint created = this.endpoints.create("t1", new EndpointRequest("https://a.example.com", null,
				List.of(), Map.of("Authorization", "Bearer sk_live_123"), null));

		assertThat(created.endpoint().toString()).contains("Authorization").doesNotContain("sk_live_123")
			.doesNotContain(created.secret().reveal().substring(6));
		assertThat(created.toString()).doesNotContain(created.secret().reveal().substring(6));
	}

	static class PermissiveUrlGuard implements UrlGuard {

		@Override
		public void checkUrl(URI url) {
		}

		@Override
		public void checkAddress(String host, InetAddress address) {
		}

	}

	static class RefusingUrlGuard implements UrlGuard {

		@Override
		public void checkUrl(URI url) {
			throw new UnsafeUrlException("Refused " + url.getHost());
		}

		@Override
		public void checkAddress(String host, InetAddress address) {
			throw new UnsafeUrlException("Refused " + address);
		}

	}

	static final class MutableClock extends Clock {

		private final AtomicReference<Instant> now;

		MutableClock(Instant start) {
			this.now = new AtomicReference<>(start);
		}

		void advance(Duration duration) {
			this.now.updateAndGet((instant) -> instant.plus(duration));
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
