package dev.webhooks.store;

import javax.sql.DataSource;

import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

@RequiresPostgres
class PostgresJdbcIdempotencyStoreTests extends JdbcIdempotencyStoreTests {

	private DataSource dataSource;

	@Override
	DataSource dataSource() {
		if (this.dataSource == null) {
			this.dataSource = new DriverManagerDataSource(PostgresTestDatabase.createSchema(),
					PostgresTestDatabase.user(), PostgresTestDatabase.password());
		}
		return this.dataSource;
	}

	@Override
	String platform() {
		return "postgresql";
	}

}
