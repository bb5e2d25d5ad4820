package dev.webhooks.store;

import javax.sql.DataSource;

import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;
import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

@RequiresPostgres
class PostgresJdbcIdempotencyStoreTests extends JdbcIdempotencyStoreTests {

	private String schemaUrl;

	private DataSource dataSource;

	@Override
	DataSource dataSource() {
		if (this.dataSource == null) {
			this.schemaUrl = PostgresTestDatabase.createSchema();
			this.dataSource = new DriverManagerDataSource(this.schemaUrl, PostgresTestDatabase.user(),
					PostgresTestDatabase.password());
		}
		return this.dataSource;
	}

	@AfterEach
	void dropSchema() {
		if (this.schemaUrl != null) {
			PostgresTestDatabase.dropSchema(this.schemaUrl);
		}
	}

	@Override
	String platform() {
		return "postgresql";
	}

}
