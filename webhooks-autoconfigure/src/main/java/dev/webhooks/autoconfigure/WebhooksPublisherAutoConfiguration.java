package dev.webhooks.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.webhooks.delivery.DeliveryDispatcher;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.SubscriberCacheEviction;
import dev.webhooks.endpoint.EndpointLimit;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.StaticEndpoint;
import dev.webhooks.endpoint.StaticEndpointsInitializer;
import dev.webhooks.urlguard.UrlGuard;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.endpoint.WebhookSubscribers;
import dev.webhooks.event.EnvelopeFormat;
import dev.webhooks.event.EventSchema;
import dev.webhooks.event.EventSchemaEnforcer;
import dev.webhooks.event.EventSchemaGenerator;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.EventTypeDefinition;
import dev.webhooks.event.WebhookEnvelopeWriter;
import dev.webhooks.publish.MicrometerPublishMetrics;
import dev.webhooks.publish.OutboxWebhookPublisher;
import dev.webhooks.publish.OutboxWebhookPublisher.PublisherSettings;
import dev.webhooks.publish.PublishMetrics;
import dev.webhooks.publish.StrippedPropertiesReporter;
import dev.webhooks.publish.WebhookEventAdvisor;
import dev.webhooks.publish.WebhookEventApplicationListener;
import dev.webhooks.publish.WebhookEventExpressions;
import dev.webhooks.publish.WebhookEventMethodInterceptor;
import dev.webhooks.publish.WebhookEventTypeCollector;
import dev.webhooks.publish.WebhookPublishObservationConvention;
import dev.webhooks.publish.WebhookPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
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
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Auto-configuration of publishing: the event-type catalog with its schemas, the envelope writer that applies
 * them, the {@link WebhookEndpoints} service with the endpoints of {@code webhooks.endpoints}, the
 * {@link WebhookSubscribers} lookup, the outbox {@link WebhookPublisher} (all on the repositories of
 * {@link WebhooksStoreAutoConfiguration}, or the application's own), and {@code @WebhookEvent} on methods (an
 * advisor) and on application-event types (a listener). Every bean backs off when the application defines its own.
 * The delivery engine, when present, is found as a
 * {@link DeliveryDispatcher} bean; without one, published deliveries stay pending for a poller.
 * <p>
 * Time comes from the application's {@link java.time.Clock} bean when it has exactly one, else from the system
 * clock; the delivery engine reads the same one.
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
@EnableConfigurationProperties({ WebhooksProperties.class, WebhooksApiProperties.class })
@Import(WebhooksPublisherAutoConfiguration.AutoProxyCreatorRegistrar.class)
public final class WebhooksPublisherAutoConfiguration {

	/** Endpoints per tenant while the management API is on and no limit is configured. */
	static final int DEFAULT_API_ENDPOINT_LIMIT = 20;

