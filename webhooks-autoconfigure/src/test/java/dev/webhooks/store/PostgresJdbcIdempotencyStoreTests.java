package dev.webhooks.store;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.webhooks.receive.IdempotencyStore.Claim;
import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;
import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

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

	@Test
	void claimWithoutCommitWaitLeavesTheConnectionsCommitSettingAsItWas() {
		SingleConnectionDataSource connection = new SingleConnectionDataSource(
				((DriverManagerDataSource) dataSource()).getUrl(), PostgresTestDatabase.user(),
				PostgresTestDatabase.password(), true);
		try (JdbcIdempotencyStore onOneConnection = new JdbcIdempotencyStore(connection, JsonMapper.shared(),
				Duration.ofMinutes(5), this.clock, prefix())) {
			String before = new JdbcTemplate(connection).queryForObject("SHOW synchronous_commit", String.class);

			assertThat(onOneConnection.claim("anon", "msg_commit_setting")).isEqualTo(Claim.CLAIMED);

			assertThat(new JdbcTemplate(connection).queryForObject("SHOW synchronous_commit", String.class))
				.isEqualTo(before);
			assertThat(onOneConnection.claim("anon", "msg_commit_setting")).isEqualTo(Claim.IN_PROGRESS);
		}
		finally {
			connection.destroy();
		}
	}

}
