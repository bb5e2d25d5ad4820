package dev.webhooks.autoconfigure;

import javax.sql.DataSource;

import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.store.JdbcDeliveryLog;
import dev.webhooks.store.WebhooksSchemaInitializer;

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

	@Bean
	@ConditionalOnMissingBean
	WebhooksSchemaInitializer webhooksSchemaInitializer(DataSource dataSource, WebhooksStoreProperties properties) {
		return new WebhooksSchemaInitializer(dataSource, properties);
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
