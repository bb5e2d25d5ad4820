package dev.webhooks.sample.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SampleCrashTests} on PostgreSQL: the sample's jar on a schema of its own on the shared PostgreSQL (the
 * only arguments changed are the datasource's), killed with SIGKILL half way through the stream and started again
 * on the same schema, which is dropped afterwards.
 */
class PostgresSampleCrashFaultTests extends SampleCrashTests {

	private PostgresSchema schema;

	@BeforeEach
	void createSchema() {
		this.schema = PostgresSchema.create();
	}

	@AfterEach
	void dropSchema() {
		this.schema.close();
	}

	@Override
	List<String> databaseArgs() {
		return this.schema.sampleArgs();
	}

	@Override
	void assertDatabaseSetUp(SampleProcess first) throws Exception {
		// the deliveries are in this schema, so the sample ran on it
		try (Connection connection = this.schema.connect(); Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM webhook_delivery")) {
			assertThat(count.next()).isTrue();
			assertThat(count.getLong(1)).isPositive();
		}
		assertThat(first.log()).doesNotContain("write delay");
	}

	@Override
	String databaseName() {
		return "PostgreSQL (a schema of its own)";
	}

}
