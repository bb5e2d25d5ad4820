package dev.webhooks.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import dev.webhooks.api.ActivityController;
import dev.webhooks.api.ApiContext;
import dev.webhooks.api.ApiExceptionHandler;
import dev.webhooks.api.ApiPaging;
import dev.webhooks.api.ApiRequestReader;
import dev.webhooks.api.ApiTenancy;
import dev.webhooks.api.AttemptViews;
import dev.webhooks.api.DeliveryLogController;
import dev.webhooks.api.DeliveryStreamController;
import dev.webhooks.api.DeliveryStreamPoller;
import dev.webhooks.api.DeliveryStreamViews;
import dev.webhooks.api.DeliveryStreams;
import dev.webhooks.api.EventTypesController;
import dev.webhooks.api.MessagesController;
import dev.webhooks.api.OpenApiController;
import dev.webhooks.api.SecurityContextTenantResolver;
import dev.webhooks.api.StreamSettings;
import dev.webhooks.api.WebhookEndpointsController;
import dev.webhooks.api.WebhookTenantResolver;
import dev.webhooks.delivery.DeliveryActivity;
import dev.webhooks.delivery.DeliveryDispatcher;
import dev.webhooks.delivery.DeliveryFeed;
import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.SignedRequestFactory;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.EventTypeDefinition;
import dev.webhooks.event.WebhookEnvelopeWriter;
import dev.webhooks.publish.EndpointDeliveries;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of the management REST API under {@code webhooks.api.base-path}, when
 * {@code webhooks.api.enabled=true} in a servlet web application with the publishing side configured: the
 * controllers, their problem-detail error handling, the service that sends test events and replays, and the
 * tenant of each call. With Spring Security the tenant is the authenticated principal's name; an application
 * may define its own {@link WebhookTenantResolver}; the endpoints a tenant may have are the endpoint service's one
 * limit ({@code webhooks.publisher.max-endpoints-per-tenant}, see {@link WebhooksPublisherAutoConfiguration}). Without Spring Security,
 * without a resolver and without {@code webhooks.api.single-tenant=true}, start-up fails: an API that cannot tell
 * tenants apart must not serve one tenant's endpoints to another.
 */
@AutoConfiguration(after = { WebhooksPublisherAutoConfiguration.class, WebhooksDeliveryAutoConfiguration.class,
		WebhooksStoreAutoConfiguration.class })
@ConditionalOnProperty(prefix = "webhooks.api", name = "enabled", havingValue = "true")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean({ WebhookEndpoints.class, DeliveryRepository.class, DeliveryLog.class })
@EnableConfigurationProperties({ WebhooksApiProperties.class, WebhooksProperties.class,
		WebhooksDashboardProperties.class })
