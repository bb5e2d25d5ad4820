package dev.webhooks.autoconfigure;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.webhooks.receive.Envelope;
import dev.webhooks.receive.IdempotencyStore;
import dev.webhooks.receive.InMemoryIdempotencyStore;
import dev.webhooks.receive.MicrometerWebhookReceiverMetrics;
import dev.webhooks.receive.ReceiverProblemReportCustomizer;
import dev.webhooks.receive.WebhookListener;
import dev.webhooks.receive.WebhookListenerArgumentResolver;
import dev.webhooks.receive.WebhookListenerRegistry;
import dev.webhooks.receive.WebhookMessage;
import dev.webhooks.receive.WebhookReceiverMetrics;
import dev.webhooks.receive.WebhookReceiverRoutes;
import dev.webhooks.receive.WebhookSources;
import dev.webhooks.store.JdbcIdempotencyStore;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

class WebhooksReceiverAutoConfigurationTests {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
				WebhooksReceiverAutoConfiguration.class))
		.withPropertyValues("webhooks.receiver.sources.anon.secrets[0]=" + SECRET);

	@Test
	void registersListenersOfConfiguredSources() {
		this.runner.withBean(GoodListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			WebhookListenerRegistry registry = context.getBean(WebhookListenerRegistry.class);
			assertThat(registry.getListeners()).singleElement()
				.satisfies((listener) -> assertThat(listener.getId()).endsWith("GoodListener.onEvent"));
			assertThat(registry.listenersFor("anon", "migration.completed")).hasSize(1);
			assertThat(registry.listenersFor("anon", "migration_task.failed")).hasSize(1);
			assertThat(registry.listenersFor("anon", "migration")).isEmpty();
			assertThat(registry.listenersFor("anon", "link.opened")).isEmpty();
			assertThat(context.getBean(WebhookSources.class).byName("anon").path()).isEqualTo("/webhooks/incoming/anon");
		});
	}

	@Test
	void answersContainerRejectionsOnReceiverPathsWithProblemDetailsOnTomcat() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ReceiverProblemReportCustomizer.class));
	}

	@Test
	void leavesTomcatsErrorPageAloneWhenContainerProblemDetailsAreOff() {
		this.runner.withPropertyValues("webhooks.receiver.container-problem-details=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ReceiverProblemReportCustomizer.class));
	}

	@Test
	void resolvesPlaceholdersInSourceAndEvents() {
		this.runner.withBean(PlaceholderListener.class)
			.withPropertyValues("app.webhooks.source=anon", "app.webhooks.events=migration.completed, migration_task.*")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WebhookListenerRegistry registry = context.getBean(WebhookListenerRegistry.class);
				assertThat(registry.listenersFor("anon", "migration.completed")).hasSize(1);
				assertThat(registry.listenersFor("anon", "migration_task.failed")).hasSize(1);
				assertThat(registry.listenersFor("anon", "link.opened")).isEmpty();
			});
	}

	@Test
	void failsForAPlaceholderThatResolvesToNoConfiguredSource() {
		this.runner.withBean(PlaceholderListener.class)
			.withPropertyValues("app.webhooks.source=stripe", "app.webhooks.events=migration.completed")
			.run((context) -> {
				assertThatStartUpFailure(context)
					.hasMessageContaining("listens to source 'stripe', which is not configured");
			});
	}

	@Test
	void failsForAnUnresolvablePlaceholderNamingTheMethod() {
		this.runner.withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class))
			.withBean(PlaceholderListener.class)
			.withPropertyValues("app.webhooks.source=anon")
			.run((context) -> assertThatStartUpFailure(context).hasMessageContaining("PlaceholderListener.onEvent")
				.hasMessageContaining("app.webhooks.events"));
	}

	@Test
	void applicationArgumentResolverSuppliesAParameterNoBuiltInResolverCan() {
		this.runner.withBean(ServletRequestListener.class)
			.withBean(WebhookListenerArgumentResolver.class, NullServletRequestResolver::new)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(WebhookListenerRegistry.class).listenersFor("anon", "a.b")).hasSize(1);
			});
	}

	@Test
	void servesTheRoutesAsARouterFunction() {
		this.runner.run((context) -> assertThat(context.getBean("webhookReceiverRoutes"))
			.isInstanceOf(WebhookReceiverRoutes.class)
			.isInstanceOf(RouterFunction.class));
	}

	@Test
	void backsOffForTheApplicationsOwnRoutesBean() {
		this.runner.withUserConfiguration(OwnRoutesConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WebhookReceiverRoutes.class);
			assertThat(context.getBean("webhookReceiverRoutes")).isInstanceOf(RouterFunction.class);
		});
	}

	@Test
	void findsListenersBehindAJdkProxy() {
		this.runner.withUserConfiguration(ProxiedListenerConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("proxiedListener").getClass().getName()).contains("Proxy");
			assertThat(context.getBean(WebhookListenerRegistry.class).listenersFor("anon", "a.b")).hasSize(1);
		});
	}

	@Test
	void usesInMemoryStoreWithoutDataSource() {
		this.runner.run((context) -> assertThat(context.getBean(IdempotencyStore.class))
			.isInstanceOf(InMemoryIdempotencyStore.class));
	}

	@Test
	void usesJdbcStoreWithDataSource() {
		this.runner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					WebhooksStoreAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig-jdbc")
			.run((context) -> assertThat(context.getBean(IdempotencyStore.class))
				.isInstanceOf(JdbcIdempotencyStore.class));
	}

	@Test
	void backsOffForTheApplicationsOwnStore() {
		IdempotencyStore own = new InMemoryIdempotencyStore(10, java.time.Duration.ofMinutes(1),
				java.time.Clock.systemUTC());
		this.runner.withBean(IdempotencyStore.class, () -> own)
			.run((context) -> assertThat(context.getBean(IdempotencyStore.class)).isSameAs(own));
	}

	@Test
	void usesMicrometerWhenAMeterRegistryExists() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context.getBean(WebhookReceiverMetrics.class))
				.isInstanceOf(MicrometerWebhookReceiverMetrics.class));
	}

	@Test
	void reportsNoMetricsWithoutAMeterRegistry() {
		this.runner.run((context) -> assertThat(context.getBean(WebhookReceiverMetrics.class))
			.isSameAs(WebhookReceiverMetrics.NONE));
	}

	@Test
	void staysOffOutsideAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhooksReceiverAutoConfiguration.class))
			.withPropertyValues("webhooks.receiver.sources.anon.secrets=" + SECRET)
			.run((context) -> assertThat(context).doesNotHaveBean(WebhookListenerRegistry.class));
	}

	@Test
	void staysOffWhenDisabled() {
		this.runner.withPropertyValues("webhooks.receiver.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebhookListenerRegistry.class));
	}

	@Test
	void failsForAListenerOfAnUnconfiguredSource() {
		this.runner.withBean(UnknownSourceListener.class).run((context) -> {
			assertThatStartUpFailure(context)
				.hasMessageContaining("listens to source 'stripe', which is not configured")
				.hasMessageContaining("configured sources: [anon]")
				.hasMessageContaining("webhooks.receiver.sources.stripe.secrets");
		});
	}

	@Test
	void failsForAParameterThatCannotBeSupplied() {
		this.runner.withBean(ServletRequestListener.class).run((context) -> {
			assertThatStartUpFailure(context)
				.hasMessageContaining("ServletRequestListener.onEvent")
				.hasMessageContaining("jakarta.servlet.http.HttpServletRequest")
				.hasMessageContaining("cannot be supplied");
		});
	}

	@Test
	void failsForTwoPayloadParameters() {
		this.runner.withBean(TwoPayloadsListener.class).run((context) -> {
			assertThatStartUpFailure(context)
				.hasMessageContaining("more than one payload parameter");
		});
	}

	@Test
	void failsForAnInvalidEventPattern() {
		this.runner.withBean(BadPatternListener.class).run((context) -> {
			assertThatStartUpFailure(context).hasMessageContaining("'mig*ration' is not a valid event-type pattern");
		});
	}

	@Test
	void failsForAnInvalidSecretNamingSourceAndIndexButNotTheSecret() {
		String bad = "whsec_dG9vc2hvcnQ=";
		this.runner.withPropertyValues("webhooks.receiver.sources.anon.secrets[1]=" + bad).run((context) -> {
			assertThatStartUpFailure(context)
				.hasMessageContaining("webhooks.receiver.sources.anon.secrets[1]")
				.hasMessageContaining("at least 24 are required")
				.hasMessageNotContaining("dG9vc2hvcnQ")
				.hasMessageNotContaining(SECRET.substring(6));
		});
	}

	@Test
	void failsForASourceWithoutSecrets() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhooksReceiverAutoConfiguration.class))
			.withPropertyValues("webhooks.receiver.sources.anvil.scheme=timestamped-hex")
			.run((context) -> {
				assertThatStartUpFailure(context)
					.hasMessageContaining("webhooks.receiver.sources.anvil.secrets is empty");
			});
	}

	@Test
	void failsForAnUnknownScheme() {
		this.runner.withPropertyValues("webhooks.receiver.sources.anon.scheme=v0-colon").run((context) -> {
			assertThatStartUpFailure(context)
				.hasMessageContaining("webhooks.receiver.sources.anon.scheme is 'v0-colon', which is not known");
		});
	}

	private static AbstractThrowableAssert<?, ? extends Throwable> assertThatStartUpFailure(
			AssertableWebApplicationContext context) {
		assertThat(context).hasFailed();
		return assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()));
	}

	static class GoodListener {

		@WebhookListener(source = "anon", events = { "migration.completed", "migration_task.*" })
		void onEvent(Map<String, Object> payload, @Envelope JsonNode envelope, WebhookMessage message) {
		}

	}

	static class PlaceholderListener {

		@WebhookListener(source = "${app.webhooks.source}", events = "${app.webhooks.events}")
		void onEvent(JsonNode payload) {
		}

	}

	static class NullServletRequestResolver implements WebhookListenerArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == HttpServletRequest.class;
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, WebhookMessage message, JsonNode envelope) {
			return null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRoutesConfiguration {

		@Bean
		RouterFunction<ServerResponse> webhookReceiverRoutes() {
			return RouterFunctions.route().GET("/own", (request) -> ServerResponse.ok().build()).build();
		}

	}

	static class UnknownSourceListener {

		@WebhookListener(source = "stripe")
		void onEvent(JsonNode payload) {
		}

	}

	static class ServletRequestListener {

		@WebhookListener(source = "anon")
		void onEvent(HttpServletRequest request) {
		}

	}

	static class TwoPayloadsListener {

		@WebhookListener(source = "anon")
		void onEvent(JsonNode payload, Map<String, Object> other) {
		}

	}

	static class BadPatternListener {

		@WebhookListener(source = "anon", events = "mig*ration")
		void onEvent(JsonNode payload) {
		}

	}

	interface Handler {

		void handle(JsonNode payload);

	}

	static class HandlerImpl implements Handler {

		@Override
		@WebhookListener(source = "anon", events = "a.*")
		public void handle(JsonNode payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProxiedListenerConfiguration {

		@Bean
		Handler proxiedListener() {
			return new HandlerImpl();
		}

		@Bean
		static BeanPostProcessor jdkProxying() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof Handler) {
						ProxyFactory factory = new ProxyFactory(bean);
						factory.setInterfaces(Handler.class);
						return factory.getProxy();
					}
					return bean;
				}

			};
		}

	}

}
