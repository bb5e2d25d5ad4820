package dev.webhooks.integration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.testsupport.TestDatabases;

import org.springframework.context.ApplicationContextInitializer;

/**
 * The provider applications, receivers and other resources of one integration test on the database its class
 * names, closed after it: first everything that is not an application (so requests hanging in a receiver end and
 * the applications stop without waiting for them), then the applications, then the databases they ran on.
 * Applications start with {@link #BASE}, then the test class's defaults, then the test's overrides; a later value
 * of a property replaces an earlier one.
 */
final class ProviderApps implements AutoCloseable {

	/**
	 * What every provider application of these tests needs: no banner, the schema, the event type most tests
	 * publish, quick polls and shutdown, and the URL guard's development switches (receivers are on loopback).
	 */
	static final List<String> BASE = List.of("spring.main.banner-mode=off", "webhooks.store.initialize-schema=always",
			"webhooks.event-types[0].type=migration.completed", "webhooks.delivery.poll-interval=100ms",
			"webhooks.delivery.shutdown-timeout=1s", "webhooks.delivery.url-guard.allow-http=true",
			"webhooks.delivery.url-guard.allow-private-networks=true");

	private final TestDatabases databases;

	private final List<String> defaults;

	private final List<ProviderApp> apps = new ArrayList<>();

	private final List<AutoCloseable> others = new ArrayList<>();

	/**
	 * Resources of a test on the given databases.
	 * @param databases the databases of the test class
	 * @param defaults the test class's properties, after {@link #BASE}
	 */
	ProviderApps(TestDatabases databases, String... defaults) {
		this.databases = databases;
		this.defaults = List.of(defaults);
	}

	/**
	 * Whether the applications run on PostgreSQL.
	 * @return {@code true} on PostgreSQL, {@code false} on H2
	 */
	boolean isPostgres() {
		return this.databases.isPostgres();
	}

	/**
	 * A new, empty database that outlives the applications on it, until the test ends.
	 * @return its {@code spring.datasource.*} properties
	 */
	List<String> newDatabase() {
		return this.databases.newDatabase();
	}

	/**
	 * Start an application on a new database.
	 * @param overrides properties of this test
	 * @return the application
	 */
	ProviderApp start(String... overrides) {
		return start(newDatabase(), overrides);
	}

	/**
	 * Start an application on the given database.
	 * @param database properties from {@link #newDatabase()}
	 * @param overrides properties of this test
	 * @return the application
	 */
	ProviderApp start(List<String> database, String... overrides) {
		return start(database, List.of(), overrides);
	}

	/**
	 * Start an application on the given database, with initializers.
	 * @param database properties from {@link #newDatabase()}
	 * @param initializers applied to the application's context before it is refreshed
	 * @param overrides properties of this test
	 * @return the application
	 */
	ProviderApp start(List<String> database, List<? extends ApplicationContextInitializer<?>> initializers,
			String... overrides) {
		Map<String, String> properties = new LinkedHashMap<>();
		List<String> all = new ArrayList<>(database);
		all.addAll(BASE);
		all.addAll(this.defaults);
		all.addAll(List.of(overrides));
		for (String property : all) {
			int equals = property.indexOf('=');
			properties.put(property.substring(0, equals), property.substring(equals + 1));
		}
		ProviderApp app = ProviderApp.start(
				properties.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).toList(),
				initializers.toArray(ApplicationContextInitializer[]::new));
		this.apps.add(app);
		return app;
	}

	/**
	 * Start a receiver, closed after the test.
	 * @param responder answers each request
	 * @return the receiver
	 * @throws Exception when it cannot listen
	 */
	TestReceiver receiver(TestReceiver.Responder responder) throws Exception {
		return closing(TestReceiver.start(responder));
	}

	/**
	 * Close a resource after the test, before the applications.
	 * @param <T> its type
	 * @param resource a receiver, a proxy, a receiving application
	 * @return the resource
	 */
	<T extends AutoCloseable> T closing(T resource) {
		this.others.add(resource);
		return resource;
	}

	@Override
	public void close() throws Exception {
		try {
			// the latest first, as a try-with-resources block would
			for (int i = this.others.size() - 1; i >= 0; i--) {
				this.others.get(i).close();
			}
			this.apps.forEach(ProviderApp::close);
		}
		finally {
			this.others.clear();
			this.apps.clear();
			this.databases.dropAll();
		}
	}

}
