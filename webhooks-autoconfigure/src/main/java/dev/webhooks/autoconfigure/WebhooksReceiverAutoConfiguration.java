package dev.webhooks.autoconfigure;


import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.catalina.startup.Tomcat;
import tools.jackson.databind.json.JsonMapper;

import dev.webhooks.receive.AsyncWebhookListenerInvoker;
import dev.webhooks.receive.IdempotencyStore;
import dev.webhooks.receive.IdempotencyStoreMaintenance;
import dev.webhooks.receive.InMemoryIdempotencyStore;
import dev.webhooks.receive.MicrometerWebhookReceiverMetrics;
import dev.webhooks.receive.ReceiverProblemReportCustomizer;
import dev.webhooks.receive.SyncWebhookListenerInvoker;
import dev.webhooks.receive.TransientWebhookInbox;
import dev.webhooks.receive.WebhookInbox;
import dev.webhooks.receive.WebhookListener;
import dev.webhooks.receive.WebhookListenerAnnotationBeanPostProcessor;
import dev.webhooks.receive.WebhookListenerArgumentResolver;
import dev.webhooks.receive.WebhookListenerRegistry;
import dev.webhooks.receive.WebhookReceiveObservationConvention;
import dev.webhooks.receive.WebhookReceiver;
import dev.webhooks.receive.WebhookReceiverMetrics;
import dev.webhooks.receive.WebhookReceiverRoutes;
import dev.webhooks.receive.WebhookSource;
import dev.webhooks.receive.WebhookSourceSettings;
import dev.webhooks.receive.WebhookSources;
import dev.webhooks.signing.WebhookSignatureScheme;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.servlet.function.RouterFunction;

/**
 * Auto-configuration of the receiving side in a Spring MVC application: the {@link WebhookListener} post-processor
 * (with the application's {@link WebhookListenerArgumentResolver} beans) and registry, the sources of
 * {@code webhooks.receiver.sources} (secrets checked at start-up), the idempotency store (in memory, unless
 * {@link WebhooksStoreAutoConfiguration} made a JDBC one on the application's {@link DataSource}) and inbox, the
 * synchronous and asynchronous listener invokers, metrics when Micrometer is present, and the routes that serve
 * each source.
 */
@AutoConfiguration(after = { JacksonAutoConfiguration.class, DataSourceAutoConfiguration.class,
		WebhooksStoreAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ RouterFunction.class, JsonMapper.class })
