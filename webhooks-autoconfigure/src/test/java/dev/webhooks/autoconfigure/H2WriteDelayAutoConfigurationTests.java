package dev.webhooks.autoconfigure;

import java.nio.file.Path;
import java.util.UUID;

import javax.sql.DataSource;

import dev.webhooks.store.H2WriteDelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static dev.webhooks.testsupport.H2Settings.writeDelay;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's auto-configuration makes an H2 file database write each commit at once, and respects a write delay
 * the JDBC URL names.
 */
class H2WriteDelayAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				WebhooksStoreAutoConfiguration.class))
		// a file database is not embedded to Spring Boot, and the repositories need their tables
		.withPropertyValues("webhooks.store.initialize-schema=always");

	@TempDir
	Path directory;

	@Test
	void anH2FileDatabaseWritesEachCommitAtOnceOnceTheContextHasStarted() {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("db"))
			.run((context) -> {
				assertThat(context).hasSingleBean(H2WriteDelay.class);
				assertThat(writeDelay(context.getBean(DataSource.class))).isZero();
			});
	}

	@Test
	void aWriteDelayNamedInTheConfiguredUrlIsKept() {
		this.runner
			.withPropertyValues(
					"spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("db") + ";WRITE_DELAY=250")
			.run((context) -> assertThat(writeDelay(context.getBean(DataSource.class))).isEqualTo(250));
	}

	@Test
	void backsOffForABeanOfTheApplications() {
		H2WriteDelay own = new H2WriteDelay(
				new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:" + UUID.randomUUID()), true);
		this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("db"))
			.withBean(H2WriteDelay.class, () -> own)
			.run((context) -> assertThat(context.getBean(H2WriteDelay.class)).isSameAs(own));
	}

}
