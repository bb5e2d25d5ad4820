package dev.webhooks.receive;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;

import dev.webhooks.receive.ReceiverTestApplication.Listeners;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the tests against a started {@link ReceiverTestApplication} share: the port, the listeners (reset before
 * each test), the meter registry and a client that signs its requests.
 */
abstract class ReceiverIntegrationTests {

	static final String ANON = "/webhooks/incoming/anon";

	@LocalServerPort
	int port;

	@Autowired
	Listeners listeners;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	IdempotencyStore store;

	SignedRequests requests;

	@BeforeEach
	void resetListenersAndClient() {
		this.listeners.reset();
		this.requests = new SignedRequests(this.port);
	}

}
