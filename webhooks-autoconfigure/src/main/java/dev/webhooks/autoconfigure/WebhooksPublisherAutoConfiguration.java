package dev.webhooks.autoconfigure;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import dev.webhooks.delivery.DeliveryDispatcher;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.SubscriberCacheEviction;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.StaticEndpoint;
import dev.webhooks.endpoint.StaticEndpointsInitializer;
import dev.webhooks.urlguard.UrlGuard;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.endpoint.WebhookSubscribers;
import dev.webhooks.event.EnvelopeFormat;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.EventTypeDefinition;
import dev.webhooks.event.WebhookEnvelopeWriter;
import dev.webhooks.publish.MicrometerPublishMetrics;
import dev.webhooks.publish.OutboxWebhookPublisher;
import dev.webhooks.publish.OutboxWebhookPublisher.PublisherSettings;
import dev.webhooks.publish.PublishMetrics;
import dev.webhooks.publish.WebhookEventAdvisor;
import dev.webhooks.publish.WebhookEventApplicationListener;
import dev.webhooks.publish.WebhookEventExpressions;
import dev.webhooks.publish.WebhookEventMethodInterceptor;
import dev.webhooks.publish.WebhookEventTypeCollector;
import dev.webhooks.publish.WebhookPublisher;
import dev.webhooks.signing.SecretEncryption;
import dev.webhooks.store.JdbcDeliveryRepository;
import dev.webhooks.store.JdbcEndpointRepository;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Auto-configuration of publishing: the event-type catalog, the envelope writer, the JDBC endpoint and delivery
 * repositories on the application's {@link DataSource}, the {@link WebhookEndpoints} service with the endpoints
 * of {@code webhooks.endpoints}, the {@link WebhookSubscribers} lookup, the outbox {@link WebhookPublisher}, and
 * {@code @WebhookEvent} on methods (an advisor) and on application-event types (a listener). Every bean backs off
 * when the application defines its own. The delivery engine, when present, is found as a
 * {@link DeliveryDispatcher} bean; without one, published deliveries stay pending for a poller.
 */
