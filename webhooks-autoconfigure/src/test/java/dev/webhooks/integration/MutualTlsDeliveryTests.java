package dev.webhooks.integration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.MutualTlsReceiver;
import dev.webhooks.delivery.TestCertificates;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Client certificates end to end: Spring Boot SSL bundles made from a keytool test CA, endpoints naming them in
 * {@code ssl_bundle}, and an HTTPS receiver on loopback that requires a client certificate. Subclasses name the
 * database.
 */
abstract class MutualTlsDeliveryTests extends ProviderAppTests {

	static final Duration WAIT = Duration.ofSeconds(30);

	MutualTlsDeliveryTests(TestDatabases databases) {
		super(databases, "webhooks.delivery.url-guard.allow-http=false");
	}

	@Test
	void anEndpointWithTheBundleIsAcceptedAndOneWithoutIsRecordedAsAFailedAttempt() throws Exception {
		TestCertificates certificates = TestCertificates.generate();
		MutualTlsReceiver receiver = new MutualTlsReceiver(certificates.context("server.p12"));
		this.apps.closing(receiver);
		ProviderApp app = start(certificates);
		String withBundle = app.endpoints()
			.create(null, new EndpointRequest(receiver.url("/with"), null, null, null, null, null, null, null,
					"webhooks-client"))
			.endpoint()
			.id();
		String trustOnly = app.endpoints()
			.create(null, new EndpointRequest(receiver.url("/without"), null, null, null, null, null, null, null,
					"test-ca"))
			.endpoint()
			.id();

		String event = app.publish("migration.completed", Map.of("n", 1));

		await().atMost(WAIT).untilAsserted(() -> assertThat(app.deliveryStatus(event, withBundle))
			.isEqualTo("SUCCEEDED"));
		assertThat(receiver.clients()).singleElement().asString().contains("CN=webhooks-client");
		await().atMost(WAIT).until(() -> !errors(app, event, trustOnly).isEmpty());
		assertThat(errors(app, event, trustOnly).get(0)).contains("TLS connection to localhost failed")
			.contains("SSL bundle 'test-ca'");
		assertThat(app.deliveryStatus(event, trustOnly)).isNotEqualTo("SUCCEEDED");
		assertThat(receiver.clients()).hasSize(1);
	}

	private static List<String> errors(ProviderApp app, String event, String endpoint) {
		return app.jdbc().queryForList("SELECT a.error FROM webhook_attempt a JOIN webhook_delivery d ON "
				+ "d.id = a.delivery_id WHERE d.event_id = ? AND d.endpoint_id = ? ORDER BY a.attempt_number",
				String.class, event, endpoint);
	}

	private ProviderApp start(TestCertificates certificates) {
		String password = TestCertificates.PASSWORD;
		return this.apps.start(
				"spring.ssl.bundle.jks.webhooks-client.keystore.location=file:" + certificates.store("client.p12"),
				"spring.ssl.bundle.jks.webhooks-client.keystore.password=" + password,
				"spring.ssl.bundle.jks.webhooks-client.keystore.type=PKCS12",
				"spring.ssl.bundle.jks.webhooks-client.truststore.location=file:" + certificates.store("trust.p12"),
				"spring.ssl.bundle.jks.webhooks-client.truststore.password=" + password,
				"spring.ssl.bundle.jks.webhooks-client.truststore.type=PKCS12",
				"spring.ssl.bundle.jks.test-ca.truststore.location=file:" + certificates.store("trust.p12"),
				"spring.ssl.bundle.jks.test-ca.truststore.password=" + password,
				"spring.ssl.bundle.jks.test-ca.truststore.type=PKCS12");
	}

}
