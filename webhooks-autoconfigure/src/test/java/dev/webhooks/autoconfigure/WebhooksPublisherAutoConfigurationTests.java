package dev.webhooks.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.EndpointDisabledEvent;
import dev.webhooks.endpoint.EndpointLimit;
import dev.webhooks.endpoint.EndpointLimitExceededException;
import dev.webhooks.endpoint.EndpointOrdering;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.urlguard.UnsafeUrlException;
import dev.webhooks.urlguard.UrlGuard;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.endpoint.WebhookSubscribers;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.WebhookEnvelopeWriter;
import dev.webhooks.event.filter.PayloadFilter;
import dev.webhooks.publish.WebhookEventAdvisor;
import dev.webhooks.publish.PublishRequest;
import dev.webhooks.publish.WebhookPublisher;
import dev.webhooks.store.JdbcDeliveryRepository;
import dev.webhooks.store.JdbcEndpointRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WebhooksPublisherAutoConfigurationTests {

	private static final String CLIENT_BUNDLE = "spring.ssl.bundle.pem.client.truststore.certificate="
			+ "classpath:dev/webhooks/api/ssl-bundle-test-ca.pem";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, WebhooksStoreAutoConfiguration.class,
				WebhooksPublisherAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void backsOffWithoutADataSource() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhooksPublisherAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhookPublisher.class));
	}

	@Test
	void configuresTheJdbcOutboxOnTheDataSource() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(WebhookPublisher.class)
			.hasSingleBean(WebhookEndpoints.class)
			.hasSingleBean(WebhookSubscribers.class)
			.hasSingleBean(EventTypeCatalog.class)
			.hasSingleBean(WebhookEnvelopeWriter.class)
			.hasSingleBean(WebhookEventAdvisor.class)
			.getBean(DeliveryRepository.class)
			.isInstanceOf(JdbcDeliveryRepository.class));
		this.runner.run((context) -> assertThat(context.getBean(EndpointRepository.class))
			.isInstanceOf(JdbcEndpointRepository.class));
	}

	@Test
	void backsOffFromBeansTheApplicationDefines() {
		this.runner.withUserConfiguration(CustomPublisher.class)
			.run((context) -> assertThat(context).getBean(WebhookPublisher.class)
				.isSameAs(context.getBean(CustomPublisher.class).publisher));
	}

	@Test
	void withoutADispatcherPublishedDeliveriesWaitUnleasedForAPoller() {
		this.runner.withPropertyValues("webhooks.publisher.strict-event-types=false",
				"webhooks.endpoints[0].id=crm", "webhooks.endpoints[0].url=https://crm.example.com/hook")
			.run((context) -> {
				String eventId = context.getBean(WebhookPublisher.class).publish("lead.created", Map.of());

				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(jdbc.queryForMap("SELECT status, locked_by FROM webhook_delivery WHERE event_id = ?",
						eventId))
					.containsEntry("STATUS", "PENDING")
					.containsEntry("LOCKED_BY", null);
			});
	}

	@Test
	void configuredEndpointsCarryTheirDeliveryControls() {
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues(CLIENT_BUNDLE, "webhooks.endpoints[0].id=crm",
					"webhooks.endpoints[0].url=https://crm.example.com/hook",
					"webhooks.endpoints[0].filter={\"data.object.amount\": {\"$gt\": 100}}",
					"webhooks.endpoints[0].ordering=fifo", "webhooks.endpoints[0].rate-limit=20",
					"webhooks.endpoints[0].ssl-bundle=client", "webhooks.endpoints[1].id=plain",
					"webhooks.endpoints[1].url=https://plain.example.com/hook")
			.run((context) -> {
				EndpointRepository endpoints = context.getBean(EndpointRepository.class);
				WebhookEndpoint crm = endpoints.findById("crm").orElseThrow();
				assertThat(crm.filter()).isEqualTo(PayloadFilter.parse("{\"data.object.amount\":{\"$gt\":100}}"));
				assertThat(crm.ordering()).isEqualTo(EndpointOrdering.FIFO);
				assertThat(crm.rateLimit()).isEqualTo(20);
				assertThat(crm.sslBundle()).isEqualTo("client");
				WebhookEndpoint plain = endpoints.findById("plain").orElseThrow();
				assertThat(plain.filter()).isNull();
				assertThat(plain.ordering()).isEqualTo(EndpointOrdering.PARALLEL);
				assertThat(plain.rateLimit()).isNull();
				assertThat(plain.sslBundle()).isNull();
			});
	}

	@Test
	void aConfiguredEndpointNamingAnUnknownSslBundleOrABadFilterStopsTheStartUp() {
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues(CLIENT_BUNDLE, "webhooks.endpoints[0].id=crm",
					"webhooks.endpoints[0].url=https://crm.example.com/hook", "webhooks.endpoints[0].ssl-bundle=other")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Webhook endpoint 'crm' (webhooks.endpoints[n].ssl-bundle)"));
		this.runner.withPropertyValues("webhooks.endpoints[0].id=crm",
				"webhooks.endpoints[0].url=https://crm.example.com/hook",
				"webhooks.endpoints[0].filter={\"data.object.amount\": {\"$between\": [1, 2]}}")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Webhook endpoint 'crm': filter.data.object.amount.$between"));
		this.runner.withPropertyValues("webhooks.endpoints[0].id=crm",
				"webhooks.endpoints[0].url=https://crm.example.com/hook", "webhooks.endpoints[0].rate-limit=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void configuredEndpointsAreStoredUnderTheirIds() {
		String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
		this.runner.withPropertyValues("webhooks.endpoints[0].id=crm",
				"webhooks.endpoints[0].url=https://crm.example.com/hook", "webhooks.endpoints[0].secrets[0]=" + secret,
				"webhooks.endpoints[0].events[0]=lead.*", "webhooks.endpoints[0].headers.X-Team=sales",
				"webhooks.endpoints[0].tenant=t1", "webhooks.endpoints[0].description=CRM sync",
				"webhooks.endpoints[1].id=slack", "webhooks.endpoints[1].url=https://hooks.slack.com/services/T/B/x",
				"webhooks.endpoints[1].enabled=false")
			.run((context) -> {
				EndpointRepository endpoints = context.getBean(EndpointRepository.class);
				WebhookEndpoint crm = endpoints.findById("crm").orElseThrow();
				assertThat(crm.url()).isEqualTo("https://crm.example.com/hook");
				assertThat(crm.tenantId()).isEqualTo("t1");
				assertThat(crm.eventTypes()).containsExactly("lead.*");
				assertThat(crm.headers()).containsValue("sales");
				assertThat(crm.description()).isEqualTo("CRM sync");
				assertThat(crm.secrets()).extracting(EndpointSecret::secret)
					.extracting((s) -> s.reveal()).containsExactly(secret);
				WebhookEndpoint slack = endpoints.findById("slack").orElseThrow();
				assertThat(slack.enabled()).isFalse();
				assertThat(slack.secrets()).hasSize(1);
			});
	}

	@Test
	void anEndpointTheDeliveryEngineDisablesIsNoLongerASubscriberOfTheNextPublish() {
		this.runner.withPropertyValues("webhooks.publisher.subscriber-cache-ttl=1h", "webhooks.endpoints[0].id=crm",
				"webhooks.endpoints[0].url=https://crm.example.com/hook")
			.run((context) -> {
				// given the subscribers kept, and the endpoint then disabled in the store, as the engine does on a 410
				WebhookSubscribers subscribers = context.getBean(WebhookSubscribers.class);
				assertThat(subscribers.subscribersOf(null, "lead.created")).hasSize(1);
				disableCrmInTheStore(context);
				assertThat(subscribers.subscribersOf(null, "lead.created")).hasSize(1);

				// when the engine announces it
				context.publishEvent(new EndpointDisabledEvent("crm", "The endpoint answered 410 Gone", Instant.now()));

				// then the next lookup reads the store again
				assertThat(subscribers.subscribersOf(null, "lead.created")).isEmpty();
			});
	}

	@Test
	void subscribersAreReadForEveryPublishWithAZeroCacheTtl() {
		this.runner.withPropertyValues("webhooks.publisher.subscriber-cache-ttl=0", "webhooks.endpoints[0].id=crm",
				"webhooks.endpoints[0].url=https://crm.example.com/hook")
			.run((context) -> {
				WebhookSubscribers subscribers = context.getBean(WebhookSubscribers.class);
				assertThat(subscribers.subscribersOf(null, "lead.created")).hasSize(1);

				disableCrmInTheStore(context);

				assertThat(subscribers.subscribersOf(null, "lead.created")).isEmpty();
			});
	}

	@Test
	void aSubscriberLookupTheApplicationDefinesIsTheOneThePublisherAsksAndTheServiceAndEngineEvict() {
		this.runner.withUserConfiguration(CustomSubscribers.class)
			.withPropertyValues("webhooks.publisher.strict-event-types=false", "webhooks.endpoints[0].id=crm",
					"webhooks.endpoints[0].url=https://crm.example.com/hook")
			.run((context) -> {
				// given the application's lookup, which keeps subscribers for an hour, holding the configured one
				assertThat(context).hasSingleBean(WebhookSubscribers.class);
				WebhookSubscribers subscribers = context.getBean(WebhookSubscribers.class);
				assertThat(context).getBean("customWebhookSubscribers").isSameAs(subscribers);
				assertThat(subscribers.subscribersOf(null, "lead.created")).hasSize(1);

				// when the endpoint is disabled in the store and an event published
				disableCrmInTheStore(context);
				String eventId = context.getBean(WebhookPublisher.class).publish("lead.created", Map.of());

				// then the publisher used what that lookup kept
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE event_id = ?",
						Integer.class, eventId))
					.isOne();

				// and the engine's announcement and the service's changes evict that lookup
				context.publishEvent(new EndpointDisabledEvent("crm", "The endpoint answered 410 Gone", Instant.now()));
				assertThat(subscribers.subscribersOf(null, "lead.created")).isEmpty();
				String created = context.getBean(WebhookEndpoints.class)
					.create(null, EndpointRequest.of("https://erp.example.com/hook", "lead.*"))
					.endpoint()
					.id();
				assertThat(subscribers.subscribersOf(null, "lead.created")).extracting(WebhookEndpoint::id)
					.containsExactly(created);
			});
	}

	@Test
	void aNegativeSubscriberCacheTtlStopsTheStartUp() {
		this.runner.withPropertyValues("webhooks.publisher.subscriber-cache-ttl=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("webhooks.publisher.subscriber-cache-ttl may not be negative"));
	}

	private static void disableCrmInTheStore(ApplicationContext context) {
		new JdbcTemplate(context.getBean(DataSource.class))
			.update("UPDATE webhook_endpoint SET enabled = FALSE WHERE id = 'crm'");
	}

	@Test
	void duplicateConfiguredEndpointIdStopsTheStartUp() {
		this.runner.withPropertyValues("webhooks.endpoints[0].id=crm", "webhooks.endpoints[0].url=https://a.example.com",
				"webhooks.endpoints[1].id=crm", "webhooks.endpoints[1].url=https://b.example.com")
			.run((context) -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining("Two webhook endpoints are configured with id 'crm'"));
	}

	@Test
	void configuredEndpointTheUrlGuardRefusesStopsTheStartUp() {
		this.runner.withUserConfiguration(RefusingGuard.class)
			.withPropertyValues("webhooks.endpoints[0].id=internal", "webhooks.endpoints[0].url=https://10.0.0.1/x")
			.run((context) -> assertThat(context).getFailure().rootCause()
				.isInstanceOf(UnsafeUrlException.class)
				.hasMessageContaining("'internal'"));
	}

	@Test
	void envelopeFieldsAreRenamedAndRemovedByProperty() {
		this.runner.withPropertyValues("webhooks.publisher.strict-event-types=false",
				"webhooks.envelope.field-names.tenant-id=tenant", "webhooks.envelope.field-names.data-object=payload",
				"webhooks.envelope.exclude=object,text", "webhooks.envelope.api-version=2026-01-01")
			.run((context) -> {
				String eventId = context.getBean(WebhookPublisher.class)
					.publish(PublishRequest.builder("lead.created").tenant("t1").text("hi").data(Map.of("a", 1))
						.build());

				JsonNode envelope = readEvent(context.getBean(DataSource.class), eventId);
				assertThat(envelope.propertyNames()).containsExactly("id", "type", "created", "api_version", "tenant",
						"data");
				assertThat(envelope.at("/data/payload/a").asInt()).isEqualTo(1);
			});
	}

	@Test
	void payloadSizeLimitIsAProperty() {
		this.runner.withPropertyValues("webhooks.publisher.strict-event-types=false",
				"webhooks.envelope.max-payload-size=2KB")
			.run((context) -> {
				String eventId = context.getBean(WebhookPublisher.class)
					.publish("task.completed", Map.of("output", "x".repeat(3000)));

				assertThat(readEvent(context.getBean(DataSource.class), eventId).at("/data/object").asString())
					.isEqualTo("__truncated__");
			});
	}

	@Test
	void endpointsPerTenantAreUnlimitedUnlessTheApiIsOnWhereTheDefaultIsTwenty() {
		this.runner.run((context) -> assertThat(context.getBean(EndpointLimit.class).maxEndpoints("acme")).isZero());
		this.runner.withPropertyValues("webhooks.api.enabled=true")
			.run((context) -> assertThat(context.getBean(EndpointLimit.class).maxEndpoints("acme")).isEqualTo(20));
		this.runner.withPropertyValues("webhooks.api.enabled=true", "webhooks.publisher.max-endpoints-per-tenant=0")
			.run((context) -> assertThat(context.getBean(EndpointLimit.class).maxEndpoints("acme")).isZero());
	}

	@Test
	void theOneEndpointLimitIsEnforcedByTheEndpointService() {
		this.runner.withPropertyValues("webhooks.publisher.max-endpoints-per-tenant=2").run((context) -> {
			WebhookEndpoints endpoints = context.getBean(WebhookEndpoints.class);
			endpoints.create("acme", EndpointRequest.of("https://hooks.example.com/1"));
			endpoints.create("acme", EndpointRequest.of("https://hooks.example.com/2"));

			assertThatExceptionOfType(EndpointLimitExceededException.class)
				.isThrownBy(() -> endpoints.create("acme", EndpointRequest.of("https://hooks.example.com/3")))
				.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(2));
			assertThat(endpoints.list("acme")).hasSize(2);
		});
	}

	@Test
	@SuppressWarnings("deprecation")
	void theDeprecatedApiPropertyStillSetsTheLimitUnlessTheOneLimitIsSet() {
		this.runner.withPropertyValues("webhooks.api.enabled=true", "webhooks.api.max-endpoints-per-tenant=3")
			.run((context) -> assertThat(context.getBean(EndpointLimit.class).maxEndpoints("acme")).isEqualTo(3));
		this.runner
			.withPropertyValues("webhooks.api.max-endpoints-per-tenant=3",
					"webhooks.publisher.max-endpoints-per-tenant=7")
			.run((context) -> assertThat(context.getBean(EndpointLimit.class).maxEndpoints("acme")).isEqualTo(7));
	}

	@Test
	void aNegativeEndpointLimitStopsTheStartUpNamingTheProperty() {
		this.runner.withPropertyValues("webhooks.publisher.max-endpoints-per-tenant=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("webhooks.publisher.max-endpoints-per-tenant must be 0 (no limit) or more, not -1"));
		this.runner.withPropertyValues("webhooks.api.max-endpoints-per-tenant=-5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("webhooks.api.max-endpoints-per-tenant (deprecated: use "
						+ "webhooks.publisher.max-endpoints-per-tenant) must be 0 (no limit) or more, not -5"));
	}

	@Test
	void anEndpointLimitBeanReplacesTheProperty() {
		EndpointLimit plans = (tenant) -> "enterprise".equals(tenant) ? 0 : 1;
		this.runner.withPropertyValues("webhooks.publisher.max-endpoints-per-tenant=5")
			.withBean(EndpointLimit.class, () -> plans)
			.run((context) -> {
				assertThat(context.getBean(EndpointLimit.class)).isSameAs(plans);
				WebhookEndpoints endpoints = context.getBean(WebhookEndpoints.class);
				endpoints.create("pro", EndpointRequest.of("https://hooks.example.com/1"));
				assertThatExceptionOfType(EndpointLimitExceededException.class)
					.isThrownBy(() -> endpoints.create("pro", EndpointRequest.of("https://hooks.example.com/2")));
				endpoints.create("enterprise", EndpointRequest.of("https://hooks.example.com/1"));
				endpoints.create("enterprise", EndpointRequest.of("https://hooks.example.com/2"));
			});
	}

	@Test
	void declaredEventTypesFormTheCatalog() {
		this.runner.withPropertyValues("webhooks.event-types[0].type=migration.completed",
				"webhooks.event-types[0].description=A migration finished",
				"webhooks.event-types[0].example.id=mig_1")
			.run((context) -> {
				EventTypeCatalog catalog = context.getBean(EventTypeCatalog.class);
				assertThat(catalog.find("migration.completed").orElseThrow().description())
					.isEqualTo("A migration finished");
				assertThat(catalog.find("migration.completed").orElseThrow().example())
					.isEqualTo(Map.of("id", "mig_1"));
			});
	}

	@Test
	void countsPublishedEventsWhenAMeterRegistryExists() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("webhooks.publisher.strict-event-types=false")
			.run((context) -> {
				context.getBean(WebhookPublisher.class).publish("lead.created", Map.of());

				assertThat(context.getBean(MeterRegistry.class).get("webhooks.published")
					.tag("event.type", "lead.created").counter().count()).isEqualTo(1.0);
			});
	}

	static JsonNode readEvent(DataSource dataSource, String eventId) {
		byte[] body = new JdbcTemplate(dataSource).queryForObject("SELECT body FROM webhook_event WHERE id = ?",
				byte[].class, eventId);
		return JsonMapper.shared().readTree(body);
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomPublisher {

		final WebhookPublisher publisher = (message) -> "evt_custom";

		@Bean
		WebhookPublisher customWebhookPublisher() {
			return this.publisher;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomSubscribers {

		@Bean
		WebhookSubscribers customWebhookSubscribers(EndpointRepository repository) {
			return new WebhookSubscribers(repository, Duration.ofHours(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RefusingGuard {

		@Bean
		UrlGuard refusingUrlGuard() {
			return new UrlGuard() {

				@Override
				public void checkUrl(URI url) {
					throw new UnsafeUrlException(url.getHost() + " is a private address");
				}

				@Override
				public void checkAddress(String host, InetAddress address) {
				}

			};
		}

	}

}
