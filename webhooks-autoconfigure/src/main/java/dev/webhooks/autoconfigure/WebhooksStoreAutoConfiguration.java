package dev.webhooks.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.webhooks.delivery.DeliveryActivity;
import dev.webhooks.delivery.DeliveryFeed;
import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.PortalSessionRepository;
import dev.webhooks.receive.IdempotencyStore;
import dev.webhooks.signing.SecretEncryption;
import dev.webhooks.store.H2WriteDelay;
import dev.webhooks.store.JdbcDeliveryActivity;
import dev.webhooks.store.JdbcDeliveryFeed;
import dev.webhooks.store.JdbcDeliveryLog;
import dev.webhooks.store.JdbcDeliveryRepository;
import dev.webhooks.store.JdbcEndpointRepository;
import dev.webhooks.store.JdbcIdempotencyStore;
import dev.webhooks.store.JdbcPortalSessionRepository;
import dev.webhooks.store.StoreTables;
import dev.webhooks.store.TablePrefix;
import dev.webhooks.store.WebhooksSchemaInitializer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.function.RouterFunction;

/**
 * Auto-configuration of the JDBC store on the application's {@link DataSource}, the one place that wires it: the
 * schema (created according to {@code webhooks.store.initialize-schema}, by default only on embedded databases),
 * the endpoint and delivery repositories, the delivery log the management API reads, the encryption of endpoint
 * secrets at rest ({@code webhooks.store.encryption-keys}), the portal sessions of the management API, and the
 * receiver's idempotency store. Each repository
 * backs off when the application defines its own, and each checks at start-up that its tables exist (after Flyway or Liquibase ran,
 * when the application has them), failing with how to create them when they do not. Every table is named with
 * {@code webhooks.store.table-prefix}. An H2 database in files is made to write each commit at once
 * ({@link H2WriteDelay}), so that a crash loses no accepted event.
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
		return new WebhooksSchemaInitializer(dataSource, properties, tablePrefix(properties));
	}

	private static TablePrefix tablePrefix(WebhooksStoreProperties properties) {
		try {
			return TablePrefix.of(properties.getTablePrefix());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid webhooks.store.table-prefix: " + ex.getMessage(), ex);
		}
	}

	/**
	 * JDBC access to the data source, once the tables a bean needs are known to exist.
	 * @param dataSource the data source
	 * @param prefix the prefix of the table names
	 * @param tables the tables the bean needs, without the prefix
	 * @return the JDBC access
	 */
	private static JdbcTemplate withTables(DataSource dataSource, TablePrefix prefix, List<String> tables) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		StoreTables.require(jdbc, prefix, tables);
		return jdbc;
	}

	/** The application's transactions, or those of a manager on the data source when it has none (or several). */
	private static TransactionTemplate transactionTemplate(DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager) {
		return new TransactionTemplate(
				transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)));
	}

	/**
	 * The repositories of the publishing side and the delivery engine, on the application's {@link Clock} bean when
	 * it has exactly one, the clock the publisher and the delivery engine read.
	 */
	@Configuration(proxyBeanMethods = false)
	static class JdbcRepositoriesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		EndpointRepository webhookEndpointRepository(DataSource dataSource,
				ObjectProvider<PlatformTransactionManager> transactionManager, WebhooksStoreProperties properties,
				ObjectProvider<Clock> clock, ObjectProvider<SecretEncryption> encryption) {
			TablePrefix prefix = tablePrefix(properties);
			return new JdbcEndpointRepository(withTables(dataSource, prefix, StoreTables.ENDPOINTS),
					transactionTemplate(dataSource, transactionManager), clock.getIfUnique(Clock::systemUTC),
					prefix, encryption.getIfAvailable(SecretEncryption::none));
		}

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		DeliveryRepository webhookDeliveryRepository(DataSource dataSource,
				ObjectProvider<PlatformTransactionManager> transactionManager, WebhooksStoreProperties properties,
				ObjectProvider<Clock> clock, ObjectProvider<SecretEncryption> encryption) {
			TablePrefix prefix = tablePrefix(properties);
			return new JdbcDeliveryRepository(withTables(dataSource, prefix, StoreTables.DELIVERIES),
					transactionTemplate(dataSource, transactionManager), clock.getIfUnique(Clock::systemUTC),
					prefix, encryption.getIfAvailable(SecretEncryption::none));
		}

		/**
		 * The encryption of endpoint secrets at rest, from {@code webhooks.store.encryption-keys}; without a key,
		 * a warning that they are stored in clear.
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
				logger.info("Webhook endpoint signing secrets are encrypted with key "
						+ encryption.keyFingerprints().get(0) + " (" + encryption.keyFingerprints().size()
						+ " key(s) decrypt)");
			}
			return encryption;
		}

	}

	/**
	 * The read side of the outbox, which the management API shows, and its feed of changes for the live stream. It checks no tables at start-up: an application
	 * with repositories of its own needs none (and brings its own log if it offers the API), and with the JDBC
	 * repositories their own check has run.
	 */
	@Configuration(proxyBeanMethods = false)
	static class JdbcDeliveryLogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		DeliveryLog webhookDeliveryLog(DataSource dataSource, WebhooksStoreProperties properties) {
			return new JdbcDeliveryLog(new JdbcTemplate(dataSource), tablePrefix(properties));
		}

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		DeliveryActivity webhookDeliveryActivity(DataSource dataSource, WebhooksStoreProperties properties) {
			return new JdbcDeliveryActivity(new JdbcTemplate(dataSource), tablePrefix(properties));
		}

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		DeliveryFeed webhookDeliveryFeed(DataSource dataSource, WebhooksStoreProperties properties,
				ObjectProvider<Clock> clock) {
			return new JdbcDeliveryFeed(new JdbcTemplate(dataSource), tablePrefix(properties),
					clock.getIfUnique(Clock::systemUTC));
		}

	}

	/**
	 * The portal sessions of the management API's event-log page, only while the API and the page are on.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "webhooks.api.enabled")
	@ConditionalOnBooleanProperty(name = "webhooks.dashboard.enabled", matchIfMissing = true)
	static class JdbcPortalSessionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		PortalSessionRepository webhookPortalSessionRepository(DataSource dataSource,
				WebhooksStoreProperties properties) {
			TablePrefix prefix = tablePrefix(properties);
			return new JdbcPortalSessionRepository(withTables(dataSource, prefix, StoreTables.PORTAL_SESSIONS), prefix);
		}

	}

	/**
	 * The idempotency store of the receiving side, under the conditions {@link WebhooksReceiverAutoConfiguration}
	 * has; it runs after this configuration and keeps its in-memory store for applications without a database.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ RouterFunction.class, JsonMapper.class })
	@ConditionalOnBooleanProperty(name = "webhooks.receiver.enabled", matchIfMissing = true)
	@EnableConfigurationProperties(WebhooksReceiverProperties.class)
	static class JdbcIdempotencyStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		IdempotencyStore webhookIdempotencyStore(DataSource dataSource, ObjectProvider<JsonMapper> mapper,
				WebhooksReceiverProperties receiverProperties, WebhooksStoreProperties properties) {
			TablePrefix prefix = tablePrefix(properties);
			withTables(dataSource, prefix, StoreTables.RECEIVED);
			Duration flushInterval = receiverProperties.getConfirmFlushInterval();
			Duration claimTimeout = receiverProperties.getClaimTimeout();
			if (flushInterval.isNegative() || flushInterval.compareTo(claimTimeout) >= 0) {
				throw new IllegalStateException("webhooks.receiver.confirm-flush-interval (" + flushInterval
						+ ") must be at least 0 and shorter than webhooks.receiver.claim-timeout (" + claimTimeout
						+ "): a confirmation not written within the claim timeout lets another instance handle the "
						+ "message again");
			}
			return new JdbcIdempotencyStore(dataSource, mapper.getIfAvailable(JsonMapper::shared), claimTimeout,
					Clock.systemUTC(), prefix, flushInterval);
		}

	}

	@Bean
	@ConditionalOnClass(name = "org.h2.Driver")
	@ConditionalOnMissingBean
	H2WriteDelay webhooksH2WriteDelay(DataSource dataSource, Environment environment) {
		return new H2WriteDelay(dataSource,
				H2WriteDelay.namesWriteDelay(environment.getProperty("spring.datasource.url")));
	}

}
