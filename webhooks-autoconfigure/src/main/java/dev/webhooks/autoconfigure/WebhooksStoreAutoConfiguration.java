package dev.webhooks.autoconfigure;

import javax.sql.DataSource;

import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.signing.SecretEncryption;
import dev.webhooks.store.JdbcDeliveryLog;
import dev.webhooks.store.WebhooksSchemaInitializer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration of the JDBC store on the application's {@link DataSource}: creates the schema according
 * to {@code webhooks.store.initialize-schema} (by default only on embedded databases), and the delivery log.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ JdbcTemplate.class, DataSource.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(WebhooksStoreProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class WebhooksStoreAutoConfiguration {

	private static final Log logger = LogFactory.getLog(WebhooksStoreAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	WebhooksSchemaInitializer webhooksSchemaInitializer(DataSource dataSource, WebhooksStoreProperties properties) {
		return new WebhooksSchemaInitializer(dataSource, properties);
	}

	/**
	 * The encryption of endpoint secrets at rest, from {@code webhooks.store.encryption-keys}; without a key, a
	 * warning that they are stored in clear.
	 * @param properties the store properties
	 * @return the encryption
	 */
	@Bean
	@ConditionalOnMissingBean
	SecretEncryption webhookSecretEncryption(WebhooksStoreProperties properties) {
		SecretEncryption encryption;
		try {
			encryption = SecretEncryption.withKeys(properties.getEncryptionKeys());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("webhooks.store.encryption-keys: " + ex.getMessage());
		}
		if (!encryption.isEnabled()) {
			logger.warn("Webhook endpoint signing secrets are stored in clear: set webhooks.store.encryption-keys "
					+ "(openssl rand -base64 32) to encrypt them with AES-GCM");
		}
		else if (logger.isInfoEnabled()) {
			logger.info("Webhook endpoint signing secrets are encrypted with key " + encryption.keyFingerprints().get(0)
					+ " (" + encryption.keyFingerprints().size() + " key(s) decrypt)");
		}
		return encryption;
	}

	/**
	 * The read side of the outbox, which the management API shows.
	 */
	@Configuration(proxyBeanMethods = false)
	static class DeliveryLogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		DeliveryLog webhookDeliveryLog(DataSource dataSource) {
			return new JdbcDeliveryLog(new JdbcTemplate(dataSource));
		}

	}

}