@ConditionalOnBooleanProperty(name = "webhooks.receiver.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebhooksReceiverProperties.class)
public final class WebhooksReceiverAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static WebhookListenerAnnotationBeanPostProcessor webhookListenerAnnotationBeanPostProcessor(
			ObjectProvider<WebhookListenerRegistry> registry, ObjectProvider<JsonMapper> mapper,
			ObjectProvider<WebhookListenerArgumentResolver> resolvers) {
		return new WebhookListenerAnnotationBeanPostProcessor(registry, mapper, resolvers);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookSources webhookSources(WebhooksReceiverProperties properties,
			ObjectProvider<WebhookSignatureScheme> schemes) {
		List<WebhookSignatureScheme> customSchemes = schemes.orderedStream().toList();
		List<WebhookSource> sources = new ArrayList<>();
		for (Map.Entry<String, WebhooksReceiverProperties.Source> entry : properties.getSources().entrySet()) {
			sources.add(settings(entry.getKey(), entry.getValue()).toSource(properties.getPath(), customSchemes));
		}
		return new WebhookSources(sources);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookListenerRegistry webhookListenerRegistry(WebhookSources sources) {
		return new WebhookListenerRegistry(sources);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookReceiverMetrics webhookReceiverMetrics() {
		return WebhookReceiverMetrics.NONE;
	}

	@Bean
	@ConditionalOnMissingBean
	IdempotencyStore webhookIdempotencyStore(WebhooksReceiverProperties properties) {
		return new InMemoryIdempotencyStore(properties.getInMemoryMaxEntries(), properties.getClaimTimeout(),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	SyncWebhookListenerInvoker syncWebhookListenerInvoker(IdempotencyStore store, WebhookReceiverMetrics metrics) {
		return new SyncWebhookListenerInvoker(store, metrics);
	}

	@Bean
	@ConditionalOnMissingBean
	AsyncWebhookListenerInvoker asyncWebhookListenerInvoker(WebhooksReceiverProperties properties,
			WebhookListenerRegistry registry, IdempotencyStore store, ObjectProvider<WebhookInbox> inbox,
			ObjectProvider<JsonMapper> mapper, WebhookReceiverMetrics metrics) {
		WebhooksReceiverProperties.AsyncListener async = properties.getAsyncListener();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(async.getThreads(), async.getThreads(), 60,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(async.getQueueCapacity()),
				new CustomizableThreadFactory("webhook-listener-"));
		executor.allowCoreThreadTimeOut(true);
		RetryPolicy retryPolicy = RetryPolicy.builder()
			.maxRetries(async.getMaxRetries())
			.delay(async.getRetryDelay())
			.multiplier(async.getRetryMultiplier())
			.maxDelay(async.getRetryMaxDelay())
			.build();
		// the JDBC and in-memory stores are inboxes too; another store keeps nothing of a pending message
		WebhookInbox storeInbox = inbox.getIfAvailable(
				() -> (store instanceof WebhookInbox both) ? both : new TransientWebhookInbox(store));
		return new AsyncWebhookListenerInvoker(executor, retryPolicy, registry, store, storeInbox,
				mapper.getIfAvailable(JsonMapper::shared), metrics);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookReceiver webhookReceiver(WebhookListenerRegistry registry, IdempotencyStore store,
			ObjectProvider<JsonMapper> mapper, SyncWebhookListenerInvoker syncInvoker,
			AsyncWebhookListenerInvoker asyncInvoker) {
		return new WebhookReceiver(registry, store, mapper.getIfAvailable(JsonMapper::shared), syncInvoker, asyncInvoker,
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(value = WebhookReceiverRoutes.class, name = "webhookReceiverRoutes")
	WebhookReceiverRoutes webhookReceiverRoutes(WebhooksReceiverProperties properties, WebhookSources sources,
			WebhookReceiver receiver, WebhookReceiverMetrics metrics,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<WebhookReceiveObservationConvention> observationConvention) {
		WebhookReceiverRoutes routes = new WebhookReceiverRoutes(properties.getPath(), sources, receiver, metrics);
		// observed only when enabled, as Spring Kafka's listeners: an observation is taken for every request
		routes.setObservationRegistry(properties.isObservationEnabled()
				? observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP) : ObservationRegistry.NOOP);
		routes.setObservationConvention(observationConvention.getIfUnique());
		return routes;
	}

	@Bean
	@ConditionalOnMissingBean
	IdempotencyStoreMaintenance webhookIdempotencyStoreMaintenance(IdempotencyStore store,
			AsyncWebhookListenerInvoker asyncInvoker, WebhooksReceiverProperties properties) {
		return new IdempotencyStoreMaintenance(store, asyncInvoker, properties.getRetention(),
				properties.getMaintenanceInterval(), Clock.systemUTC());
	}

	private static WebhookSourceSettings settings(String name, WebhooksReceiverProperties.Source source) {
		return new WebhookSourceSettings(name, source.getSecrets(), source.getPublicKeys(), source.getScheme(),
				source.getSignatureHeader(),
				source.getIdHeader(), source.getTolerance(), source.getMaxBodySize(), source.getPath(),
				source.isAsync());
	}

	/**
	 * Problem details instead of Tomcat's HTML page for requests to the receiver that Tomcat rejects before Spring
	 * MVC runs (headers over {@code server.max-http-request-header-size}), when the server is an embedded Tomcat.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
	@ConditionalOnBooleanProperty(name = "webhooks.receiver.container-problem-details", matchIfMissing = true)
	static class TomcatProblemDetailsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReceiverProblemReportCustomizer webhookReceiverProblemReportCustomizer(WebhooksReceiverProperties properties,
				WebhookSources sources, Environment environment) {
			String limit = environment.getProperty("server.max-http-request-header-size", "8KB");
			return new ReceiverProblemReportCustomizer(properties.getPath(), sources,
					limit + " (server.max-http-request-header-size)");
		}

	}

	/** Micrometer metrics, when the application has a meter registry. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MicrometerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebhookReceiverMetrics webhookReceiverMetrics(ObjectProvider<MeterRegistry> registry) {
			MeterRegistry meterRegistry = registry.getIfUnique();
			return (meterRegistry != null) ? new MicrometerWebhookReceiverMetrics(meterRegistry)
					: WebhookReceiverMetrics.NONE;
		}

	}

}
