package dev.webhooks.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.webhooks.delivery.DefaultDeliveryDispatcher;
import dev.webhooks.delivery.DeliveryDispatcher;
import dev.webhooks.delivery.DeliveryHealthIndicator;
import dev.webhooks.delivery.DeliveryPoller;
import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.delivery.EndpointDisabledEvent;
import dev.webhooks.delivery.ExponentialRetryPolicy;
import dev.webhooks.delivery.GuardedDnsResolver;
import dev.webhooks.testsupport.InMemoryWebhookStore;
import dev.webhooks.delivery.MicrometerDeliveryMetrics;
import dev.webhooks.delivery.RetryPolicy;
import dev.webhooks.delivery.ScheduleRetryPolicy;
import dev.webhooks.delivery.SignedRequestFactory;
import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.delivery.WebhookTransport;
import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.urlguard.UnsafeUrlException;
import dev.webhooks.urlguard.UrlGuard;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.event.OutboxEvent;
import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.TimestampedHexScheme;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.signing.WebhookSignatureScheme;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link WebhooksDeliveryAutoConfiguration}: which beans it creates, from which properties, when it backs off, and
 * the engine it builds delivering for real.
 */
class WebhooksDeliveryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhooksUrlGuardAutoConfiguration.class,
				WebhooksDeliveryAutoConfiguration.class));

	@Test
	void backsOffWithoutADeliveryRepository() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(DeliveryDispatcher.class);
			assertThat(context).doesNotHaveBean(DeliveryPoller.class);
		});
	}

	@Test
	void createsTheEngineWithSafeDefaults() {
		this.runner.withBean(InMemoryWebhookStore.class).run((context) -> {
			assertThat(context).hasSingleBean(WebhookTransport.class);
			assertThat(context).hasSingleBean(DeliveryPoller.class);
			assertThat(context.getBean(RetryPolicy.class)).isInstanceOfSatisfying(ScheduleRetryPolicy.class,
					(policy) -> assertThat(policy.schedule()).isEqualTo(ScheduleRetryPolicy.DEFAULT_SCHEDULE));
			DeliveryDispatcher dispatcher = context.getBean(DeliveryDispatcher.class);
			assertThat(dispatcher).isInstanceOf(DefaultDeliveryDispatcher.class);
			assertThat(dispatcher.lease()).isEqualTo(Duration.ofSeconds(60));
			assertThat(dispatcher.instanceId()).isNotBlank();
			WebhooksDeliveryProperties properties = context.getBean(WebhooksDeliveryProperties.class);
			assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getUrlGuard().isAllowHttp()).isFalse();
			assertThat(properties.getUrlGuard().isAllowPrivateNetworks()).isFalse();
			assertThat(properties.getEndpointDisableAfter()).isEqualTo(Duration.ofDays(5));
			assertThat(context).doesNotHaveBean(MicrometerDeliveryMetrics.class);
		});
	}

	@Test
	void guardsEveryConnectionWithTheUrlGuardByDefault() {
		this.runner.withBean(InMemoryWebhookStore.class).run((context) -> {
			UrlGuard guard = context.getBean(UrlGuard.class);
			assertThatExceptionOfType(UnsafeUrlException.class)
				.isThrownBy(() -> guard.checkUrl(URI.create("http://example.com/hook")));
			assertThatExceptionOfType(UnsafeUrlException.class)
				.isThrownBy(() -> guard.checkUrl(URI.create("https://127.0.0.1/hook")));
			assertThat(context.getBean(DnsResolver.class)).isInstanceOf(GuardedDnsResolver.class);
			assertThatExceptionOfType(UnknownHostException.class)
				.isThrownBy(() -> context.getBean(DnsResolver.class).resolve("localhost"))
				.withMessageContaining("loopback");
		});
	}

	@Test
	void developmentSwitchesOpenTheGuardForLocalEndpoints() {
		this.runner.withBean(InMemoryWebhookStore.class)
			.withPropertyValues("webhooks.delivery.url-guard.allow-http=true",
					"webhooks.delivery.url-guard.allow-private-networks=true")
			.run((context) -> {
				UrlGuard guard = context.getBean(UrlGuard.class);
				guard.checkUrl(URI.create("http://127.0.0.1:8080/hook"));
				assertThat(context.getBean(DnsResolver.class).resolve("localhost")).isNotEmpty();
				assertThatExceptionOfType(UnsafeUrlException.class)
					.isThrownBy(() -> guard.checkUrl(URI.create("http://169.254.169.254/latest/meta-data")));
			});
	}

	@Test
	void readsTheProperties() {
		this.runner.withBean(InMemoryWebhookStore.class)
			.withPropertyValues("webhooks.delivery.instance-id=node-1", "webhooks.delivery.lease=2m",
					"webhooks.delivery.retry.schedule=0s,1s,1m")
			.run((context) -> {
				DeliveryDispatcher dispatcher = context.getBean(DeliveryDispatcher.class);
				assertThat(dispatcher.instanceId()).isEqualTo("node-1");
				assertThat(dispatcher.lease()).isEqualTo(Duration.ofMinutes(2));
				RetryPolicy policy = context.getBean(RetryPolicy.class);
				assertThat(policy.maxAttempts()).isEqualTo(3);
				assertThat(policy.delayAfter(2)).contains(Duration.ofSeconds(59));
			});
	}

	@Test
	void exponentialStrategy() {
		this.runner.withBean(InMemoryWebhookStore.class)
			.withPropertyValues("webhooks.delivery.retry.strategy=exponential",
					"webhooks.delivery.retry.exponential.initial-delay=2s",
					"webhooks.delivery.retry.exponential.multiplier=3",
					"webhooks.delivery.retry.exponential.max-attempts=4")
			.run((context) -> {
				RetryPolicy policy = context.getBean(RetryPolicy.class);
				assertThat(policy).isInstanceOf(ExponentialRetryPolicy.class);
				assertThat(policy.maxAttempts()).isEqualTo(4);
				assertThat(policy.delayAfter(2)).contains(Duration.ofSeconds(6));
			});
	}

	@Test
	void failsAtStartUpOnALeaseNotLongerThanTheTimeout() {
		assertStartUpFailsWith("lease (PT5S) must be longer than the per-attempt timeout (PT10S)",
				"webhooks.delivery.lease=5s", "webhooks.delivery.timeout=10s");
	}

	@Test
	void failsAtStartUpWithoutAnIoThread() {
		assertStartUpFailsWith("needs at least 1 I/O thread (io-threads), not 0", "webhooks.delivery.io-threads=0");
	}

	@Test
	void failsAtStartUpOnADecreasingSchedule() {
		assertStartUpFailsWith("may not decrease", "webhooks.delivery.retry.schedule=0s,10s,5s");
	}

	@Test
	void signsTheStandardWebhooksWayByDefault() {
		this.runner.withBean(InMemoryWebhookStore.class).run((context) -> {
			WebhookSignatureScheme scheme = context.getBean(SignedRequestFactory.class).scheme();
			assertThat(scheme).isInstanceOfSatisfying(StandardWebhooksScheme.class, (standard) -> {
				assertThat(standard.idHeader()).isEqualTo("webhook-id");
				assertThat(standard.timestampHeader()).isEqualTo("webhook-timestamp");
				assertThat(standard.signatureHeader()).isEqualTo("webhook-signature");
			});
		});
	}

	@Test
	void signsWithTheConfiguredBuiltInSchemeAndHeaderNames() {
		this.runner.withBean(InMemoryWebhookStore.class)
			.withPropertyValues("webhooks.delivery.signature.scheme=timestamped-hex",
					"webhooks.delivery.signature.signature-header=Anvil-Signature",
					"webhooks.delivery.signature.id-header=Anvil-Event-Id")
			.run((context) -> assertThat(context.getBean(SignedRequestFactory.class).scheme())
				.isInstanceOfSatisfying(TimestampedHexScheme.class, (hex) -> {
					assertThat(hex.signatureHeader()).isEqualTo("Anvil-Signature");
					assertThat(hex.idHeader()).isEqualTo("Anvil-Event-Id");
				}));
	}

	@Test
	void signsWithTheSchemeBeanNamedByItsBeanNameOrItsSchemeName() {
		WebhookSignatureScheme own = new TimestampedHexScheme("X-Own-Signature", "X-Own-Id") {

			@Override
			public String name() {
				return "own";
			}

		};
		ApplicationContextRunner withScheme = this.runner.withBean(InMemoryWebhookStore.class)
			.withBean("ownScheme", WebhookSignatureScheme.class, () -> own);
		withScheme.withPropertyValues("webhooks.delivery.signature.scheme=ownScheme")
			.run((context) -> assertThat(context.getBean(SignedRequestFactory.class).scheme()).isSameAs(own));
		withScheme.withPropertyValues("webhooks.delivery.signature.scheme=own")
			.run((context) -> assertThat(context.getBean(SignedRequestFactory.class).scheme()).isSameAs(own));
	}

	@Test
	void failsAtStartUpOnAnUnknownScheme() {
		assertStartUpFailsWith("webhooks.delivery.signature.scheme is 'anchor', which is not known: use "
				+ "standard-webhooks, timestamped-hex or the bean name of a WebhookSignatureScheme",
				"webhooks.delivery.signature.scheme=anchor");
	}

	@Test
	void failsAtStartUpOnABeanThatIsNoScheme() {
		this.runner.withBean(InMemoryWebhookStore.class)
			.withBean("anchor", String.class, () -> "not a scheme")
			.withPropertyValues("webhooks.delivery.signature.scheme=anchor")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
				.hasMessageContaining("webhooks.delivery.signature.scheme names the bean 'anchor', which is a "
						+ "java.lang.String, not a dev.webhooks.signing.WebhookSignatureScheme"));
	}

	@Test
	void failsAtStartUpOnHeaderNamesTheSchemeCannotUse() {
		assertStartUpFailsWith("webhooks.delivery.signature.id-header is empty, but the timestamped-hex scheme "
				+ "needs it", "webhooks.delivery.signature.scheme=timestamped-hex",
				"webhooks.delivery.signature.id-header=");
		assertStartUpFailsWith("webhooks.delivery.signature.timestamp-header does not apply to the timestamped-hex "
				+ "scheme", "webhooks.delivery.signature.scheme=timestamped-hex",
				"webhooks.delivery.signature.timestamp-header=Anvil-Timestamp");
		assertStartUpFailsWith("webhooks.delivery.signature.signature-header is 'Anvil Signature', which is not a "
				+ "valid header name", "webhooks.delivery.signature.signature-header=Anvil Signature");
		assertStartUpFailsWith("name the header 'SVIX-ID' twice", "webhooks.delivery.signature.id-header=svix-id",
				"webhooks.delivery.signature.timestamp-header=SVIX-ID");
		assertStartUpFailsWith("they cannot be sent with the timestamped-hex scheme",
				"webhooks.delivery.signature.scheme=timestamped-hex", "webhooks.delivery.svix-headers=true");
	}

	@Test
	void failsAtStartUpOnHeaderNamesForASchemeBean() {
		this.runner.withBean(InMemoryWebhookStore.class)
			.withBean("anchor", WebhookSignatureScheme.class, TimestampedHexScheme::new)
			.withPropertyValues("webhooks.delivery.signature.scheme=anchor",
					"webhooks.delivery.signature.signature-header=Anchor-Signature")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
				.hasMessageContaining("webhooks.delivery.signature.signature-header apply to the built-in schemes "
						+ "only; the scheme bean 'anchor' names its own headers"));
	}

	@Test
	void backsOffFromTheApplicationsOwnBeans() {
		RetryPolicy custom = new ScheduleRetryPolicy(List.of(Duration.ZERO));
		this.runner.withBean(InMemoryWebhookStore.class)
			.withBean("customRetryPolicy", RetryPolicy.class, () -> custom)
			.run((context) -> assertThat(context.getBean(RetryPolicy.class)).isSameAs(custom));
	}

	@Test
	void metricsWhenAMeterRegistryExists() {
		this.runner.withBean(InMemoryWebhookStore.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerDeliveryMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("webhooks.delivery.backlog").gauge().value()).isZero();
			});
	}

	@Test
	void healthIndicatorReportsBacklogAndDead() {
		this.runner.withBean(InMemoryWebhookStore.class).run((context) -> {
			Health health = context.getBean("webhooksHealthIndicator", DeliveryHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("backlog", 0L).containsEntry("dead", 0L);
		});
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.runner.withBean(InMemoryWebhookStore.class)
			.withPropertyValues("management.health.webhooks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DeliveryHealthIndicator.class));
	}

	@Test
	void deliversThroughTheApplicationsDnsResolverAndPublishesOperationalEvents() throws Exception {
		// given a receiver that answers 410 Gone, reached through a host name only the application's resolver knows
		try (TestReceiver receiver = TestReceiver.answering(410)) {
			String url = receiver.url().replace("127.0.0.1", "receiver.test");
			this.runner.withUserConfiguration(ResolverAndListener.class)
				.withPropertyValues("webhooks.delivery.poll-interval=50ms")
				.run((context) -> {
					InMemoryWebhookStore repository = context.getBean(InMemoryWebhookStore.class);
					Instant now = Instant.now();
					repository.save(new WebhookEndpoint("ep_1", null, url, null, List.of(), Map.of(),
							List.of(new EndpointSecret(WebhookSecret.generate(), null)), true, null, now, now));
					DeliveryDispatcher dispatcher = context.getBean(DeliveryDispatcher.class);
					OutboxEvent event = new OutboxEvent("evt_1", "lead.created", null, now, "{}".getBytes(), null);
					// when the fast path hands a delivery to the dispatcher
					List<DeliveryTask> tasks = repository.publish(event, dispatcher.instanceId(), dispatcher.lease(),
							"ep_1");
					dispatcher.dispatch(tasks);
					// then it went through the resolver, and the 410 disabled the endpoint with an event
					ResolverAndListener config = context.getBean(ResolverAndListener.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> !config.events.isEmpty());
					assertThat(config.resolved).contains("receiver.test");
					assertThat(receiver.count()).isEqualTo(1);
					assertThat(repository.status(tasks.get(0).deliveryId())).isEqualTo(DeliveryStatus.FAILED);
					assertThat(repository.isEnabled("ep_1")).isFalse();
					assertThat(config.events).singleElement()
						.satisfies((disabled) -> assertThat(disabled.endpointId()).isEqualTo("ep_1"));
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ResolverAndListener {

		final List<String> resolved = new CopyOnWriteArrayList<>();

		final List<EndpointDisabledEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		InMemoryWebhookStore repository() {
			return new InMemoryWebhookStore();
		}

		@Bean
		DnsResolver testDnsResolver() {
			return new DnsResolver() {

				@Override
				public InetAddress[] resolve(String host) throws UnknownHostException {
					ResolverAndListener.this.resolved.add(host);
					if ("receiver.test".equals(host)) {
						return new InetAddress[] { InetAddress.getLoopbackAddress() };
					}
					throw new UnknownHostException(host);
				}

				@Override
				public String resolveCanonicalHostname(String host) {
					return host;
				}

			};
		}

		@Bean
		ApplicationListener<PayloadApplicationEvent<EndpointDisabledEvent>> disabledListener() {
			return (event) -> this.events.add(event.getPayload());
		}

	}

	private void assertStartUpFailsWith(String message, String... properties) {
		this.runner.withBean(InMemoryWebhookStore.class)
			.withPropertyValues(properties)
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(message));
	}

}
