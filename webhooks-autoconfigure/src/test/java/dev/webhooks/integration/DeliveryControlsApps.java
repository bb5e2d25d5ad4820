package dev.webhooks.integration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.testsupport.PostgresTestDatabase;

/**
 * The provider applications and receivers of one delivery-controls test, closed after it (receivers first, so
 * requests hanging in them end and the applications stop without waiting for them). Applications start with
 * fast test timings: polls every 100 ms, outcomes written every 20 ms, plain HTTP to loopback allowed. The
 * databases it creates outlive their applications and are dropped at the end.
 */
final class DeliveryControlsApps implements AutoCloseable {

	/** The databases the tests run on. */
	enum Database {

		/** Embedded H2 in memory, kept until the JVM ends ({@code DB_CLOSE_DELAY=-1}). */
		H2,

		/** A schema of its own in the shared PostgreSQL. */
		POSTGRES

	}

	private static final List<String> DEFAULTS = List.of("spring.main.banner-mode=off",
			"webhooks.store.initialize-schema=always", "webhooks.event-types[0].type=migration.completed",
			"webhooks.delivery.retry.schedule=0s,200ms,400ms", "webhooks.delivery.poll-interval=100ms",
			"webhooks.delivery.outcome-flush-interval=20ms", "webhooks.delivery.shutdown-timeout=1s",
			"webhooks.delivery.url-guard.allow-http=true", "webhooks.delivery.url-guard.allow-private-networks=true");

	private final List<ProviderApp> apps = new ArrayList<>();

	private final List<TestReceiver> receivers = new ArrayList<>();

	private final List<String> schemas = new ArrayList<>();

	private final Database database;

	DeliveryControlsApps(Database database) {
		this.database = database;
	}

	/**
	 * A new, empty database.
	 * @return its {@code spring.datasource.*} properties
	 */
	List<String> newDatabase() {
		if (this.database == Database.H2) {
			return List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"spring.datasource.username=sa", "spring.datasource.password=");
		}
		String url = PostgresTestDatabase.createSchema();
		this.schemas.add(url);
		return List.of("spring.datasource.url=" + url, "spring.datasource.username=" + PostgresTestDatabase.user(),
				"spring.datasource.password=" + PostgresTestDatabase.password());
	}

	ProviderApp start(List<String> database, String... overrides) {
		Map<String, String> properties = new LinkedHashMap<>();
		List<String> all = new ArrayList<>(database);
		all.addAll(DEFAULTS);
		all.addAll(List.of(overrides));
		for (String property : all) {
			int equals = property.indexOf('=');
			properties.put(property.substring(0, equals), property.substring(equals + 1));
		}
		ProviderApp app = ProviderApp
			.start(properties.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).toList());
		this.apps.add(app);
		return app;
	}

	TestReceiver receiver(TestReceiver.Responder responder) throws Exception {
		TestReceiver receiver = TestReceiver.start(responder);
		this.receivers.add(receiver);
		return receiver;
	}

	@Override
	public void close() {
		this.receivers.forEach(TestReceiver::close);
		this.apps.forEach(ProviderApp::close);
		this.schemas.forEach(PostgresTestDatabase::dropSchema);
		this.apps.clear();
		this.receivers.clear();
		this.schemas.clear();
	}

}
