package dev.webhooks.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.RouteInfo.LayerType;
import org.apache.hc.client5.http.RouteInfo.TunnelType;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
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
 * <p>
 * With an {@link EgressProxy}, the endpoint's host is resolved here, through that resolver (so the guard checks it
 * before anything leaves), and the request is tunnelled with {@code CONNECT <checked address>:<port>}: the proxy
 * never resolves the name itself, so a DNS answer that changes between the check and the proxy's own lookup cannot
 * redirect the request. TLS inside the tunnel keeps the host name for SNI and certificate verification, and the
 * {@code Host} header keeps it too. Plain {@code http} endpoints are tunnelled the same way.
 * <p>
 * A request that names an SSL bundle (the endpoint's {@code ssl_bundle}, or the transport's default) goes through
 * a client of that bundle: its own connection pool and TLS context, whose key presents the client certificate to
 * receivers that require one (mTLS). Pools are never shared between bundles, so a connection authenticated with
 * one bundle's certificate cannot carry another endpoint's request. Each bundle's client has its own I/O threads
 * and connection limits.
 */
public class HttpClient5WebhookTransport implements WebhookTransport, DisposableBean {

	private static final Log logger = LogFactory.getLog(HttpClient5WebhookTransport.class);

	private final CloseableHttpAsyncClient client;

	private volatile boolean closing;

	private final Duration timeout;

	private final int responseBodyLimit;

	private final DnsResolver dnsResolver;

	private final EgressProxy proxy;

	private final Settings settings;

	private final Function<String, SSLContext> sslContexts;

	private final String defaultSslBundle;

	private final Map<String, CloseableHttpAsyncClient> bundleClients = new ConcurrentHashMap<>();

	/**
	 * Create and start a transport that connects to endpoints directly.
	 * @param settings the connection settings
	 * @param dnsResolver the resolver, or {@code null} for the system resolver
	 */
	public HttpClient5WebhookTransport(Settings settings, DnsResolver dnsResolver) {
		this(settings, dnsResolver, null);
	}

	/**
	 * Create and start a transport.
	 * @param settings the connection settings
	 * @param dnsResolver the resolver of endpoint hosts, or {@code null} for the system resolver
	 * @param proxy the proxy every request is tunnelled through, or {@code null} to connect directly
	 */
	public HttpClient5WebhookTransport(Settings settings, DnsResolver dnsResolver, EgressProxy proxy) {
		this(settings, dnsResolver, proxy, null, null);
	}

	/**
	 * Create and start a transport.
	 * @param settings the connection settings
	 * @param dnsResolver the resolver of endpoint hosts, or {@code null} for the system resolver
	 * @param proxy the proxy every request is tunnelled through, or {@code null} to connect directly
	 * @param sslContexts the SSL context of a named SSL bundle (client key and certificate, trust material); it
	 * throws {@link IllegalArgumentException} for a name it does not know. {@code null} when no bundles exist
	 * @param defaultSslBundle the bundle for requests that name none, or {@code null} for the JDK's defaults
	 */
	public HttpClient5WebhookTransport(Settings settings, DnsResolver dnsResolver, EgressProxy proxy,
			Function<String, SSLContext> sslContexts, String defaultSslBundle) {
		this.settings = settings;
		this.timeout = settings.timeout();
		this.responseBodyLimit = settings.responseBodyLimit();
		this.dnsResolver = (dnsResolver != null) ? dnsResolver : SystemDefaultDnsResolver.INSTANCE;
		this.proxy = proxy;
		this.sslContexts = sslContexts;
		this.defaultSslBundle = defaultSslBundle;
		if (defaultSslBundle != null) {
			this.client = clientFor(defaultSslBundle);
		}
		else {
			this.client = newClient(null);
		}
	}

	/**
	 * The client of one SSL bundle: a connection manager (a pool) of its own, so a connection made with one
	 * bundle's client certificate is never reused for an endpoint of another bundle or of none.
	 */
	private CloseableHttpAsyncClient clientFor(String sslBundle) {
		return this.bundleClients.computeIfAbsent(sslBundle, (name) -> {
			if (this.sslContexts == null) {
				throw new IllegalArgumentException("No SSL bundles are configured, so ssl_bundle '" + name
						+ "' cannot be used");
			}
			synchronized (this.bundleClients) {
				if (this.closing) {
					throw new IllegalStateException("The transport is closing");
				}
				return newClient(this.sslContexts.apply(name));
			}
		});
	}

