package dev.webhooks.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PostgreSQL that tests use: {@code WEBHOOKS_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), user {@code WEBHOOKS_TEST_POSTGRES_USER} (default
 * {@code postgres}), password {@code WEBHOOKS_TEST_POSTGRES_PASSWORD} (default empty). Each test class takes a
 * schema of its own from {@link #createSchema()}, so classes never see each other's rows. A schema that a test does
 * not drop itself is dropped when the test JVM exits: the machine's PostgreSQL runs with autovacuum off, so every
 * schema left behind stays on disk.
 */
public final class PostgresTestDatabase {

	private static volatile String unavailableReason;

	private static volatile boolean checked;

	private static final Set<String> created = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestDatabase::dropCreatedSchemas,
				"drop-test-schemas"));
	}

	private PostgresTestDatabase() {
	}

	public static String url() {
		return env("WEBHOOKS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
	}

	public static String user() {
		return env("WEBHOOKS_TEST_POSTGRES_USER", "postgres");
	}

	public static String password() {
		return env("WEBHOOKS_TEST_POSTGRES_PASSWORD", "");
	}

	/**
	 * Create a new, empty schema.
	 * @return a JDBC URL whose connections use that schema
	 */
	public static String createSchema() {
		String schema = "wh_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
			.toLowerCase(Locale.ROOT);
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
			created.add(schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create schema " + schema + " at " + url(), ex);
		}
		return url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	/**
	 * Drop a schema made by {@link #createSchema()}, with everything in it.
	 * @param schemaUrl the URL {@link #createSchema()} returned
	 */
	public static void dropSchema(String schemaUrl) {
		String schema = schemaUrl.substring(schemaUrl.indexOf("currentSchema=") + "currentSchema=".length());
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			created.remove(schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop schema " + schema + " at " + url(), ex);
		}
	}

	private static void dropCreatedSchemas() {
		if (created.isEmpty()) {
			return;
		}
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			// a connection still in a transaction on a table must not hold the exiting JVM
			statement.execute("SET lock_timeout = '5s'");
			for (String schema : created) {
				statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			}
		}
		catch (SQLException ex) {
			// the JVM is exiting: a schema left behind is untidy, not a test failure
			System.err.println("Could not drop the test schemas " + created + ": " + ex.getMessage());
		}
	}

	/** Why PostgreSQL cannot be used, or {@code null} when it answers. */
	static String unavailableReason() {
		if (!checked) {
			synchronized (PostgresTestDatabase.class) {
				if (!checked) {
					try (Connection connection = connect()) {
						unavailableReason = connection.isValid(2) ? null : "the connection is not valid";
					}
					catch (SQLException ex) {
						unavailableReason = "cannot connect to " + url() + " as " + user() + ": " + ex.getMessage();
					}
					checked = true;
				}
			}
		}
		return unavailableReason;
	}

	private static Connection connect() throws SQLException {
		DriverManager.setLoginTimeout(3);
		return DriverManager.getConnection(url(), user(), password());
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