public final class WebhooksApiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ApiContext webhookApiContext(WebhooksApiProperties properties, WebhooksProperties webhooks,
			ObjectProvider<WebhookTenantResolver> resolver, EventTypeCatalog catalog) {
		ApiTenancy tenancy = tenancy(properties, resolver.getIfUnique());
		String testType = properties.getTestEventType();
		catalog.declare(new EventTypeDefinition(testType, "A test event, sent to one endpoint through the "
				+ "management API", Map.of("message", "This is a test event")));
		Duration grace = (properties.getDefaultGracePeriod() != null) ? properties.getDefaultGracePeriod()
				: webhooks.getSecrets().getRotationOverlap();
		return new ApiContext(tenancy, new ApiRequestReader(properties.getMaxRequestSize().toBytes()),
				new ApiPaging(properties.getDefaultPageSize(), properties.getMaxPageSize()), grace, testType,
				Clock.systemUTC());
	}

	private static ApiTenancy tenancy(WebhooksApiProperties properties, WebhookTenantResolver resolver) {
		if (properties.isSingleTenant()) {
			return ApiTenancy.singleTenant();
		}
		if (resolver == null) {
			throw new IllegalStateException("webhooks.api.enabled=true, but nothing tells the management API whose "
					+ "call each request is. Either add Spring Security (spring-boot-starter-security), whose "
					+ "authenticated principal's name is the tenant, or define a WebhookTenantResolver bean; or set "
					+ "webhooks.api.single-tenant=true to serve every caller as one tenant, if you secure the API "
					+ "yourself");
		}
		return ApiTenancy.resolvedBy(resolver);
	}

	@Bean
	@ConditionalOnMissingBean
	EndpointDeliveries webhookEndpointDeliveries(DeliveryRepository deliveries, DeliveryLog log,
			WebhookEnvelopeWriter envelopeWriter, DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager,
			ObjectProvider<DeliveryDispatcher> dispatcher) {
		return new EndpointDeliveries(deliveries, log, envelopeWriter, transactionTemplate(dataSource,
				transactionManager), dispatcher, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	AttemptViews webhookAttemptViews(ObjectProvider<SignedRequestFactory> requests, WebhooksApiProperties properties) {
		return new AttemptViews(requests.getIfAvailable(), properties.getMaxResponseBodyExcerpt());
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEndpointsController webhookEndpointsController(WebhookEndpoints endpoints, DeliveryLog log,
			EndpointDeliveries sender, EventTypeCatalog catalog, ApiContext context, DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager) {
		return new WebhookEndpointsController(endpoints, log, sender, catalog, context,
				transactionTemplate(dataSource, transactionManager));
	}

	@Bean
	@ConditionalOnMissingBean
	DeliveryLogController webhookDeliveryLogController(WebhookEndpoints endpoints, DeliveryLog log,
			EndpointDeliveries sender, AttemptViews attempts, ApiContext context) {
		return new DeliveryLogController(endpoints, log, sender, attempts, context);
	}

	@Bean
	@ConditionalOnMissingBean
	MessagesController webhookMessagesController(WebhookEndpoints endpoints, DeliveryLog log, AttemptViews attempts,
			ApiContext context) {
		return new MessagesController(endpoints, log, attempts, context);
	}

	@Bean
	@ConditionalOnMissingBean
	EventTypesController webhookEventTypesController(EventTypeCatalog catalog, ApiContext context) {
		return new EventTypesController(catalog, context);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenApiController webhookOpenApiController(WebhooksApiProperties properties) {
		return new OpenApiController(properties.getBasePath());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DeliveryActivity.class)
	ActivityController webhookActivityController(DeliveryActivity activity, ApiContext context) {
		return new ActivityController(activity, context);
	}

	@Bean
	@ConditionalOnMissingBean
	ApiExceptionHandler webhookApiExceptionHandler() {
		return new ApiExceptionHandler();
	}

	private static TransactionTemplate transactionTemplate(DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager) {
		return new TransactionTemplate(
				transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)));
	}

	/**
	 * The live delivery stream, {@code GET {base}/stream}, fed from the store's {@link DeliveryFeed} so that changes
	 * made by every instance on the database reach it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "webhooks.api.stream.enabled", matchIfMissing = true)
	@ConditionalOnBean(DeliveryFeed.class)
	static class StreamConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DeliveryStreams webhookDeliveryStreams(DeliveryFeed feed, WebhooksApiProperties properties,
				ObjectProvider<JsonMapper> mapper) {
			return new DeliveryStreams(feed, streamSettings(properties), new DeliveryStreamViews(mapper
				.getIfAvailable(JsonMapper::shared)));
		}

		@Bean
		@ConditionalOnMissingBean
		DeliveryStreamPoller webhookDeliveryStreamPoller(DeliveryFeed feed, DeliveryStreams streams,
				WebhooksApiProperties properties, ObjectProvider<JsonMapper> mapper) {
			return new DeliveryStreamPoller(feed, streams, streamSettings(properties),
					new DeliveryStreamViews(mapper.getIfAvailable(JsonMapper::shared)), Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		DeliveryStreamController webhookDeliveryStreamController(DeliveryStreams streams, ApiContext context) {
			return new DeliveryStreamController(streams, context);
		}

		private static StreamSettings streamSettings(WebhooksApiProperties properties) {
			WebhooksApiProperties.Stream stream = properties.getStream();
			try {
				return new StreamSettings(stream.getHeartbeat(), stream.getPollInterval(), stream.getLookback(),
						stream.getMaxPerTenant(), stream.getMaxTotal(), stream.getMaxDuration(),
						stream.getBatchLimit());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("Invalid webhooks.api.stream settings: " + ex.getMessage(), ex);
			}
		}

	}

	/**
	 * The tenant of a call with Spring Security: the authenticated principal's name.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SecurityContextHolder.class)
	static class SecurityTenantConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebhookTenantResolver webhookTenantResolver() {
			return new SecurityContextTenantResolver();
		}

	}

}
