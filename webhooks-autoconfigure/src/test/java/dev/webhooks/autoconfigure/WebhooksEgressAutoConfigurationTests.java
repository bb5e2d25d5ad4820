package dev.webhooks.autoconfigure;

import dev.webhooks.delivery.WebhookTransport;
import dev.webhooks.testsupport.InMemoryWebhookStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code webhooks.delivery.proxy.*} and {@code webhooks.delivery.ssl-bundle}: the transport's egress settings, and
 * a clear start-up failure (never showing the proxy password) when they are wrong.
 */
class WebhooksEgressAutoConfigurationTests {

	private static final String PASSWORD = "N0t-In-Any-Message";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhooksUrlGuardAutoConfiguration.class,
				WebhooksDeliveryAutoConfiguration.class))
		.withBean(InMemoryWebhookStore.class);

	@Test
	void startsWithAProxyAndCredentials() {
		this.runner
			.withPropertyValues("webhooks.delivery.proxy.url=http://proxy.internal:3128",
					"webhooks.delivery.proxy.username=hooks", "webhooks.delivery.proxy.password=" + PASSWORD,
					"webhooks.delivery.proxy.non-proxy-hosts=hooks.example.com,*.internal.example.com")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(WebhookTransport.class);
				assertThat(context.getBean(WebhooksDeliveryProperties.class).getProxy().toString())
					.doesNotContain(PASSWORD);
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"https://proxy.internal:3128|hooks|" + PASSWORD + "|must be http://host:port",
			"http://hooks:" + PASSWORD + "@proxy.internal:3128|hooks|" + PASSWORD + "|may not carry credentials",
			"http://proxy.internal:3128/path|hooks|" + PASSWORD + "|no path or query",
			"http://proxy.internal:3128|hooks||both a username and a password",
			"http://proxy.internal:3128||" + PASSWORD + "|both a username and a password",
			"|hooks|" + PASSWORD + "|but no url" })
	void failsAtStartUpWithAClearMessageThatNeverShowsThePassword(String url, String username, String password,
			String message) {
		this.runner
			.withPropertyValues("webhooks.delivery.proxy.url=" + ((url != null) ? url : ""),
					"webhooks.delivery.proxy.username=" + ((username != null) ? username : ""),
					"webhooks.delivery.proxy.password=" + ((password != null) ? password : ""))
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).rootCause().hasMessageContaining(message);
				for (Throwable current = failure; current != null; current = current.getCause()) {
					assertThat(String.valueOf(current.getMessage())).doesNotContain(PASSWORD);
				}
			});
	}

	@Test
	void aDefaultSslBundleThatDoesNotExistFailsAtStartUp() {
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("webhooks.delivery.ssl-bundle=missing")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
				.hasMessageContaining("webhooks.delivery.ssl-bundle")
				.hasMessageContaining("'missing'"));
	}

	@Test
	void aDefaultSslBundleThatExistsIsUsed() throws Exception {
		dev.webhooks.delivery.TestCertificates certificates = dev.webhooks.delivery.TestCertificates.generate();
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("webhooks.delivery.ssl-bundle=client",
					"spring.ssl.bundle.jks.client.keystore.location=file:" + certificates.store("client.p12"),
					"spring.ssl.bundle.jks.client.keystore.password=" + dev.webhooks.delivery.TestCertificates.PASSWORD,
					"spring.ssl.bundle.jks.client.keystore.type=PKCS12")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(WebhookTransport.class));
	}

}