@AutoConfiguration(after = { WebhooksStoreAutoConfiguration.class, WebhooksUrlGuardAutoConfiguration.class }, afterName = {
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ JdbcTemplate.class, DataSource.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(WebhooksProperties.class)
@Import({ DatabaseInitializationDependencyConfigurer.class,
		WebhooksPublisherAutoConfiguration.AutoProxyCreatorRegistrar.class })
public final class WebhooksPublisherAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventTypeCatalog webhookEventTypeCatalog(WebhooksProperties properties) {
		List<EventTypeDefinition> declared = properties.getEventTypes().stream().map((type) -> {
			if (type.getType() == null || type.getType().isBlank()) {
				throw new IllegalStateException("Every entry of webhooks.event-types needs a type");
			}
			return new EventTypeDefinition(type.getType(), type.getDescription(), type.getExample());
		}).toList();
		return new EventTypeCatalog(declared);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEnvelopeWriter webhookEnvelopeWriter(WebhooksProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
		WebhooksProperties.Envelope envelope = properties.getEnvelope();
		EnvelopeFormat.Builder format = EnvelopeFormat.builder()
			.apiVersion(envelope.getApiVersion())
			.wrapData(envelope.isWrapData())
			.maxSize(Math.toIntExact(envelope.getMaxPayloadSize().toBytes()));
		envelope.getFieldNames().forEach(format::rename);
		envelope.getExclude().forEach(format::remove);
		return new WebhookEnvelopeWriter(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()), format.build());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	EndpointRepository webhookEndpointRepository(DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager, ObjectProvider<SecretEncryption> encryption) {
		return new JdbcEndpointRepository(new JdbcTemplate(dataSource),
				transactionTemplate(dataSource, transactionManager), Clock.systemUTC(),
				encryption.getIfAvailable(SecretEncryption::none));
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	DeliveryRepository webhookDeliveryRepository(DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager, ObjectProvider<SecretEncryption> encryption) {
		return new JdbcDeliveryRepository(new JdbcTemplate(dataSource),
				transactionTemplate(dataSource, transactionManager), Clock.systemUTC(),
				encryption.getIfAvailable(SecretEncryption::none));
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookSubscribers webhookSubscribers(EndpointRepository repository, WebhooksProperties properties) {
		return new WebhookSubscribers(repository, properties.getPublisher().getSubscriberCacheTtl());
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEndpoints webhookEndpoints(EndpointRepository repository, WebhookSubscribers subscribers,
			ObjectProvider<UrlGuard> urlGuard, EventTypeCatalog catalog, WebhooksProperties properties) {
		return new WebhookEndpoints(repository, subscribers, urlGuard.getIfAvailable(), catalog,
				properties.getPublisher().isStrictEventTypes(), properties.getSecrets().getRotationOverlap(),
				Clock.systemUTC());
	}

	/**
	 * Forgets the subscribers {@link WebhookSubscribers} keeps when the delivery engine disables an endpoint, which
	 * it does in the store rather than through the management service.
	 * @param subscribers the lookup
	 * @return the listener
	 */
	@Bean
	@ConditionalOnMissingBean
	SubscriberCacheEviction webhookSubscriberCacheEviction(WebhookSubscribers subscribers) {
		return new SubscriberCacheEviction(subscribers);
	}

	@Bean
	@ConditionalOnMissingBean
	StaticEndpointsInitializer webhookStaticEndpointsInitializer(WebhookEndpoints endpoints,
			WebhooksProperties properties) {
		List<StaticEndpoint> definitions = properties.getEndpoints().stream()
			.map((endpoint) -> new StaticEndpoint(endpoint.getId(), emptyToNull(endpoint.getTenant()),
					endpoint.getUrl(), endpoint.getDescription(), List.copyOf(endpoint.getEvents()),
					endpoint.getHeaders(), List.copyOf(endpoint.getSecrets()), endpoint.isEnabled()))
			.toList();
		return new StaticEndpointsInitializer(endpoints, definitions);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookPublisher webhookPublisher(DeliveryRepository deliveries, WebhookSubscribers subscribers,
			EventTypeCatalog catalog, WebhookEnvelopeWriter envelopeWriter, DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager,
			ObjectProvider<DeliveryDispatcher> dispatcher, ObjectProvider<PublishMetrics> metrics,
			WebhooksProperties properties) {
		WebhooksProperties.Publisher publisher = properties.getPublisher();
		return new OutboxWebhookPublisher(deliveries, subscribers, catalog, envelopeWriter,
				transactionTemplate(dataSource, transactionManager), dispatcher,
				new PublisherSettings(publisher.isStrictEventTypes(), publisher.getIdempotencyWindow()),
				metrics.getIfAvailable(() -> PublishMetrics.NONE), Clock.systemUTC());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static WebhookEventExpressions webhookEventExpressions() {
		return new WebhookEventExpressions();
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static WebhookEventAdvisor webhookEventAdvisor(ObjectProvider<WebhookPublisher> publisher,
			ObjectProvider<WebhookEventExpressions> expressions) {
		return new WebhookEventAdvisor(new WebhookEventMethodInterceptor(publisher,
				expressions.getIfAvailable(WebhookEventExpressions::new)));
	}

	@Bean
	@ConditionalOnMissingBean
	static WebhookEventTypeCollector webhookEventTypeCollector(ObjectProvider<EventTypeCatalog> catalog,
			ObjectProvider<WebhooksProperties> properties, BeanFactory beanFactory) {
		// a post-processor: the properties are read only when the context has started, so nothing is created early
		return new WebhookEventTypeCollector(catalog, () -> {
			List<String> packages = properties.getObject().getPublisher().getScanPackages();
			if (packages.isEmpty() && AutoConfigurationPackages.has(beanFactory)) {
				packages = AutoConfigurationPackages.get(beanFactory);
			}
			return List.copyOf(packages);
		});
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEventApplicationListener webhookEventApplicationListener(ObjectProvider<WebhookPublisher> publisher,
			WebhookEventExpressions expressions, EventTypeCatalog catalog) {
		return new WebhookEventApplicationListener(publisher, expressions, catalog);
	}

	private static TransactionTemplate transactionTemplate(DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager) {
		return new TransactionTemplate(
				transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)));
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class PublishMetricsConfiguration {

		@Bean
		@ConditionalOnBean(MeterRegistry.class)
		@ConditionalOnMissingBean
		PublishMetrics webhookPublishMetrics(MeterRegistry registry) {
			return new MicrometerPublishMetrics(registry);
		}

	}

	/**
	 * Makes sure an auto-proxy creator exists for the {@code @WebhookEvent} advisor, as
	 * {@code @EnableTransactionManagement} does for {@code @Transactional}; an existing, more capable one (the
	 * AspectJ-aware one of Spring Boot's AOP auto-configuration) is kept.
	 */
	static class AutoProxyCreatorRegistrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
		}

	}

}
