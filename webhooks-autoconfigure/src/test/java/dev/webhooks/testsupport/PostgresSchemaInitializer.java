package dev.webhooks.testsupport;

import java.util.Map;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives a test's application context a PostgreSQL schema of its own (see {@link PostgresSchemaPerContext}): a new
 * schema of {@link PostgresTestDatabase} as {@code spring.datasource.*}, dropped when the context closes. The
 * schema is dropped by a bean registered before any of the application's, so it is destroyed after them: the
 * pollers have stopped and nothing reads a dropped table.
 */
public class PostgresSchemaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String url = PostgresTestDatabase.createSchema();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("postgresTestSchema",
					Map.of("spring.datasource.url", url, "spring.datasource.username", PostgresTestDatabase.user(),
							"spring.datasource.password", PostgresTestDatabase.password())));
		((GenericApplicationContext) context).registerBean("postgresTestSchemaDropper", SchemaDropper.class,
				() -> new SchemaDropper(url));
	}

	/** Drops the schema when the context's beans are destroyed. */
	static final class SchemaDropper implements DisposableBean {

		private final String url;

		SchemaDropper(String url) {
			this.url = url;
		}

		@Override
		public void destroy() {
			PostgresTestDatabase.dropSchema(this.url);
		}

	}

}
