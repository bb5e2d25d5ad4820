package dev.webhooks.autoconfigure;

import java.util.UUID;

import dev.webhooks.api.ActivityController;
import dev.webhooks.dashboard.DashboardRoutes;
import dev.webhooks.delivery.DeliveryActivity;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

class WebhooksDashboardAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, WebhooksStoreAutoConfiguration.class,
				WebhooksUrlGuardAutoConfiguration.class, WebhooksPublisherAutoConfiguration.class,
				WebhooksApiAutoConfiguration.class, WebhooksReceiverAutoConfiguration.class,
				WebhooksDashboardAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void isOffWhileTheApiIsOff() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(DashboardRoutes.class);
			assertThat(context).hasSingleBean(DeliveryActivity.class);
		});
	}

	@Test
	void servesThePageAndTheActivityCallWithTheApi() {
		this.runner.withPropertyValues("webhooks.api.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(DashboardRoutes.class).hasSingleBean(ActivityController.class);
			assertThat(context.getBean(DashboardRoutes.class).paths().page()).isEqualTo("/webhooks");
			assertThat(context).hasBean("webhooksDashboardWebSecurityCustomizer");
		});
	}

	@Test
	void canBeTurnedOffOrMoved() {
		WebApplicationContextRunner api = this.runner.withPropertyValues("webhooks.api.enabled=true");
		api.withPropertyValues("webhooks.dashboard.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardRoutes.class));
		api.withPropertyValues("webhooks.dashboard.path=/admin/hooks/")
			.run((context) -> assertThat(context.getBean(DashboardRoutes.class).paths().page())
				.isEqualTo("/admin/hooks"));
	}

	@Test
	void failsToStartWhenThePageWouldShadowTheReceiverNamingBothProperties() {
		WebApplicationContextRunner api = this.runner.withPropertyValues("webhooks.api.enabled=true");
		api.withPropertyValues("webhooks.receiver.path=/webhooks").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("webhooks.dashboard.path '/webhooks'")
				.hasMessageContaining("webhooks.receiver.path '/webhooks'");
		});
		api.withPropertyValues("webhooks.receiver.sources.stripe.path=/webhooks/assets/stripe",
				"webhooks.receiver.sources.stripe.secrets[0]=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("webhooks.receiver.sources.stripe.path '/webhooks/assets/stripe'"));
		api.withPropertyValues("webhooks.dashboard.path=/webhooks/incoming/ui").run((context) -> assertThat(
				context.getStartupFailure()).rootCause().hasMessageContaining("webhooks.receiver.path"));
	}

	@Test
	void leavesTheDefaultReceiverPathBeneathThePageAlone() {
		this.runner.withPropertyValues("webhooks.api.enabled=true", "webhooks.receiver.path=/webhooks/incoming")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DashboardRoutes.class));
	}

	@Test
	void needsNoSpringSecurity() {
		this.runner.withClassLoader(new FilteredClassLoader(WebSecurityCustomizer.class))
			.withPropertyValues("webhooks.api.enabled=true", "webhooks.api.single-tenant=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DashboardRoutes.class)
				.doesNotHaveBean("webhooksDashboardWebSecurityCustomizer"));
	}

}
