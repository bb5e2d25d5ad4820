package dev.webhooks.store;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Checks at start-up that the store's tables exist, so that an application pointed at a database without them
 * stops with a message saying how to create them, instead of failing on its first publish with
 * {@code relation "webhook_endpoint" does not exist}. One {@code SELECT ... WHERE 1 = 0} per table: it reads no
 * row, and finds the table as every other statement does (the connection's schema, or PostgreSQL's search path).
 */
public final class StoreTables {

	/**
	 * The tables of the delivery repository: the outbox, the endpoints its claims read, and the per-endpoint lanes of
	 * ordered queues and rate limits.
	 */
	public static final List<String> DELIVERIES = List.of("event", "delivery", "attempt", "endpoint", "endpoint_lane");

	/** The table of the endpoint repository. */
	public static final List<String> ENDPOINTS = List.of("endpoint");

	/** The table of the portal sessions. */
	public static final List<String> PORTAL_SESSIONS = List.of("portal_session");

	/** The table of the idempotency store. */
	public static final List<String> RECEIVED = List.of("received");

	// every table the schema scripts create, in their order
	private static final List<String> ALL = List.of("received", "event", "endpoint", "delivery",
			"endpoint_lane", "attempt", "portal_session");

	private static final String DEFAULT_SCRIPT = "classpath:dev/webhooks/store/schema-%s.sql";

	private StoreTables() {
	}

	/**
	 * Fail unless the given tables exist.
	 * @param jdbc JDBC access to the database
	 * @param prefix the prefix of the table names
	 * @param tables the tables, without the prefix ({@link #DELIVERIES}, {@link #ENDPOINTS}, {@link #RECEIVED},
	 * {@link #PORTAL_SESSIONS})
	 * @throws MissingStoreTablesException if any is missing, naming them and how to create them
	 */
	public static void require(JdbcOperations jdbc, TablePrefix prefix, List<String> tables) {
		if (missing(jdbc, prefix, tables).isEmpty()) {
			return;
		}
		// the script creates them all: name every one it would create, not only this caller's
		String script = DEFAULT_SCRIPT.formatted(StoreDialect.of(jdbc, prefix).platform());
		throw new MissingStoreTablesException(missing(jdbc, prefix, ALL), prefix, script);
	}

	private static List<String> missing(JdbcOperations jdbc, TablePrefix prefix, List<String> tables) {
		List<String> missing = new ArrayList<>();
		for (String table : tables) {
			String name = prefix.table(table);
			try {
				jdbc.queryForList("SELECT 1 FROM " + name + " WHERE 1 = 0");
			}
			catch (BadSqlGrammarException ex) {
				missing.add(name);
			}
		}
		return missing;
	}

	/**
	 * Thrown at start-up when tables of the store do not exist.
	 */
	public static final class MissingStoreTablesException extends IllegalStateException {

		private final List<String> tables;

		private final TablePrefix prefix;

		private final String script;

		MissingStoreTablesException(List<String> tables, TablePrefix prefix, String script) {
			super(problem(tables) + " " + remedy(prefix, script));
			this.tables = List.copyOf(tables);
			this.prefix = prefix;
			this.script = script;
		}

		private static String problem(List<String> tables) {
			boolean several = tables.size() > 1;
			return "The webhooks store's " + (several ? "tables " : "table ") + String.join(", ", tables)
					+ (several ? " do" : " does") + " not exist in this database, and "
					+ "webhooks.store.initialize-schema did not create " + (several ? "them" : "it")
					+ " (by default it creates the tables only in an embedded database such as H2).";
		}

		private static String remedy(TablePrefix prefix, String script) {
			return "Set webhooks.store.initialize-schema=always to have the starter create the tables at start-up, "
					+ "or create them with Flyway or Liquibase from the script " + script + ", with "
					+ TablePrefix.PLACEHOLDER + " replaced by " + prefix + " (webhooks.store.table-prefix).";
		}

		/**
		 * What is wrong, for a start-up failure report.
		 * @return the missing tables
		 */
		public String getProblem() {
			return problem(this.tables);
		}

		/**
		 * What to do about it, for a start-up failure report.
		 * @return the property to set, or the script to give to Flyway or Liquibase
		 */
		public String getRemedy() {
			return remedy(this.prefix, this.script);
		}

		/**
		 * The missing tables.
		 * @return their names
		 */
		public List<String> getTables() {
			return this.tables;
		}

		/**
		 * The script that creates the tables on this database.
		 * @return its location
		 */
		public String getScript() {
			return this.script;
		}

	}

}
