package dev.webhooks.autoconfigure;

import java.util.UUID;

import javax.sql.DataSource;

import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.signing.SecretEncryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class WebhooksSecretEncryptionAutoConfigurationTests {

	private static final String KEY = "PHnrma+w9apcC0hj/8cOxsYwU8dMqyAu9Io06UuExss=";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, WebhooksStoreAutoConfiguration.class,
				WebhooksUrlGuardAutoConfiguration.class, WebhooksPublisherAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void encryptsTheStoredSecretsWithTheConfiguredKey(CapturedOutput output) {
		this.runner.withPropertyValues("webhooks.store.encryption-keys=" + KEY).run((context) -> {
			assertThat(context.getBean(SecretEncryption.class).isEnabled()).isTrue();
			String secret = context.getBean(WebhookEndpoints.class)
				.create("acme", EndpointRequest.of("https://hooks.example.com/a"))
				.secret()
				.reveal();
			String stored = new JdbcTemplate(context.getBean(DataSource.class))
				.queryForObject("SELECT secrets FROM webhook_endpoint", String.class);
			assertThat(stored).startsWith(SecretEncryption.PREFIX).doesNotContain(secret.substring(6));
		});
		assertThat(output).doesNotContain(KEY).doesNotContain("stored in clear");
	}

	@Test
	void warnsThatSecretsAreStoredInClearWithoutAKey(CapturedOutput output) {
		this.runner.run((context) -> assertThat(context.getBean(SecretEncryption.class).isEnabled()).isFalse());
		assertThat(output).contains("signing secrets are stored in clear")
			.contains("webhooks.store.encryption-keys");
	}

	@Test
	void failsToStartWithAKeyOfTheWrongSizeNamingThePropertyButNotTheKey() {
		this.runner.withPropertyValues("webhooks.store.encryption-keys=c2hvcnQ=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("webhooks.store.encryption-keys")
				.hasMessageContaining("needs 32")
				.hasMessageNotContaining("c2hvcnQ=");
		});
	}

}
