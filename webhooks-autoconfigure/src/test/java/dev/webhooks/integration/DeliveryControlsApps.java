package dev.webhooks.integration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.TestReceiver;

/**
 * The provider applications and receivers of one delivery-controls test, closed after it (receivers first, so
 * requests hanging in them end and the applications stop without waiting for them). Applications start with
 * fast test timings: polls every 100 ms, outcomes written every 20 ms, plain HTTP to loopback allowed.
 */
final class DeliveryControlsApps implements AutoCloseable {

	private static final List<String> DEFAULTS = List.of("spring.main.banner-mode=off",
			"webhooks.store.initialize-schema=always", "webhooks.event-types[0].type=migration.completed",
			"webhooks.delivery.retry.schedule=0s,200ms,400ms", "webhooks.delivery.poll-interval=100ms",
			"webhooks.delivery.outcome-flush-interval=20ms", "webhooks.delivery.shutdown-timeout=1s",
			"webhooks.delivery.url-guard.allow-http=true", "webhooks.delivery.url-guard.allow-private-networks=true");

	private final List<ProviderApp> apps = new ArrayList<>();

	private final List<TestReceiver> receivers = new ArrayList<>();

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
	}

}
