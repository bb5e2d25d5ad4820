package dev.webhooks.autoconfigure;

import java.util.UUID;

import dev.webhooks.api.PortalSessionFilter;
import dev.webhooks.api.PortalSessions;
import dev.webhooks.api.PortalSessionsController;
import dev.webhooks.api.WebhookPortal;
import dev.webhooks.api.WebhookTenantResolver;
import dev.webhooks.endpoint.PortalSessionRepository;
import dev.webhooks.store.JdbcPortalSessionRepository;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.ResolvableType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class WebhooksPortalAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, WebhooksStoreAutoConfiguration.class,
				WebhooksUrlGuardAutoConfiguration.class, WebhooksPublisherAutoConfiguration.class,
				WebhooksApiAutoConfiguration.class, WebhooksPortalAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void isOffWhileTheApiIsOff() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WebhookPortal.class).doesNotHaveBean(PortalSessionRepository.class);
		});
	}

	@Test
	void isOffWhenTheDashboardIsTurnedOff() {
		this.runner.withPropertyValues("webhooks.api.enabled=true", "webhooks.dashboard.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WebhookPortal.class)
				.doesNotHaveBean(PortalSessionsController.class));
	}

	@Test
	void joinsSpringSecuritysFilterChainsThroughACustomizer() {
		this.runner.withUserConfiguration(WebSecurity.class)
			.withPropertyValues("webhooks.api.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(WebhookPortal.class).hasSingleBean(PortalSessions.class)
					.hasSingleBean(PortalSessionsController.class);
				assertThat(context.getBean(PortalSessionRepository.class))
					.isInstanceOf(JdbcPortalSessionRepository.class);
				assertThat(context.getBeanNamesForType(ResolvableType.forClassWithGenerics(Customizer.class,
						HttpSecurity.class))).containsExactly("webhookPortalHttpSecurityCustomizer");
				assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
				assertThat(context.getBeansOfType(PortalSessionFilter.class)).isEmpty();
			});
	}

	@Test
	void isAPlainServletFilterOnTheApisPathWithoutSpringSecurity() {
		this.runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class, HttpSecurity.class))
			.withBean(WebhookTenantResolver.class, () -> (request) -> request.getHeader("X-Tenant"))
			.withPropertyValues("webhooks.api.enabled=true", "webhooks.api.base-path=/api/hooks")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
				assertThat(registration.getFilter()).isInstanceOf(PortalSessionFilter.class);
				assertThat(registration.getUrlPatterns()).containsExactly("/api/hooks/*");
			});
	}

	@Test
	void makesLinksOnTheConfiguredPathForTheConfiguredTime() {
		this.runner.withUserConfiguration(WebSecurity.class)
			.withPropertyValues("webhooks.api.enabled=true", "webhooks.dashboard.path=/customer/events",
					"webhooks.dashboard.session-ttl=10m", "server.servlet.context-path=/shop")
			.run((context) -> {
				WebhookPortal portal = context.getBean(WebhookPortal.class);
				assertThat(portal.createLink("acme").url()).startsWith("/shop/customer/events/#portal-token=wpt_");
				assertThat(portal.maxTtl()).hasMinutes(10);
			});
	}

	@Test
	void failsToStartWithASessionTtlThatIsNotPositive() {
		this.runner.withUserConfiguration(WebSecurity.class)
			.withPropertyValues("webhooks.api.enabled=true", "webhooks.dashboard.session-ttl=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("webhooks.dashboard.session-ttl"));
	}

	@Test
	void backsOffForTheApplicationsOwnPortal() {
		this.runner.withUserConfiguration(WebSecurity.class)
			.withPropertyValues("webhooks.api.enabled=true")
			.withBean("myPortal", WebhookPortal.class, () -> new WebhookPortal(null, "/mine", java.time.Duration.ofMinutes(5), java.time.Clock.systemUTC()))
			.run((context) -> assertThat(context.getBean(WebhookPortal.class).maxTtl()).hasMinutes(5));
	}

	@EnableWebSecurity
	static class WebSecurity {

	}

}
