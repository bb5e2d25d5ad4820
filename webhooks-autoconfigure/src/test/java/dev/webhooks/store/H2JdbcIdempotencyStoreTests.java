package dev.webhooks.store;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class H2JdbcIdempotencyStoreTests extends JdbcIdempotencyStoreTests {

	private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Override
	DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	String platform() {
		return "h2";
	}

}
