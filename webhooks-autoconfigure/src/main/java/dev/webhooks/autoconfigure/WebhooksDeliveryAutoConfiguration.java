package dev.webhooks.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import dev.webhooks.autoconfigure.WebhooksDeliveryProperties.Exponential;
import dev.webhooks.autoconfigure.WebhooksDeliveryProperties.Retry;
import dev.webhooks.delivery.DefaultDeliveryDispatcher;
import dev.webhooks.delivery.DeliveryAttemptObservationConvention;
import dev.webhooks.delivery.DeliveryBacklog;
import dev.webhooks.delivery.CachedEndpointDeliveryControls;
import dev.webhooks.delivery.DeliveryDispatcher;
import dev.webhooks.delivery.EndpointDeliveryControls;
import dev.webhooks.delivery.EndpointRateLimiter;
import dev.webhooks.delivery.OrderedDeliveryRepository;
import dev.webhooks.delivery.DeliveryHealthIndicator;
import dev.webhooks.delivery.DeliveryMetrics;
import dev.webhooks.delivery.DeliveryOutcomeClassifier;
import dev.webhooks.delivery.DeliveryOutcomeRecorder;
import dev.webhooks.delivery.DeliveryPoller;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.EgressProxy;
import dev.webhooks.delivery.ExponentialRetryPolicy;
import dev.webhooks.delivery.GuardedDnsResolver;
import dev.webhooks.delivery.HttpClient5WebhookTransport;
import dev.webhooks.delivery.MicrometerDeliveryMetrics;
import dev.webhooks.delivery.RetryPolicy;
import dev.webhooks.delivery.ScheduleRetryPolicy;
import dev.webhooks.delivery.SignatureSchemeSettings;
import dev.webhooks.delivery.SignedRequestFactory;
import dev.webhooks.delivery.WebhookTransport;
import dev.webhooks.delivery.WebhooksVersion;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.signing.WebhookSignatureScheme;
import dev.webhooks.urlguard.UrlGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.hc.client5.http.DnsResolver;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the delivery engine: the HTTP transport, the retry policy, the dispatcher that sends
 * deliveries, the poller that claims due ones, and, when the application has them, Micrometer metrics and a
 * health indicator. It needs a {@link DeliveryRepository} and an {@link EndpointRepository} (the JDBC store's, or
 * the application's own); the outcomes of a batch and the endpoint health they imply are written in one
 * transaction of the application's transaction manager.
 * <p>
 * Endpoint host names are resolved through a {@link GuardedDnsResolver}, so the {@link UrlGuard} checks every
 * resolved address at connect time (the guard is {@link WebhooksUrlGuardAutoConfiguration}'s).
 * <p>
 * Time comes from the application's {@link Clock} bean when it has exactly one, else from the system clock, as in
 * {@link WebhooksPublisherAutoConfiguration}: leases and due times are written and compared with the same clock,
 * and a test can move it forward to see retries fall due without waiting.
 */
@AutoConfiguration(after = { WebhooksStoreAutoConfiguration.class, WebhooksUrlGuardAutoConfiguration.class },
		afterName = { "dev.webhooks.autoconfigure.WebhooksPublisherAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnBean({ DeliveryRepository.class, EndpointRepository.class })
@EnableConfigurationProperties(WebhooksDeliveryProperties.class)
public final class WebhooksDeliveryAutoConfiguration {

	private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(5);

	/** How long an endpoint's rate limit is used before it is read again, on each instance. */
	private static final Duration CONTROLS_TIME_TO_LIVE = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean
	RetryPolicy webhooksRetryPolicy(WebhooksDeliveryProperties properties) {
		Retry retry = properties.getRetry();
		try {
			if (retry.getStrategy() == WebhooksDeliveryProperties.Strategy.EXPONENTIAL) {
				Exponential exponential = retry.getExponential();
				return new ExponentialRetryPolicy(exponential.getInitialDelay(), exponential.getMultiplier(),
						exponential.getMaxDelay(), exponential.getMaxAttempts(), exponential.getJitter());
			}
			return new ScheduleRetryPolicy(retry.getSchedule());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid webhooks.delivery.retry settings: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Resolves endpoint hosts through the URL guard, so a name whose DNS answer points inside the network is
	 * refused when the connection is made, not only when the endpoint was saved.
	 */
	@Bean
	@ConditionalOnMissingBean
	DnsResolver webhooksDnsResolver(UrlGuard urlGuard) {
		return new GuardedDnsResolver(urlGuard);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookTransport webhookTransport(WebhooksDeliveryProperties properties, ObjectProvider<DnsResolver> dnsResolver,
			ObjectProvider<SslBundles> sslBundles) {
		// The dispatcher's per-endpoint queues do the isolation. A lower per-route cap would couple endpoints that
		// share a host (every Slack incoming webhook is on hooks.slack.com), so one hanging path would hold up the others.
		HttpClient5WebhookTransport.Settings settings = valid(() -> new HttpClient5WebhookTransport.Settings(
				properties.getConnectTimeout(), properties.getTimeout(), properties.getMaxInFlight(),
				properties.getMaxInFlight(), Math.toIntExact(properties.getResponseBodyLimit().toBytes()),
				(properties.getIoThreads() != null) ? properties.getIoThreads()
						: HttpClient5WebhookTransport.Settings.defaultIoThreads()));
		SslBundles bundles = sslBundles.getIfAvailable();
		String defaultBundle = StringUtils.hasText(properties.getSslBundle()) ? properties.getSslBundle() : null;
		if (defaultBundle != null && (bundles == null || !bundles.getBundleNames().contains(defaultBundle))) {
			throw new IllegalStateException("Invalid webhooks.delivery.ssl-bundle: no SSL bundle named '"
					+ defaultBundle + "' (configure it under spring.ssl.bundle.jks or spring.ssl.bundle.pem)");
		}
		return new HttpClient5WebhookTransport(settings, dnsResolver.getIfAvailable(),
				egressProxy(properties.getProxy()), (bundles != null) ? (name) -> sslContext(bundles, name) : null,
				defaultBundle);
	}

	private static SSLContext sslContext(SslBundles bundles, String name) {
		try {
			return bundles.getBundle(name).createSslContext();
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalArgumentException("no SSL bundle named '" + name + "'", ex);
		}
	}

	private static EgressProxy egressProxy(WebhooksDeliveryProperties.Proxy proxy) {
		if (!StringUtils.hasText(proxy.getUrl())) {
			if (StringUtils.hasText(proxy.getUsername()) || StringUtils.hasText(proxy.getPassword())) {
				throw new IllegalStateException(
						"Invalid webhooks.delivery.proxy settings: a username or password is set but no url");
			}
			return null;
		}
		try {
			return EgressProxy.of(proxy.getUrl(), proxy.getUsername(), proxy.getPassword(), proxy.getNonProxyHosts());
		}
		catch (IllegalArgumentException ex) {
			// the message names the rule, never the password
			throw new IllegalStateException("Invalid webhooks.delivery.proxy settings: " + ex.getMessage(), ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	DeliveryOutcomeClassifier webhooksDeliveryOutcomeClassifier(RetryPolicy retryPolicy,
			WebhooksDeliveryProperties properties) {
		return new DeliveryOutcomeClassifier(retryPolicy, properties.getRetry().getMaxRetryAfter(),
				properties.getTimeout());
	}

	/**
	 * Signs each attempt with the scheme of {@code webhooks.delivery.signature.scheme}: a built-in one with the
	 * configured header names, or the application's own {@link WebhookSignatureScheme} bean.
	 */
	@Bean
	@ConditionalOnMissingBean
	SignedRequestFactory webhooksSignedRequestFactory(WebhooksDeliveryProperties properties,
			ListableBeanFactory beanFactory) {
		String userAgent = StringUtils.hasText(properties.getUserAgent()) ? properties.getUserAgent()
				: WebhooksVersion.userAgent();
		WebhooksDeliveryProperties.Signature signature = properties.getSignature();
		WebhookSignatureScheme scheme = new SignatureSchemeSettings(signature.getScheme(), signature.getIdHeader(),
				signature.getTimestampHeader(), signature.getSignatureHeader())
			.toScheme(beanFactory.getBeansOfType(WebhookSignatureScheme.class),
					(name) -> beanFactory.containsBean(name) ? beanFactory.getBean(name) : null);
		String messageIdPrefix = signature.getMessageIdPrefix();
		return valid(() -> new SignedRequestFactory(scheme, new SignedRequestFactory.Settings(userAgent,
				properties.getHeaders(), properties.isSvixHeaders(),
				StringUtils.hasText(messageIdPrefix) ? messageIdPrefix.strip() : null)));
	}

	@Bean
	@ConditionalOnMissingBean(DeliveryDispatcher.class)
	DefaultDeliveryDispatcher webhooksDeliveryDispatcher(WebhooksDeliveryProperties properties,
			DeliveryRepository repository, EndpointRepository endpoints,
			ObjectProvider<PlatformTransactionManager> transactionManager, WebhookTransport transport,
			SignedRequestFactory requestFactory, DeliveryOutcomeClassifier classifier,
			ApplicationEventPublisher eventPublisher, ObjectProvider<DeliveryMetrics> metrics,
			ObjectProvider<Clock> clock, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<DeliveryAttemptObservationConvention> observationConvention,
			ObjectProvider<OrderedDeliveryRepository> orderedDeliveries, ObjectProvider<EndpointRateLimiter> rateLimiter,
			ObjectProvider<EndpointDeliveryControls> controls) {
		String instanceId = StringUtils.hasText(properties.getInstanceId()) ? properties.getInstanceId()
				: DefaultDeliveryDispatcher.defaultInstanceId();
		DefaultDeliveryDispatcher.Settings settings = valid(() -> new DefaultDeliveryDispatcher.Settings(instanceId,
				properties.getLease(), properties.getTimeout(), properties.getMaxInFlight(),
				properties.getMaxInFlightPerEndpoint(), properties.getBatchSize(),
				properties.getOutcomeFlushInterval(), properties.getShutdownTimeout(),
				Math.max(2, Runtime.getRuntime().availableProcessors())));
		// the outcomes and the endpoint health they imply commit together, in the application's transactions
		PlatformTransactionManager manager = transactionManager.getIfUnique();
		TransactionOperations transactions = (manager != null) ? new TransactionTemplate(manager)
				: TransactionOperations.withoutTransaction();
		Clock time = clock.getIfUnique(Clock::systemUTC);
		DeliveryOutcomeRecorder outcomes = new DeliveryOutcomeRecorder(repository, endpoints, transactions, time);
		DefaultDeliveryDispatcher dispatcher = new DefaultDeliveryDispatcher(settings, repository, outcomes,
				transport, requestFactory, classifier, eventPublisher,
				metrics.getIfAvailable(() -> DeliveryMetrics.NONE), time);
		// observed only when enabled, as Spring Kafka's listeners: an observation is taken for every attempt
		dispatcher.setObservationRegistry(properties.isObservationEnabled()
				? observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP) : ObservationRegistry.NOOP);
		dispatcher.setObservationConvention(observationConvention.getIfUnique());
		dispatcher.setPropagateTraceContext(properties.isPropagateTraceContext());
		OrderedDeliveryRepository ordered = orderedDeliveries.getIfUnique();
		if (ordered != null) {
			dispatcher.setOrderedDeliveries(ordered, properties.getPollInterval());
		}
		EndpointRateLimiter limiter = rateLimiter.getIfUnique();
		EndpointDeliveryControls endpointControls = controls.getIfUnique();
		if (limiter != null && endpointControls != null) {
			dispatcher.setRateLimits(limiter, endpointControls);
		}
		return dispatcher;
	}

	@Bean
	@ConditionalOnMissingBean
	EndpointDeliveryControls webhooksEndpointDeliveryControls(EndpointRepository endpoints) {
		return new CachedEndpointDeliveryControls(endpoints, WebhookEndpoint::rateLimit, CONTROLS_TIME_TO_LIVE);
	}

	@Bean
	@ConditionalOnMissingBean
	DeliveryPoller webhooksDeliveryPoller(WebhooksDeliveryProperties properties, DeliveryRepository repository,
			EndpointRepository endpoints, DeliveryDispatcher dispatcher,
			ObjectProvider<WebhooksStoreProperties> storeProperties,
			ApplicationEventPublisher eventPublisher, ObjectProvider<Clock> clock) {
		Duration retention = storeProperties.getIfAvailable(WebhooksStoreProperties::new).getRetention();
		DeliveryPoller.Settings settings = valid(() -> new DeliveryPoller.Settings(properties.getPollInterval(),
				properties.getBatchSize(), properties.getHousekeepingInterval(), properties.getEndpointDisableAfter(),
				retention, properties.getBatchSize()));
		return new DeliveryPoller(repository, endpoints, dispatcher, settings, eventPublisher,
				clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	DeliveryBacklog webhooksDeliveryBacklog(DeliveryRepository repository, ObjectProvider<Clock> clock) {
		return new DeliveryBacklog(repository, BACKLOG_REFRESH, clock.getIfUnique(Clock::systemUTC));
	}

	private static <T> T valid(java.util.function.Supplier<T> settings) {
		try {
			return settings.get();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid webhooks.delivery settings: " + ex.getMessage(), ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class DeliveryMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(DeliveryMetrics.class)
		MicrometerDeliveryMetrics webhooksDeliveryMetrics(MeterRegistry registry, DeliveryBacklog backlog) {
			return new MicrometerDeliveryMetrics(registry, backlog);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class DeliveryHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "webhooksHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("webhooks")
		DeliveryHealthIndicator webhooksHealthIndicator(DeliveryBacklog backlog) {
			return new DeliveryHealthIndicator(backlog);
		}

	}

}