	private CloseableHttpAsyncClient newClient(SSLContext sslContext) {
		Settings settings = this.settings;
		PoolingAsyncClientConnectionManagerBuilder managerBuilder = PoolingAsyncClientConnectionManagerBuilder.create()
			.setDnsResolver((this.proxy != null) ? new ProxyHostResolver(this.proxy, this.dnsResolver) : this.dnsResolver)
			.setMaxConnPerRoute(settings.maxConnectionsPerRoute())
			.setMaxConnTotal(settings.maxConnectionsTotal())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(settings.connectTimeout()))
				.setSocketTimeout(Timeout.of(settings.timeout()))
				.build());
		if (sslContext != null) {
			managerBuilder.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildAsync());
		}
		PoolingAsyncClientConnectionManager connectionManager = managerBuilder.build();
		HttpAsyncClientBuilder builder = HttpAsyncClients.custom();
		EgressProxy proxy = this.proxy;
		if (proxy != null) {
			HttpHost proxyHost = new HttpHost("http", proxy.host(), proxy.port());
			builder.setRoutePlanner(new CheckedAddressRoutePlanner(proxyHost));
			if (proxy.authenticates()) {
				BasicCredentialsProvider credentials = new BasicCredentialsProvider();
				credentials.setCredentials(new AuthScope(proxyHost),
						new UsernamePasswordCredentials(proxy.username(), proxy.password().toCharArray()));
				builder.setDefaultCredentialsProvider(credentials);
			}
		}
		CloseableHttpAsyncClient client = builder
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
		client.start();
		return client;
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
		String sslBundle = (request.sslBundle() != null) ? request.sslBundle() : this.defaultSslBundle;
		CloseableHttpAsyncClient client;
		try {
			client = (sslBundle != null) ? clientFor(sslBundle) : this.client;
		}
		catch (RuntimeException ex) {
			result.completeExceptionally(new IllegalStateException("SSL bundle '" + sslBundle
					+ "' cannot be used: " + ex.getMessage(), ex));
			return result;
		}
		SentEntity entity = new SentEntity(
				AsyncEntityProducers.create(request.body(), ContentType.parse(contentType)));
		builder.setEntity(entity);
		AsyncRequestProducer producer = builder.build();
		HttpClientContext context = HttpClientContext.create();
		boolean proxied = this.proxy != null && this.proxy.appliesTo(request.url().getHost());
		if (this.proxy != null) {
			try {
				context.setAttribute(CHECKED_ADDRESS, checkedAddress(request.url()));
				context.setAttribute(PROXIED, proxied);
			}
			catch (UnknownHostException | RuntimeException ex) {
				// refused (or unknown) before the proxy is asked anything
				result.completeExceptionally(ex);
				return result;
			}
		}
		Future<WebhookResponse> exchange = client.execute(producer,
				new LimitedResponseConsumer(this.responseBodyLimit), context, new FutureCallback<>() {

					@Override
					public void completed(WebhookResponse response) {
						if (proxied && !entity.sent) {
							// a response before the body left is the proxy's own answer to CONNECT, not the endpoint's
							result.completeExceptionally(tunnelRefused(request, response.statusCode()));
						}
						else {
							result.complete(response);
						}
					}

					@Override
					public void failed(Exception ex) {
						result.completeExceptionally(tlsRefusal(request, sslBundle, ex));
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
	 * Names the likely reason when a TLS connection fails during or right after the handshake: under TLS 1.3 a
	 * receiver that requires a client certificate refuses a missing or untrusted one after the client's side of
	 * the handshake, so the client sees only the connection closing.
	 */
	private static Exception tlsRefusal(WebhookRequest request, String sslBundle, Exception ex) {
		if (!"https".equalsIgnoreCase(request.url().getScheme())
				|| !(ex instanceof SSLException || ex instanceof ConnectionClosedException
						|| (ex instanceof java.net.SocketException && !(ex instanceof java.net.ConnectException)
								&& !(ex instanceof java.net.NoRouteToHostException)))) {
			return ex;
		}
		String bundle = (sslBundle != null) ? "the client certificate of SSL bundle '" + sslBundle + "'"
				: "no client certificate (no SSL bundle)";
		return new TlsConnectionException("TLS connection to " + request.url().getHost() + " failed: "
				+ ex.getMessage() + "; sent " + bundle
				+ " (a receiver that requires client certificates closes or resets the connection when one is missing or untrusted)", ex);
	}

	/**
	 * Thrown when a TLS connection to an endpoint fails in or right after the handshake; the message says which
	 * client certificate, if any, was presented.
	 */
	public static class TlsConnectionException extends IOException {

		public TlsConnectionException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	private ProxyTunnelException tunnelRefused(WebhookRequest request, int status) {
		String hint = (status == 401 || status == 407) ? " (check webhooks.delivery.proxy.username and password)" : "";
		return new ProxyTunnelException("The egress proxy " + this.proxy.host() + ":" + this.proxy.port()
				+ " refused the tunnel to " + request.url().getHost() + " with " + status + hint);
	}

	private InetAddress checkedAddress(URI url) throws UnknownHostException {
		String host = url.getHost();
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		InetAddress[] addresses = this.dnsResolver.resolve(host);
		if (addresses == null || addresses.length == 0) {
			throw new UnknownHostException(host + " has no address");
		}
		return addresses[0];
	}

	/**
	 * Close the client at once. Waiting for requests in flight is the caller's decision (the dispatcher waits up to
	 * its shutdown timeout before the transport is destroyed); a graceful close would wait again, up to five
	 * seconds, for a request that hangs, and delay the application's shutdown past that timeout. An aborted
	 * delivery stays leased and is sent again after a restart.
	 */
	@Override
	public void destroy() {
		synchronized (this.bundleClients) {
			this.closing = true;
		}
		this.client.close(CloseMode.IMMEDIATE);
		this.bundleClients.values().forEach((client) -> client.close(CloseMode.IMMEDIATE));
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

	private static final String CHECKED_ADDRESS = HttpClient5WebhookTransport.class.getName() + ".checkedAddress";

	private static final String PROXIED = HttpClient5WebhookTransport.class.getName() + ".proxied";

	/**
	 * Thrown when the egress proxy refuses to open a tunnel to an endpoint; the message never holds the proxy's
	 * credentials.
	 */
	public static class ProxyTunnelException extends IOException {

		public ProxyTunnelException(String message) {
			super(message);
		}

	}

	/**
	 * The request body, noting whether it was written to a connection: through a proxy, a response to a request
	 * whose body never left came from the proxy refusing the tunnel.
	 */
	private static final class SentEntity implements AsyncEntityProducer {

		private final AsyncEntityProducer delegate;

		private volatile boolean sent;

		SentEntity(AsyncEntityProducer delegate) {
			this.delegate = delegate;
		}

		@Override
		public void produce(DataStreamChannel channel) throws IOException {
			this.sent = true;
			this.delegate.produce(channel);
		}

		@Override
		public boolean isRepeatable() {
			return this.delegate.isRepeatable();
		}

		@Override
		public void failed(Exception cause) {
			this.delegate.failed(cause);
		}

		@Override
		public int available() {
			return this.delegate.available();
		}

		@Override
		public void releaseResources() {
			this.delegate.releaseResources();
		}

		@Override
		public long getContentLength() {
			return this.delegate.getContentLength();
		}

		@Override
		public String getContentType() {
			return this.delegate.getContentType();
		}

		@Override
		public String getContentEncoding() {
			return this.delegate.getContentEncoding();
		}

		@Override
		public boolean isChunked() {
			return this.delegate.isChunked();
		}

		@Override
		public java.util.Set<String> getTrailerNames() {
			return this.delegate.getTrailerNames();
		}

	}

	/**
	 * Routes a request to the endpoint address the URL guard checked: through a {@code CONNECT} tunnel to that
	 * address, or directly to it for non-proxy hosts. The endpoint's name stays the route's target name, for TLS
	 * (SNI, certificate verification), and pooled connections are kept apart per address and name.
	 */
	private static final class CheckedAddressRoutePlanner implements HttpRoutePlanner {

		private final HttpHost proxyHost;

		CheckedAddressRoutePlanner(HttpHost proxyHost) {
			this.proxyHost = proxyHost;
		}

		@Override
		public HttpRoute determineRoute(HttpHost target, HttpContext context) {
			int port = DefaultSchemePortResolver.INSTANCE.resolve(target.getSchemeName(), target);
			HttpHost named = new HttpHost(target.getSchemeName(), target.getHostName(), port);
			boolean secure = "https".equalsIgnoreCase(target.getSchemeName());
			Object checked = (context != null) ? context.getAttribute(CHECKED_ADDRESS) : null;
			if (!(checked instanceof InetAddress address)) {
				return new HttpRoute(named, null, secure);
			}
			HttpHost checkedTarget = new HttpHost(target.getSchemeName(), address, address.getHostAddress(), port);
			if (!Boolean.TRUE.equals(context.getAttribute(PROXIED))) {
				return new HttpRoute(checkedTarget, named, null, secure);
			}
			return new HttpRoute(checkedTarget, named, null, new HttpHost[] { this.proxyHost }, secure,
					TunnelType.TUNNELLED, secure ? LayerType.LAYERED : LayerType.PLAIN);
		}

	}

	/**
	 * The connection manager's resolver when a proxy is set: the proxy's own host is resolved without the URL
	 * guard (a proxy usually sits on an internal address); endpoint addresses, already checked, pass the guard
	 * again as address literals.
	 */
	private static final class ProxyHostResolver implements DnsResolver {

		private final EgressProxy proxy;

		private final DnsResolver guarded;

		ProxyHostResolver(EgressProxy proxy, DnsResolver guarded) {
			this.proxy = proxy;
			this.guarded = guarded;
		}

		private DnsResolver resolverFor(String host) {
			return host.equalsIgnoreCase(this.proxy.host()) ? SystemDefaultDnsResolver.INSTANCE : this.guarded;
		}

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			return resolverFor(host).resolve(host);
		}

		@Override
		public java.util.List<java.net.InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
			return resolverFor(host).resolve(host, port);
		}

		@Override
		public String resolveCanonicalHostname(String host) throws UnknownHostException {
			return resolverFor(host).resolveCanonicalHostname(host);
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
