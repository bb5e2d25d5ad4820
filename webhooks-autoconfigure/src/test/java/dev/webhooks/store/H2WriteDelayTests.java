package dev.webhooks.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import dev.webhooks.store.H2WriteDelay.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static dev.webhooks.testsupport.H2Settings.writeDelay;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class H2WriteDelayTests {

	@TempDir
	Path directory;

	@Test
	void aFileDatabaseOnH2sDefaultDelayIsSetToWriteEachCommitAtOnce(CapturedOutput output) throws SQLException {
		DataSource dataSource = h2("jdbc:h2:file:" + this.directory.resolve("db"), "sa");
		assertThat(writeDelay(dataSource)).isEqualTo(500);

		Outcome outcome = new H2WriteDelay(dataSource, false).apply();

		assertThat(outcome).isEqualTo(Outcome.SET_TO_ZERO);
		assertThat(writeDelay(dataSource)).isZero();
		assertThat(output).contains("Set the write delay of the H2 database").contains("from 500 ms to 0");
	}

	@Test
	void theSettingStaysWithTheDatabaseSoTheNextStartFindsItAtZero() throws SQLException {
		String url = "jdbc:h2:file:" + this.directory.resolve("db");
		new H2WriteDelay(h2(url, "sa"), false).apply();

		// every connection above was closed, so H2 closed the database; this opens it again
		Outcome next = new H2WriteDelay(h2(url, "sa"), false).apply();

		assertThat(next).isEqualTo(Outcome.ALREADY_IMMEDIATE);
	}

	@Test
	void aDelayNamedInTheUrlIsLeftWithAWarningNamingTheUrlOption(CapturedOutput output) throws SQLException {
		String url = "jdbc:h2:file:" + this.directory.resolve("db") + ";WRITE_DELAY=300;DB_CLOSE_DELAY=-1";
		DataSource dataSource = h2(url, "sa");

		Outcome outcome = new H2WriteDelay(dataSource, H2WriteDelay.namesWriteDelay(url)).apply();

		assertThat(outcome).isEqualTo(Outcome.LEFT_AS_CONFIGURED);
		assertThat(writeDelay(dataSource)).isEqualTo(300);
		assertThat(output).contains("up to 300 ms after it returns").contains(";WRITE_DELAY=0");
		shutdown(dataSource);
	}

	@Test
	void aUserWithoutAdminRightsGetsAWarningNamingTheUrlOption(CapturedOutput output) throws SQLException {
		String url = "jdbc:h2:file:" + this.directory.resolve("db");
		// the admin keeps the database open; a URL setting would need admin rights
		DataSource admin = h2(url + ";DB_CLOSE_DELAY=-1", "sa");
		execute(admin, "CREATE USER app PASSWORD 'app'");
		SimpleDriverDataSource app = new SimpleDriverDataSource(new org.h2.Driver(), url, "app", "app");

		Outcome outcome = new H2WriteDelay(app, false).apply();

		assertThat(outcome).isEqualTo(Outcome.NOT_PERMITTED);
		assertThat(writeDelay(admin)).isEqualTo(500);
		assertThat(output).contains("could not be set to 0").contains("Add ;WRITE_DELAY=0 to its JDBC URL");
		shutdown(admin);
	}

	@Test
	void aDatabaseWhoseUrlAsksForImmediateWritesIsLeftAloneSilently(CapturedOutput output) throws SQLException {
		String url = "jdbc:h2:file:" + this.directory.resolve("db") + ";WRITE_DELAY=0";

		Outcome outcome = new H2WriteDelay(h2(url, "sa"), H2WriteDelay.namesWriteDelay(url)).apply();

		assertThat(outcome).isEqualTo(Outcome.ALREADY_IMMEDIATE);
		assertThat(output).doesNotContain("WRITE_DELAY");
	}

	@Test
	void anInMemoryDatabaseIsLeftAlone() throws SQLException {
		DataSource dataSource = h2("jdbc:h2:mem:" + UUID.randomUUID(), "sa");

		assertThat(new H2WriteDelay(dataSource, false).apply()).isEqualTo(Outcome.IN_MEMORY);
	}

	@Test
	void recognisesTheOptionInAUrlInAnyCase() {
		assertThat(H2WriteDelay.namesWriteDelay("jdbc:h2:file:./data/app;write_delay=0")).isTrue();
		assertThat(H2WriteDelay.namesWriteDelay("jdbc:h2:file:./data/app;MODE=PostgreSQL;WRITE_DELAY=10")).isTrue();
		assertThat(H2WriteDelay.namesWriteDelay("jdbc:h2:file:./data/write_delay")).isFalse();
		assertThat(H2WriteDelay.namesWriteDelay(null)).isFalse();
	}

	private static DataSource h2(String url, String user) {
		return new SimpleDriverDataSource(new org.h2.Driver(), url, user, "");
	}

	private static void execute(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void shutdown(DataSource dataSource) throws SQLException {
		execute(dataSource, "SHUTDOWN");
	}

}
