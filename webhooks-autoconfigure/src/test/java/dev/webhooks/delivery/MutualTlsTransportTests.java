package dev.webhooks.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import dev.webhooks.urlguard.DefaultUrlGuard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Client certificates through the transport: a real TLS receiver on loopback that requires one, and a test CA
 * made by keytool for this run.
 */
class MutualTlsTransportTests {

	private static final HttpClient5WebhookTransport.Settings SETTINGS = new HttpClient5WebhookTransport.Settings(
			Duration.ofSeconds(10), Duration.ofSeconds(20), 10, 10, 1024, 1);

	private static TestCertificates certificates;

	private static MutualTlsReceiver receiver;

	@BeforeAll
	static void receiver() throws Exception {
		certificates = TestCertificates.generate();
		receiver = new MutualTlsReceiver(certificates.context("server.p12"));
	}

	@AfterAll
	static void close() {
		receiver.close();
	}

	@Test
	void theEndpointsBundlePresentsItsClientCertificateAndAnotherBundleOrNoneIsRefused() throws Exception {
		HttpClient5WebhookTransport transport = transport(null);
		try {
			assertThat(send(transport, "/a", "client").statusCode()).isEqualTo(200);
			assertThat(receiver.clients()).last().asString().contains("CN=webhooks-client");
			int accepted = receiver.clients().size();

			// same host and port right after: a pooled connection of the bundle must not carry these. Under TLS 1.3
			// the receiver refuses the certificate after the client's side of the handshake, so the client sees
			// an SSLException or the connection closed; either way nothing was accepted
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> send(transport, "/b", "trust-only"))
				.withCauseInstanceOf(HttpClient5WebhookTransport.TlsConnectionException.class);
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> send(transport, "/c", "stranger"))
				.withCauseInstanceOf(HttpClient5WebhookTransport.TlsConnectionException.class);
			assertThat(receiver.clients()).hasSize(accepted);

			assertThat(send(transport, "/d", "client").statusCode()).isEqualTo(200);
		}
		finally {
			transport.destroy();
		}
	}

	@Test
	void theDefaultBundleServesEndpointsThatNameNone() throws Exception {
		HttpClient5WebhookTransport transport = transport("client");
		try {
			assertThat(send(transport, "/default", null).statusCode()).isEqualTo(200);
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> send(transport, "/own", "trust-only"))
				.withCauseInstanceOf(HttpClient5WebhookTransport.TlsConnectionException.class);
		}
		finally {
			transport.destroy();
		}
	}

	@Test
	void anUnknownBundleFailsTheAttemptWithItsName() throws Exception {
		HttpClient5WebhookTransport transport = transport(null);
		try {
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> send(transport, "/x", "gone"))
				.withCauseInstanceOf(IllegalStateException.class)
				.withMessageContaining("SSL bundle 'gone'");
		}
		finally {
			transport.destroy();
		}
	}

	@Test
	void throughTheProxyTlsInTheTunnelVerifiesTheHostNameAndPresentsTheBundlesCertificate() throws Exception {
		try (TinyProxy proxy = TinyProxy.start()) {
			HttpClient5WebhookTransport transport = new HttpClient5WebhookTransport(SETTINGS,
					new GuardedDnsResolver(DefaultUrlGuard.builder().allowPrivateNetworks(true).build()),
					EgressProxy.of(proxy.url(), null, null, List.of()), MutualTlsTransportTests::context, null);
			try {
				int before = receiver.clients().size();
				// the tunnel goes to 127.0.0.1, which the server certificate does not name: only a check against
				// the host name passes
				assertThat(send(transport, "/proxied", "client").statusCode()).isEqualTo(200);
				assertThat(receiver.clients()).hasSize(before + 1);
				int port = URI.create(receiver.url("/")).getPort();
				assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + port).doesNotContain("localhost");

				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> send(transport, "/proxied-without", "trust-only"))
					.withCauseInstanceOf(HttpClient5WebhookTransport.TlsConnectionException.class);
				assertThat(receiver.clients()).hasSize(before + 1);
			}
			finally {
				transport.destroy();
			}
		}
	}

	private static HttpClient5WebhookTransport transport(String defaultBundle) {
		return new HttpClient5WebhookTransport(SETTINGS,
				new GuardedDnsResolver(DefaultUrlGuard.builder().allowPrivateNetworks(true).build()), null,
				MutualTlsTransportTests::context, defaultBundle);
	}

	private static SSLContext context(String bundle) {
		try {
			return switch (bundle) {
				case "client" -> certificates.context("client.p12");
				case "stranger" -> certificates.context("stranger.p12");
				case "trust-only" -> certificates.context(null);
				default -> throw new IllegalArgumentException("no SSL bundle named '" + bundle + "'");
			};
		}
		catch (IllegalArgumentException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static WebhookResponse send(HttpClient5WebhookTransport transport, String path, String bundle)
			throws Exception {
		return transport.send(new WebhookRequest(URI.create(receiver.url(path)), Map.of("content-type",
				"application/json"), "{}".getBytes(StandardCharsets.UTF_8), null, bundle))
			.get(60, TimeUnit.SECONDS);
	}

}
