package dev.webhooks.api;

import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Portal links and sessions on PostgreSQL, in a schema of its own, dropped when the context closes.
 */
@RequiresPostgres
@SpringBootTest(classes = PortalTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(PostgresPortalSessionsTests.DropSchemaOnClose.class)
@DirtiesContext
class PostgresPortalSessionsTests extends PortalSessionsContractTests {

	private static String schemaUrl;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", PostgresPortalSessionsTests::schemaUrl);
		registry.add("spring.datasource.username", PostgresTestDatabase::user);
		registry.add("spring.datasource.password", PostgresTestDatabase::password);
	}

	private static synchronized String schemaUrl() {
		if (schemaUrl == null) {
			schemaUrl = PostgresTestDatabase.createSchema();
		}
		return schemaUrl;
	}

	/**
	 * Drops the schema when the context closes.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class DropSchemaOnClose implements DisposableBean {

		@Override
		public void destroy() {
			if (schemaUrl != null) {
				PostgresTestDatabase.dropSchema(schemaUrl);
			}
		}

	}

}
