package dev.webhooks.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * A {@link WebhookTransport} on Apache HttpClient 5's asynchronous client with a pooled connection manager: a
 * slow endpoint holds a connection of its own route, not a thread. Redirects are not followed (a redirect is an
 * answer like any other non-2xx), and only the start of the response body is kept, for the delivery log.
 * <p>
 * The {@link DnsResolver} is where the URL guard checks every resolved address at connect time; by default the
 * system resolver is used.
 */
public class HttpClient5WebhookTransport implements WebhookTransport, DisposableBean {

	private static final Log logger = LogFactory.getLog(HttpClient5WebhookTransport.class);

	private final CloseableHttpAsyncClient client;

	private volatile boolean closing;

	private final Duration timeout;

	private final int responseBodyLimit;

	/**
	 * Create and start a transport.
	 * @param settings the connection settings
	 * @param dnsResolver the resolver, or {@code null} for the system resolver
	 */
	public HttpClient5WebhookTransport(Settings settings, DnsResolver dnsResolver) {
		this.timeout = settings.timeout();
		this.responseBodyLimit = settings.responseBodyLimit();
		PoolingAsyncClientConnectionManager connectionManager = PoolingAsyncClientConnectionManagerBuilder.create()
			.setDnsResolver((dnsResolver != null) ? dnsResolver : SystemDefaultDnsResolver.INSTANCE)
			.setMaxConnPerRoute(settings.maxConnectionsPerRoute())
			.setMaxConnTotal(settings.maxConnectionsTotal())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(settings.connectTimeout()))
				.setSocketTimeout(Timeout.of(settings.timeout()))
				.build())
			.build();
		this.client = HttpAsyncClients.custom()
			.setConnectionManager(connectionManager)
			.setIOReactorConfig(IOReactorConfig.custom()
				.setIoThreadCount(settings.ioThreads())
				.setSoTimeout(Timeout.of(settings.timeout()))
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setRedirectsEnabled(false)
				.setResponseTimeout(Timeout.of(settings.timeout()))
				.setConnectionRequestTimeout(Timeout.of(settings.timeout()))
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			// the body is kept for the delivery log only; asking for it compressed would cost both sides for nothing
			.disableContentCompression()
			.evictIdleConnections(Timeout.ofSeconds(30))
			.setIoReactorExceptionCallback(this::ioReactorFailed)
			.build();
		this.client.start();
	}

	@Override
	public CompletableFuture<WebhookResponse> send(WebhookRequest request) {
		CompletableFuture<WebhookResponse> result = new CompletableFuture<>();
		AsyncRequestBuilder builder = AsyncRequestBuilder.post(request.url());
		request.headers().forEach((name, value) -> {
			if (!name.equalsIgnoreCase("content-type")) {
				builder.addHeader(name, value);
			}
		});
		String contentType = request.headers().getOrDefault("content-type", "application/json");
		builder.setEntity(AsyncEntityProducers.create(request.body(), ContentType.parse(contentType)));
		AsyncRequestProducer producer = builder.build();
		Future<WebhookResponse> exchange = this.client.execute(producer,
				new LimitedResponseConsumer(this.responseBodyLimit), new FutureCallback<>() {

					@Override
					public void completed(WebhookResponse response) {
						result.complete(response);
					}

					@Override
					public void failed(Exception ex) {
						result.completeExceptionally(ex);
					}

					@Override
					public void cancelled() {
						result.cancel(false);
					}

				});
		// the response timeout only bounds silence between packets; this bounds the whole attempt
		result.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, ex) -> {
			if (ex instanceof TimeoutException) {
				exchange.cancel(true);
			}
		});
		return result;
	}

	/**
	 * Close the client at once. Waiting for requests in flight is the caller's decision (the dispatcher waits up to
	 * its shutdown timeout before the transport is destroyed); a graceful close would wait again, up to five
	 * seconds, for a request that hangs, and delay the application's shutdown past that timeout. An aborted
	 * delivery stays leased and is sent again after a restart.
	 */
	@Override
	public void destroy() {
		this.closing = true;
		this.client.close(CloseMode.IMMEDIATE);
	}

	private void ioReactorFailed(Exception ex) {
		if (this.closing) {
			// an immediate close interrupts the I/O threads mid-select; that is the point of it, not an error
			logger.debug("HTTP client I/O reactor stopped while closing", ex);
		}
		else {
			logger.error("HTTP client I/O reactor failed; webhook requests in flight will time out", ex);
		}
	}

	/**
	 * Connection settings of the transport.
	 *
	 * @param connectTimeout how long to wait for a TCP (and TLS) connection
	 * @param timeout how long one attempt may take until the whole response has arrived
	 * @param maxConnectionsPerRoute the most connections to one endpoint host
	 * @param maxConnectionsTotal the most connections in all
	 * @param responseBodyLimit how many bytes of the response body to keep for the delivery log
	 * @param ioThreads the I/O threads that write the requests and read the responses of all endpoints
	 */
	public record Settings(Duration connectTimeout, Duration timeout, int maxConnectionsPerRoute,
			int maxConnectionsTotal, int responseBodyLimit, int ioThreads) {

		/**
		 * Half the available processors, at least one. Each I/O thread serves many connections; on two cores one
		 * thread delivered 9 to 31% more than two in three comparisons (docs/benchmarks.md). TLS encryption runs on
		 * these threads, so larger machines keep several.
		 * @return the default number of I/O threads
		 */
		public static int defaultIoThreads() {
			return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
		}

		public Settings {
			if (connectTimeout.isNegative() || connectTimeout.isZero()) {
				throw new IllegalArgumentException("The connect timeout must be positive");
			}
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("The delivery timeout must be positive");
			}
			if (maxConnectionsPerRoute < 1 || maxConnectionsTotal < maxConnectionsPerRoute) {
				throw new IllegalArgumentException("The connection limits need 1 <= per route (" + maxConnectionsPerRoute
						+ ") <= total (" + maxConnectionsTotal + ")");
			}
			if (responseBodyLimit < 0) {
				throw new IllegalArgumentException("The response body limit may not be negative");
			}
			if (ioThreads < 1) {
				throw new IllegalArgumentException("The HTTP client needs at least 1 I/O thread (io-threads), not " + ioThreads);
			}
		}

	}

	/**
	 * Keeps the status, the headers and the first bytes of the body; the rest of the body is read and dropped, so
	 * the connection stays reusable and memory stays small whatever the endpoint sends.
	 */
	private static final class LimitedResponseConsumer extends AbstractBinResponseConsumer<WebhookResponse> {

		private final int limit;

		private final ByteBuffer kept;

		private int status;

		private Map<String, String> headers;

		private Charset charset = StandardCharsets.UTF_8;

		LimitedResponseConsumer(int limit) {
			this.limit = limit;
			this.kept = ByteBuffer.allocate(limit);
		}

		@Override
		protected void start(HttpResponse response, ContentType contentType) {
			this.status = response.getCode();
			this.headers = new LinkedHashMap<>();
			for (Header header : response.getHeaders()) {
				this.headers.putIfAbsent(header.getName(), header.getValue());
			}
			if (contentType != null && contentType.getCharset() != null) {
				this.charset = contentType.getCharset();
			}
		}

		@Override
		protected int capacityIncrement() {
			return Math.max(this.limit, 8192);
		}

		@Override
		protected void data(ByteBuffer data, boolean endOfStream) throws IOException {
			int room = this.kept.remaining();
			if (room > 0 && data.hasRemaining()) {
				ByteBuffer slice = data.slice();
				if (slice.remaining() > room) {
					slice.limit(room);
				}
				this.kept.put(slice);
			}
			data.position(data.limit());
		}

		@Override
		protected WebhookResponse buildResult() {
			String body = new String(this.kept.array(), 0, this.kept.position(), this.charset);
			return new WebhookResponse(this.status, this.headers, body);
		}

		@Override
		public void releaseResources() {
		}

	}

}
