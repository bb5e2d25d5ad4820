package dev.webhooks.autoconfigure;

import java.util.UUID;

import dev.webhooks.api.ApiContext;
import dev.webhooks.api.SecurityContextTenantResolver;
import dev.webhooks.api.WebhookEndpointsController;
import dev.webhooks.api.WebhookTenantResolver;
import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.endpoint.EndpointLimit;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.store.JdbcDeliveryLog;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class WebhooksApiAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, WebhooksStoreAutoConfiguration.class,
				WebhooksUrlGuardAutoConfiguration.class, WebhooksPublisherAutoConfiguration.class,
				WebhooksApiAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void isOffUnlessEnabled() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(WebhookEndpointsController.class);
			assertThat(context).hasSingleBean(JdbcDeliveryLog.class);
		});
	}

	@Test
	void takesTheTenantFromSpringSecurityWhenPresent() {
		this.runner.withPropertyValues("webhooks.api.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(WebhookEndpointsController.class);
			assertThat(context.getBean(WebhookTenantResolver.class)).isInstanceOf(SecurityContextTenantResolver.class);
			assertThat(context.getBean(EndpointLimit.class).maxEndpoints("acme")).isEqualTo(20);
			assertThat(context.getBean(EventTypeCatalog.class).isDeclared("webhook.test")).isTrue();
		});
	}

	@Test
	void failsToStartWithoutSpringSecurityOrAResolverNamingTheWaysOut() {
		this.runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
			.withPropertyValues("webhooks.api.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("spring-boot-starter-security")
					.hasMessageContaining("WebhookTenantResolver")
					.hasMessageContaining("webhooks.api.single-tenant=true");
			});
	}

	@Test
	void startsWithoutSpringSecurityAsASingleTenantApiOnPurposeOrWithItsOwnResolver() {
		WebApplicationContextRunner withoutSecurity = this.runner
			.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
			.withPropertyValues("webhooks.api.enabled=true");
		withoutSecurity.withPropertyValues("webhooks.api.single-tenant=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ApiContext.class));
		withoutSecurity.withBean(WebhookTenantResolver.class, () -> (request) -> request.getHeader("X-Tenant"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ApiContext.class));
	}

	@Test
	void backsOffForTheApplicationsOwnBeans() {
		EndpointLimit plans = (tenant) -> "enterprise".equals(tenant) ? 0 : 5;
		WebhookTenantResolver resolver = (request) -> request.getHeader("X-Tenant");
		this.runner.withPropertyValues("webhooks.api.enabled=true", "webhooks.publisher.max-endpoints-per-tenant=3")
			.withBean(EndpointLimit.class, () -> plans)
			.withBean(WebhookTenantResolver.class, () -> resolver)
			.run((context) -> {
				assertThat(context.getBean(EndpointLimit.class)).isSameAs(plans);
				assertThat(context.getBean(WebhookTenantResolver.class)).isSameAs(resolver);
			});
	}

	@Test
	void backsOffWithoutAServletWebApplication() {
		new org.springframework.boot.test.context.runner.ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					WebhooksStoreAutoConfiguration.class, WebhooksPublisherAutoConfiguration.class,
					WebhooksApiAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "webhooks.api.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WebhookEndpointsController.class)
				.hasSingleBean(DeliveryLog.class));
	}

}
