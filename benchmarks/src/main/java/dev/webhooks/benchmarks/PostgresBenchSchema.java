package dev.webhooks.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A schema of its own on the shared PostgreSQL server for one benchmark run, created when opened and dropped
 * (with everything in it) when closed. The server is {@code bench.postgres-url}, user {@code postgres}.
 */
public final class PostgresBenchSchema implements AutoCloseable {

	private final String serverUrl;

	private final String name;

	private PostgresBenchSchema(String serverUrl, String name) {
		this.serverUrl = serverUrl;
		this.name = name;
	}

	/**
	 * Create a schema named after the benchmark and the time.
	 * @param prefix the start of its name
	 * @return the schema, to be closed after the run
	 * @throws SQLException when the server refuses
	 */
	public static PostgresBenchSchema create(String prefix) throws SQLException {
		String serverUrl = System.getProperty("bench.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
		PostgresBenchSchema schema = new PostgresBenchSchema(serverUrl, prefix + "_" + System.currentTimeMillis());
		schema.execute("CREATE SCHEMA " + schema.name);
		return schema;
	}

	/**
	 * The schema's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The JDBC URL whose connections work in this schema.
	 * @return the URL
	 */
	public String url() {
		return this.serverUrl + (this.serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + this.name;
	}

	@Override
	public void close() throws SQLException {
		execute("DROP SCHEMA IF EXISTS " + this.name + " CASCADE");
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.serverUrl, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
