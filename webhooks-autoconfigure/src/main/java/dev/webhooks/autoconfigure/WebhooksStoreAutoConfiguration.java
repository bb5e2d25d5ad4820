package dev.webhooks.autoconfigure;

import javax.sql.DataSource;

import dev.webhooks.store.H2WriteDelay;
import dev.webhooks.store.WebhooksSchemaInitializer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration of the JDBC store on the application's {@link DataSource}: creates the schema according
 * to {@code webhooks.store.initialize-schema} (by default only on embedded databases), and makes an H2 file
 * database write each commit at once ({@link H2WriteDelay}).
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

	@Bean
	@ConditionalOnClass(name = "org.h2.Driver")
	@ConditionalOnMissingBean
	H2WriteDelay webhooksH2WriteDelay(DataSource dataSource, Environment environment) {
		return new H2WriteDelay(dataSource, H2WriteDelay.namesWriteDelay(environment.getProperty("spring.datasource.url")));
	}

}
