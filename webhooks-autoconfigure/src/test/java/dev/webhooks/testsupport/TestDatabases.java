package dev.webhooks.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The database an integration test class runs its applications on, the one thing its H2 and PostgreSQL subclasses
 * differ in: each {@link #newDatabase()} is an empty database as the {@code spring.datasource.*} properties of a
 * Spring Boot application, and {@link #dropAll()} drops the PostgreSQL schemas made since, once the applications
 * on them are closed. H2 databases are in memory and outlive their applications ({@code DB_CLOSE_DELAY=-1}), so a
 * second application can take over what a stopped one left.
 */
public final class TestDatabases {

	private final boolean postgres;

	private final List<String> schemas = new ArrayList<>();

	private TestDatabases(boolean postgres) {
		this.postgres = postgres;
	}

	/**
	 * Embedded H2, a new in-memory database each time.
	 * @return the databases
	 */
	public static TestDatabases h2() {
		return new TestDatabases(false);
	}

	/**
	 * The shared PostgreSQL of {@link PostgresTestDatabase}, a new schema each time.
	 * @return the databases
	 */
	public static TestDatabases postgres() {
		return new TestDatabases(true);
	}

	/**
	 * Whether these are PostgreSQL schemas, for the few statements a test writes itself.
	 * @return {@code true} on PostgreSQL, {@code false} on H2
	 */
	public boolean isPostgres() {
		return this.postgres;
	}

	/**
	 * A new, empty database.
	 * @return its {@code spring.datasource.*} properties, as {@code name=value}
	 */
	public synchronized List<String> newDatabase() {
		if (!this.postgres) {
			return List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"spring.datasource.username=sa", "spring.datasource.password=");
		}
		String url = PostgresTestDatabase.createSchema();
		this.schemas.add(url);
		return List.of("spring.datasource.url=" + url, "spring.datasource.username=" + PostgresTestDatabase.user(),
				"spring.datasource.password=" + PostgresTestDatabase.password());
	}

	/**
	 * Drop the PostgreSQL schemas {@link #newDatabase()} made since the last call; call it once the applications
	 * on them are closed.
	 */
	public synchronized void dropAll() {
		this.schemas.forEach(PostgresTestDatabase::dropSchema);
		this.schemas.clear();
	}

}
