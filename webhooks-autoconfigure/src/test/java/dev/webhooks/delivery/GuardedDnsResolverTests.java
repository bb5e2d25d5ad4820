package dev.webhooks.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.webhooks.delivery.GuardedDnsResolver.RefusedAddressException;
import dev.webhooks.urlguard.DefaultUrlGuard;
import dev.webhooks.urlguard.UnsafeUrlException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.InMemoryDnsResolver;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The guard at connect time, with real lookups and real connections: a name that resolves to a loopback address
 * is refused by the DNS step of Apache HttpClient, before any byte reaches the receiver.
 */
class GuardedDnsResolverTests {

	private static final String LOOPBACK_REASON = "which is a loopback address (";

	private final DefaultUrlGuard guard = new DefaultUrlGuard();

	private final DefaultUrlGuard development = DefaultUrlGuard.builder()
		.allowHttp(true)
		.allowPrivateNetworks(true)
		.build();

	private HttpServer receiver;

	private final AtomicInteger received = new AtomicInteger();

	@BeforeEach
	void startReceiver() throws Exception {
		this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		this.receiver.createContext("/webhooks", (exchange) -> {
			this.received.incrementAndGet();
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.receiver.start();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.stop(0);
	}

	@Test
	void refusesARealLookupOfLocalhost() {
		GuardedDnsResolver resolver = new GuardedDnsResolver(this.guard);

		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> resolver.resolve("localhost"))
			.withMessageStartingWith("refused: localhost resolves to ")
			.withMessageContaining(LOOPBACK_REASON)
			.satisfies((ex) -> assertThat(ex.getHost()).isEqualTo("localhost"))
			.satisfies((ex) -> assertThat(ex.getRefusal()).isInstanceOf(UnsafeUrlException.class));
		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> resolver.resolve("localhost", 443))
			.withMessageContaining(LOOPBACK_REASON);
	}

	@Test
	void allowPrivateNetworksLetsLocalhostResolve() throws Exception {
		GuardedDnsResolver resolver = new GuardedDnsResolver(this.development);

		assertThat(resolver.resolve("localhost")).contains(InetAddress.getByName("127.0.0.1"));
		assertThat(resolver.resolve("localhost", 8080)).contains(new InetSocketAddress("127.0.0.1", 8080));
	}

	@Test
	void refusesANameWhoseAnswerChangedTo127001() throws Exception {
		// a name accepted at registration whose DNS answer now points inside, as in DNS rebinding
		InMemoryDnsResolver dns = new InMemoryDnsResolver();
		dns.add("hooks.customer.example", InetAddress.getByName("93.184.216.34"));
		GuardedDnsResolver resolver = new GuardedDnsResolver(this.guard, dns);
		assertThat(resolver.resolve("hooks.customer.example")).hasSize(1);

		dns.add("hooks.customer.example", InetAddress.getByName("127.0.0.1"));

		assertThatExceptionOfType(RefusedAddressException.class)
			.isThrownBy(() -> resolver.resolve("hooks.customer.example", 443))
			.withMessage("refused: hooks.customer.example resolves to 127.0.0.1, which is a loopback address "
					+ "(127.0.0.0/8)");
	}

