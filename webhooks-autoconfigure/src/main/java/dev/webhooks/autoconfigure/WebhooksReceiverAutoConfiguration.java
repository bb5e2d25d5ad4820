package dev.webhooks.autoconfigure;

import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import dev.webhooks.receive.AsyncWebhookDispatcher;
import dev.webhooks.receive.IdempotencyStore;
import dev.webhooks.receive.IdempotencyStoreMaintenance;
import dev.webhooks.receive.InMemoryIdempotencyStore;
import dev.webhooks.receive.MicrometerWebhookReceiverMetrics;
import dev.webhooks.receive.WebhookListener;
import dev.webhooks.receive.WebhookListenerAnnotationBeanPostProcessor;
import dev.webhooks.receive.WebhookListenerEndpointRegistry;
import dev.webhooks.receive.WebhookReceiver;
import dev.webhooks.receive.WebhookReceiverEndpoint;
import dev.webhooks.receive.WebhookReceiverMetrics;
import dev.webhooks.receive.WebhookSources;
import dev.webhooks.signing.WebhookSignatureScheme;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Auto-configuration of the receiving side in a Spring MVC application: the {@link WebhookListener} post-processor
 * and registry, the sources of {@code webhooks.receiver.sources} (secrets checked at start-up), the idempotency
 * store (in memory, unless {@link WebhooksStoreAutoConfiguration} made a JDBC one on the application's
 * {@link DataSource}), the asynchronous dispatcher, metrics when Micrometer is present, and the routes that serve
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
			ObjectProvider<WebhookListenerEndpointRegistry> registry, ObjectProvider<JsonMapper> mapper) {
		return new WebhookListenerAnnotationBeanPostProcessor(registry, mapper);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookSources webhookSources(WebhooksReceiverProperties properties,
			ObjectProvider<WebhookSignatureScheme> schemes) {
		return WebhookSourcesFactory.create(properties, schemes.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookListenerEndpointRegistry webhookListenerEndpointRegistry(WebhookSources sources) {
		return new WebhookListenerEndpointRegistry(sources);
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
	AsyncWebhookDispatcher asyncWebhookDispatcher(WebhooksReceiverProperties properties,
			WebhookListenerEndpointRegistry registry, IdempotencyStore store, ObjectProvider<JsonMapper> mapper,
			WebhookReceiverMetrics metrics) {
		WebhooksReceiverProperties.AsyncListener async = properties.getAsyncListener();
		AtomicInteger threadNumber = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(async.getThreads(), async.getThreads(), 60,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(async.getQueueCapacity()),
				(task) -> new Thread(task, "webhook-listener-" + threadNumber.incrementAndGet()));
		executor.allowCoreThreadTimeOut(true);
		RetryPolicy retryPolicy = RetryPolicy.builder()
			.maxRetries(async.getMaxRetries())
			.delay(async.getRetryDelay())
			.multiplier(async.getRetryMultiplier())
			.maxDelay(async.getRetryMaxDelay())
			.build();
		return new AsyncWebhookDispatcher(executor, retryPolicy, registry, store, mapper.getIfAvailable(JsonMapper::new),
				metrics);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookReceiver webhookReceiver(WebhookListenerEndpointRegistry registry, IdempotencyStore store,
			ObjectProvider<JsonMapper> mapper, WebhookReceiverMetrics metrics, AsyncWebhookDispatcher dispatcher) {
		return new WebhookReceiver(registry, store, mapper.getIfAvailable(JsonMapper::new), metrics, dispatcher,
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookReceiverEndpoint webhookReceiverEndpoint(WebhookSources sources, WebhookReceiver receiver,
			WebhookReceiverMetrics metrics) {
		return new WebhookReceiverEndpoint(sources, receiver, metrics);
	}

	@Bean
	@ConditionalOnMissingBean(name = "webhookReceiverRoutes")
	RouterFunction<ServerResponse> webhookReceiverRoutes(WebhookReceiverEndpoint endpoint,
			WebhooksReceiverProperties properties) {
		return endpoint.routes(properties.getPath());
	}

	@Bean
	@ConditionalOnMissingBean
	IdempotencyStoreMaintenance webhookIdempotencyStoreMaintenance(IdempotencyStore store,
			AsyncWebhookDispatcher dispatcher, WebhooksReceiverProperties properties) {
		return new IdempotencyStoreMaintenance(store, dispatcher, properties.getRetention(),
				properties.getMaintenanceInterval(), Clock.systemUTC());
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