	@Bean
	@ConditionalOnMissingBean
	EventTypeCatalog webhookEventTypeCatalog(WebhooksProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<JsonMapper> jsonMapper) {
		List<EventTypeDefinition> declared = new ConfiguredEventTypes(resourceLoader)
			.definitions(properties.getEventTypes());
		return new EventTypeCatalog(declared, new EventSchemaGenerator(mapper(jsonMapper)));
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEnvelopeWriter webhookEnvelopeWriter(WebhooksProperties properties, ObjectProvider<JsonMapper> jsonMapper,
			EventTypeCatalog catalog, ObjectProvider<PublishMetrics> metrics) {
		WebhooksProperties.Envelope envelope = properties.getEnvelope();
		EnvelopeFormat.Builder format = EnvelopeFormat.builder()
			.apiVersion(envelope.getApiVersion())
			.wrapData(envelope.isWrapData())
			.maxSize(Math.toIntExact(envelope.getMaxPayloadSize().toBytes()))
			.truncatedField(envelope.getTruncatedField());
		envelope.getFieldNames().forEach(format::rename);
		envelope.getExclude().forEach(format::remove);
		EventSchemaEnforcer schemas = new EventSchemaEnforcer(catalog, properties.getPublisher().getSchemaValidation(),
				new StrippedPropertiesReporter(metrics.getIfAvailable(() -> PublishMetrics.NONE)));
		return new WebhookEnvelopeWriter(mapper(jsonMapper), format.build(), schemas);
	}

	private static JsonMapper mapper(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfAvailable(JsonMapper::shared);
	}

	/**
	 * The one limit on endpoints per tenant, which {@link WebhookEndpoints} enforces for code and the management
	 * API alike: {@code webhooks.publisher.max-endpoints-per-tenant}, else its deprecated alias
	 * {@code webhooks.api.max-endpoints-per-tenant}, else {@value #DEFAULT_API_ENDPOINT_LIMIT} while the API is on
	 * (its callers are customers) and none otherwise (the application's own code decides).
	 * @param properties the publisher's properties
	 * @param api the API's properties, for the deprecated alias and whether the API is on
	 * @return the limit
	 */
	@Bean
	@ConditionalOnMissingBean
	@SuppressWarnings("deprecation")
	EndpointLimit webhookEndpointLimit(WebhooksProperties properties, WebhooksApiProperties api) {
		Integer configured = properties.getPublisher().getMaxEndpointsPerTenant();
		String name = "webhooks.publisher.max-endpoints-per-tenant";
		if (configured == null && api.getMaxEndpointsPerTenant() != null) {
			configured = api.getMaxEndpointsPerTenant();
			name = "webhooks.api.max-endpoints-per-tenant (deprecated: use "
					+ "webhooks.publisher.max-endpoints-per-tenant)";
		}
		if (configured == null) {
			return EndpointLimit.perTenant(api.isEnabled() ? DEFAULT_API_ENDPOINT_LIMIT : 0);
		}
		if (configured < 0) {
			throw new IllegalStateException(name + " must be 0 (no limit) or more, not " + configured);
		}
		return EndpointLimit.perTenant(configured);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookSubscribers webhookSubscribers(EndpointRepository repository, WebhooksProperties properties) {
		return new WebhookSubscribers(repository, properties.getPublisher().getSubscriberCacheTtl());
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEndpoints webhookEndpoints(EndpointRepository repository, WebhookSubscribers subscribers,
			ObjectProvider<UrlGuard> urlGuard, EventTypeCatalog catalog, WebhooksProperties properties,
			EndpointLimit endpointLimit, ObjectProvider<SslBundles> sslBundles, ObjectProvider<Clock> clock) {
		WebhookEndpoints endpoints = new WebhookEndpoints(repository, subscribers, urlGuard.getIfAvailable(),
				catalog, properties.getPublisher().isStrictEventTypes(), properties.getSecrets().getRotationOverlap(),
				clock.getIfUnique(Clock::systemUTC));
		endpoints.setEndpointLimit(endpointLimit);
		// read at each check, so a bundle registered after start-up can be named
		endpoints.setSslBundles((name) -> {
			SslBundles bundles = sslBundles.getIfAvailable();
			return bundles != null && bundles.getBundleNames().contains(name);
		});
		return endpoints;
	}

	/**
	 * Forgets the subscribers {@link WebhookSubscribers} keeps when the delivery engine disables an endpoint, which
	 * it does through the {@link EndpointRepository} rather than through the management service.
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
					endpoint.getHeaders(), List.copyOf(endpoint.getSecrets()), endpoint.isEnabled(),
					emptyToNull(endpoint.getFilter()), endpoint.getOrdering(), endpoint.getRateLimit(),
					emptyToNull(endpoint.getSslBundle()),
					(endpoint.getSignatureVersions() != null) ? List.copyOf(endpoint.getSignatureVersions()) : null))
			.toList();
		return new StaticEndpointsInitializer(endpoints, definitions);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookPublisher webhookPublisher(DeliveryRepository deliveries, WebhookSubscribers subscribers,
			EventTypeCatalog catalog, WebhookEnvelopeWriter envelopeWriter, DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager,
			ObjectProvider<DeliveryDispatcher> dispatcher, ObjectProvider<PublishMetrics> metrics,
			WebhooksProperties properties, ObjectProvider<Clock> clock,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<WebhookPublishObservationConvention> observationConvention) {
		WebhooksProperties.Publisher publisher = properties.getPublisher();
		OutboxWebhookPublisher webhookPublisher = new OutboxWebhookPublisher(deliveries, subscribers, catalog,
				envelopeWriter, transactionTemplate(dataSource, transactionManager), dispatcher,
				new PublisherSettings(publisher.isStrictEventTypes(), publisher.getIdempotencyWindow()),
				metrics.getIfAvailable(() -> PublishMetrics.NONE), clock.getIfUnique(Clock::systemUTC));
		// observed only when enabled, as Spring Kafka's templates: an observation is taken for every event
		webhookPublisher.setObservationRegistry(publisher.isObservationEnabled()
				? observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP) : ObservationRegistry.NOOP);
		webhookPublisher.setObservationConvention(observationConvention.getIfUnique());
		return webhookPublisher;
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

	/**
	 * Turns the entries of {@code webhooks.event-types} into catalog definitions: the schema inline or read from
	 * {@code schema-location}, and the YAML lists of schemas and examples given back their shape (binding to a map
	 * turns {@code required: [id, name]} into {@code {0: id, 1: name}}).
	 */
	static final class ConfiguredEventTypes {

		private static final ObjectMapper JSON = JsonMapper.shared();

		private final ResourceLoader resources;

		ConfiguredEventTypes(ResourceLoader resources) {
			this.resources = resources;
		}

		List<EventTypeDefinition> definitions(List<WebhooksProperties.EventType> eventTypes) {
			List<EventTypeDefinition> definitions = new ArrayList<>();
			for (WebhooksProperties.EventType type : eventTypes) {
				if (type.getType() == null || type.getType().isBlank()) {
					throw new IllegalStateException("Every entry of webhooks.event-types needs a type");
				}
				definitions.add(new EventTypeDefinition(type.getType(), type.getDescription(),
						restoreLists(type.getExample()), schema(type)));
			}
			return definitions;
		}

		private EventSchema schema(WebhooksProperties.EventType type) {
			boolean inline = type.getSchema() != null;
			boolean located = type.getSchemaLocation() != null && !type.getSchemaLocation().isBlank();
			if (inline && located) {
				throw new IllegalStateException("Event type '" + type.getType() + "' declares both schema and "
						+ "schema-location under webhooks.event-types: keep one");
			}
			if (inline) {
				return EventSchema.of(type.getType(), JSON.valueToTree(restoreLists(type.getSchema())));
			}
			return located ? EventSchema.of(type.getType(), read(type.getType(), type.getSchemaLocation())) : null;
		}

		private JsonNode read(String type, String location) {
			Resource resource = this.resources.getResource(location);
			try (InputStream in = resource.getInputStream()) {
				return JSON.readTree(in);
			}
			catch (IOException ex) {
				throw new IllegalStateException("The schema-location of event type '" + type + "', " + location
						+ ", cannot be read: " + ex.getMessage(), ex);
			}
			catch (JacksonException ex) {
				throw new IllegalStateException("The schema-location of event type '" + type + "', " + location
						+ ", is not JSON: " + ex.getOriginalMessage(), ex);
			}
		}

		/** A map whose keys are exactly 0 to n-1 was a list before binding. */
		static Object restoreLists(Object value) {
			if (value instanceof Map<?, ?> map) {
				Map<String, Object> restored = new LinkedHashMap<>();
				map.forEach((key, entry) -> restored.put(String.valueOf(key), restoreLists(entry)));
				if (!restored.isEmpty() && isIndexed(restored)) {
					List<Object> list = new ArrayList<>(restored.size());
					for (int i = 0; i < restored.size(); i++) {
						list.add(restored.get(String.valueOf(i)));
					}
					return list;
				}
				return restored;
			}
			if (value instanceof List<?> list) {
				return list.stream().map(ConfiguredEventTypes::restoreLists).toList();
			}
			return value;
		}

		private static boolean isIndexed(Map<String, Object> map) {
			for (int i = 0; i < map.size(); i++) {
				if (!map.containsKey(String.valueOf(i))) {
					return false;
				}
			}
			return true;
		}

	}

}