	@Test
	void refusesTheWholeAnswerWhenOneAddressIsRefused() throws Exception {
		InMemoryDnsResolver dns = new InMemoryDnsResolver();
		dns.add("mixed.example", InetAddress.getByName("93.184.216.34"), InetAddress.getByName("169.254.169.254"));
		GuardedDnsResolver resolver = new GuardedDnsResolver(this.development, dns);

		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> resolver.resolve("mixed.example"))
			.withMessageContaining("a cloud metadata service (169.254.169.254/32");
	}

	@Test
	void passesPublicAddressesThrough() throws Exception {
		InMemoryDnsResolver dns = new InMemoryDnsResolver();
		InetAddress v4 = InetAddress.getByName("93.184.216.34");
		InetAddress v6 = InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946");
		dns.add("receiver.example", v4, v6);
		GuardedDnsResolver resolver = new GuardedDnsResolver(this.guard, dns);

		assertThat(resolver.resolve("receiver.example")).containsExactly(v4, v6);
		assertThat(resolver.resolve("receiver.example", 443)).containsExactly(new InetSocketAddress(v4, 443),
				new InetSocketAddress(v6, 443));
	}

	@Test
	void refusesAnEmptyAnswerInsteadOfLettingTheSocketResolveUnchecked() {
		// HttpClient turns a null answer into an unresolved address that the socket would resolve on its own
		DnsResolver silent = new DnsResolver() {

			@Override
			public InetAddress[] resolve(String host) {
				return null;
			}

			@Override
			public String resolveCanonicalHostname(String host) {
				return host;
			}

		};
		GuardedDnsResolver resolver = new GuardedDnsResolver(this.guard, silent);

		assertThatExceptionOfType(UnknownHostException.class).isThrownBy(() -> resolver.resolve("localhost"));
		assertThatExceptionOfType(UnknownHostException.class).isThrownBy(() -> resolver.resolve("localhost", 80));
		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> new GuardedDnsResolver(this.guard,
				new UnresolvedAnswer()).resolve("localhost", 80))
			.withMessage("refused: localhost was not resolved to an address that can be checked");
	}

	@Test
	void asyncClientRequestToLocalhostFailsWithTheGuardsReason() throws Exception {
		try (CloseableHttpAsyncClient client = asyncClient(new GuardedDnsResolver(this.guard))) {
			Throwable failure = catchThrowable(() -> client
				.execute(SimpleRequestBuilder.post(receiverUrl()).setBody("{}", ContentType.APPLICATION_JSON).build(),
						null)
				.get(10, TimeUnit.SECONDS));

			assertThat(failure).isInstanceOf(ExecutionException.class);
			assertThat(failure.getCause()).isInstanceOf(RefusedAddressException.class)
				.hasMessageStartingWith("refused: localhost resolves to ")
				.hasMessageContaining(LOOPBACK_REASON);
		}
		assertThat(this.received).hasValue(0);
	}

	@Test
	void asyncClientRequestToLocalhostSucceedsWhenPrivateNetworksAreAllowed() throws Exception {
		try (CloseableHttpAsyncClient client = asyncClient(new GuardedDnsResolver(this.development))) {
			SimpleHttpResponse response = client
				.execute(SimpleRequestBuilder.post(receiverUrl()).setBody("{}", ContentType.APPLICATION_JSON).build(),
						null)
				.get(10, TimeUnit.SECONDS);

			assertThat(response.getCode()).isEqualTo(204);
		}
		assertThat(this.received).hasValue(1);
	}

	@Test
	void classicClientRequestToLocalhostFailsWithTheGuardsReasonAndSucceedsWhenAllowed() throws Exception {
		try (CloseableHttpClient client = classicClient(new GuardedDnsResolver(this.guard))) {
			assertThatExceptionOfType(RefusedAddressException.class)
				.isThrownBy(() -> client.execute(new HttpPost(receiverUrl()), (response) -> response.getCode()))
				.withMessageContaining(LOOPBACK_REASON);
		}
		assertThat(this.received).hasValue(0);

		try (CloseableHttpClient client = classicClient(new GuardedDnsResolver(this.development))) {
			Integer status = client.execute(new HttpPost(receiverUrl()), (response) -> response.getCode());
			assertThat(status).isEqualTo(204);
		}
		assertThat(this.received).hasValue(1);
	}

	private String receiverUrl() {
		return "http://localhost:" + this.receiver.getAddress().getPort() + "/webhooks";
	}

	private static CloseableHttpAsyncClient asyncClient(DnsResolver resolver) {
		CloseableHttpAsyncClient client = HttpAsyncClients.custom()
			.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create().setDnsResolver(resolver).build())
			.build();
		client.start();
		return client;
	}

	private static CloseableHttpClient classicClient(DnsResolver resolver) {
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(resolver).build())
			.build();
	}

	/** A resolver that answers with an unresolved socket address, as HttpClient's default method does for null. */
	private static final class UnresolvedAnswer implements DnsResolver {

		@Override
		public InetAddress[] resolve(String host) {
			return null;
		}

		@Override
		public List<InetSocketAddress> resolve(String host, int port) {
			return List.of(InetSocketAddress.createUnresolved(host, port));
		}

		@Override
		public String resolveCanonicalHostname(String host) {
			return host;
		}

	}

}
