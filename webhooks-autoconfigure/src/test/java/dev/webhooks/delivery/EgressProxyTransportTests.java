package dev.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.webhooks.urlguard.DefaultUrlGuard;
import dev.webhooks.urlguard.UnsafeUrlException;
import dev.webhooks.urlguard.UrlGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The transport with {@code webhooks.delivery.proxy}: real requests through a real tinyproxy process to a real
 * receiver on loopback.
 */
@ExtendWith(OutputCaptureExtension.class)
class EgressProxyTransportTests {

	private static final UrlGuard DEVELOPMENT = DefaultUrlGuard.builder().allowHttp(true).allowPrivateNetworks(true)
		.build();

	private static final HttpClient5WebhookTransport.Settings SETTINGS = new HttpClient5WebhookTransport.Settings(
			Duration.ofSeconds(10), Duration.ofSeconds(20), 10, 10, 1024, 1);

	@Test
	void deliversThroughTheProxyWithAConnectToTheCheckedAddressAndKeepsTheHostName() throws Exception {
		try (TinyProxy proxy = TinyProxy.start(); TestReceiver receiver = TestReceiver.answering(204)) {
			int port = Integer.parseInt(receiver.url().replaceAll(".*:(\\d+)/.*", "$1"));
			HttpClient5WebhookTransport transport = transport(DEVELOPMENT,
					EgressProxy.of(proxy.url(), null, null, List.of()));
			try {
				WebhookResponse response = send(transport, "http://localhost:" + port + "/hook");

				assertThat(response.statusCode()).isEqualTo(204);
				assertThat(receiver.requests()).singleElement()
					.satisfies((received) -> assertThat(received.header("host")).isEqualTo("localhost:" + port));
				// the proxy was asked for the address the guard checked, never for the name
				assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + port).doesNotContain("localhost");
			}
			finally {
				transport.destroy();
			}
		}
	}

	@Test
	void refusesAnAddressTheGuardForbidsWithoutAskingTheProxy() throws Exception {
		try (TinyProxy proxy = TinyProxy.start(); TestReceiver receiver = TestReceiver.answering(204)) {
			UrlGuard production = DefaultUrlGuard.builder().allowHttp(true).build();
			HttpClient5WebhookTransport transport = transport(production,
					EgressProxy.of(proxy.url(), null, null, List.of()));
			try {
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> send(transport, receiver.url()))
					.havingRootCause()
					.isInstanceOf(UnsafeUrlException.class);

				assertThat(receiver.requests()).isEmpty();
				assertThat(proxy.log()).doesNotContain("Connect (file descriptor").doesNotContain("CONNECT ");
			}
			finally {
				transport.destroy();
			}
		}
	}

	@Test
	void authenticatesToTheProxy() throws Exception {
		try (TinyProxy proxy = TinyProxy.start("hooks", "Pr0xy-Pa55"); TestReceiver receiver = TestReceiver.answering(200)) {
			HttpClient5WebhookTransport transport = transport(DEVELOPMENT,
					EgressProxy.of(proxy.url(), "hooks", "Pr0xy-Pa55", List.of()));
			try {
				assertThat(send(transport, receiver.url()).statusCode()).isEqualTo(200);
				assertThat(receiver.requests()).hasSize(1);
				// the credentials are for the proxy only: the endpoint never sees them
				assertThat(receiver.requests().get(0).headers().keySet())
					.noneMatch((name) -> name.toLowerCase().contains("authorization"));
			}
			finally {
				transport.destroy();
			}
		}
	}

	@Test
	void wrongProxyCredentialsFailTheAttemptWithoutShowingThePassword(CapturedOutput output) throws Exception {
		try (TinyProxy proxy = TinyProxy.start("hooks", "Pr0xy-Pa55"); TestReceiver receiver = TestReceiver.answering(200)) {
			String wrong = "Wr0ng-S3cret-" + System.nanoTime();
			HttpClient5WebhookTransport transport = transport(DEVELOPMENT,
					EgressProxy.of(proxy.url(), "hooks", wrong, List.of()));
			try {
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> send(transport, receiver.url()))
					.havingCause()
					.isInstanceOf(HttpClient5WebhookTransport.ProxyTunnelException.class)
					.withMessageContaining("refused the tunnel")
					.withMessageContaining("username and password")
					.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(wrong));

				assertThat(receiver.requests()).isEmpty();
				String encoded = java.util.Base64.getEncoder()
					.encodeToString(("hooks:" + wrong).getBytes(StandardCharsets.UTF_8));
				assertThat(output.getAll()).doesNotContain(wrong).doesNotContain(encoded);
				assertThat(EgressProxy.of(proxy.url(), "hooks", wrong, List.of()).toString()).doesNotContain(wrong);
			}
			finally {
				transport.destroy();
			}
		}
	}

	@Test
	void reachesNonProxyHostsDirectlyStillThroughTheGuard() throws Exception {
		try (TinyProxy proxy = TinyProxy.start(); TestReceiver receiver = TestReceiver.answering(200)) {
			HttpClient5WebhookTransport transport = transport(DEVELOPMENT,
					EgressProxy.of(proxy.url(), null, null, List.of("127.0.0.1")));
			try {
				assertThat(send(transport, receiver.url()).statusCode()).isEqualTo(200);
				assertThat(proxy.log()).doesNotContain("CONNECT ");
			}
			finally {
				transport.destroy();
			}
			UrlGuard production = DefaultUrlGuard.builder().allowHttp(true).build();
			HttpClient5WebhookTransport guarded = transport(production,
					EgressProxy.of(proxy.url(), null, null, List.of("127.0.0.1")));
			try {
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> send(guarded, receiver.url()))
					.havingRootCause()
					.isInstanceOf(UnsafeUrlException.class);
			}
			finally {
				guarded.destroy();
			}
		}
	}

	private static HttpClient5WebhookTransport transport(UrlGuard guard, EgressProxy proxy) {
		return new HttpClient5WebhookTransport(SETTINGS, new GuardedDnsResolver(guard), proxy);
	}

	private static WebhookResponse send(HttpClient5WebhookTransport transport, String url) throws Exception {
		return transport.send(new WebhookRequest(java.net.URI.create(url), Map.of("content-type", "application/json"),
				"{}".getBytes(StandardCharsets.UTF_8)))
			.get(60, TimeUnit.SECONDS);
	}

}
