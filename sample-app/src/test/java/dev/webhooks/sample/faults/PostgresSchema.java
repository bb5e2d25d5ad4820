package dev.webhooks.sample.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own on the shared PostgreSQL ({@code WEBHOOKS_TEST_POSTGRES_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}), dropped with everything in it when closed.
 * When PostgreSQL does not answer, the test is skipped, or fails under {@code CI=true}.
 */
final class PostgresSchema implements AutoCloseable {

	private static final String URL = env("WEBHOOKS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	private static final String USER = env("WEBHOOKS_TEST_POSTGRES_USER", "postgres");

	private static final String PASSWORD = env("WEBHOOKS_TEST_POSTGRES_PASSWORD", "");

	private final String name;

	private PostgresSchema(String name) {
		this.name = name;
	}

	static PostgresSchema create() {
		String name = "wh_fault_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
			.toLowerCase(Locale.ROOT);
		try (Connection connection = connect(URL); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + name);
		}
		catch (SQLException ex) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("PostgreSQL is required under CI=true: " + ex.getMessage(), ex);
			}
			Assumptions.abort("PostgreSQL does not answer at " + URL + ": " + ex.getMessage());
		}
		return new PostgresSchema(name);
	}

	String url() {
		return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + this.name;
	}

	/** The sample's command-line arguments for this schema. */
	List<String> sampleArgs() {
		return List.of("--spring.datasource.url=" + url(), "--spring.datasource.username=" + USER,
				"--spring.datasource.password=" + PASSWORD);
	}

	Connection connect() throws SQLException {
		return connect(url());
	}

	@Override
	public void close() {
		try (Connection connection = connect(URL); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + this.name + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop schema " + this.name, ex);
		}
	}

	private static Connection connect(String url) throws SQLException {
		DriverManager.setLoginTimeout(5);
		return DriverManager.getConnection(url, USER, PASSWORD);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
