package dev.webhooks.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.webhooks.delivery.HttpClient5WebhookTransport;
import dev.webhooks.delivery.WebhookRequest;
import dev.webhooks.delivery.WebhooksVersion;

import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP floor of the delivery benchmark: how many POSTs per second an Apache HttpClient 5 async client gets
 * through to the same {@link LoopbackReceiver} on this machine, with nothing else to do (no database, no signing, no
 * dispatcher). It sends the engine's request (the same body size, the same Standard Webhooks headers, pre-computed,
 * a distinct {@code webhook-id} each, to {@code /hook} so the receiver does the same work) from a fixed number of
 * requests in flight, each sending the next as soon as its response is in (a closed loop, as the dispatcher keeps
 * an endpoint's in-flight slots full).
 * <p>
 * Two senders: the bare client, built with the engine's client settings (the same I/O thread count, pool limits,
 * timeouts, no redirects, retries, cookies or compression), which is the most any HttpClient-5-based engine can
 * deliver here; and the starter's own {@link HttpClient5WebhookTransport} with pre-signed requests, which splits
 * the gap between the floor and the engine into the transport's share and the rest of the engine's.
 */
final class HttpClientFloor implements AutoCloseable {

	private final URI url;

	private final byte[] body;

	private final HttpClient5WebhookTransport.Settings settings;

	private final CloseableHttpAsyncClient bareClient;

	private final HttpClient5WebhookTransport transport;

	private final AtomicLong ids = new AtomicLong();

	/**
	 * @param port the receiver's port
	 * @param body the body of every request (an envelope's size)
	 * @param settings the engine's client settings
	 */
	HttpClientFloor(int port, byte[] body, HttpClient5WebhookTransport.Settings settings) {
		this.url = URI.create("http://127.0.0.1:" + port + "/hook");
		this.body = body;
		this.settings = settings;
		this.bareClient = bareClient(settings);
		this.transport = new HttpClient5WebhookTransport(settings, null);
	}

	/**
	 * The same client configuration as {@link HttpClient5WebhookTransport}'s ({@code newClient}), without the
	 * starter around it. Written out here rather than shared, so that the floor is a plain HttpClient 5 client a
	 * reader can check against the library's documentation; a change of the transport's settings is to be made here
	 * too (duplicates --change lists the pair).
	 */
	private static CloseableHttpAsyncClient bareClient(HttpClient5WebhookTransport.Settings settings) {
		CloseableHttpAsyncClient client = HttpAsyncClients.custom()
			.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
				.setMaxConnPerRoute(settings.maxConnectionsPerRoute())
				.setMaxConnTotal(settings.maxConnectionsTotal())
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(settings.connectTimeout()))
					.setSocketTimeout(Timeout.of(settings.timeout()))
					.build())
				.build())
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
			.disableContentCompression()
			.build();
		client.start();
		return client;
	}

	/**
	 * Requests per second of the bare client.
	 * @param inFlight requests in flight at any time
	 * @param duration how long to send
	 * @return completed requests per second
	 */
	double bare(int inFlight, Duration duration) throws InterruptedException {
		return closedLoop(inFlight, duration, this::sendBare);
	}

	/**
	 * Requests per second of the starter's transport, requests signed beforehand.
	 * @param inFlight requests in flight at any time
	 * @param duration how long to send
	 * @return completed requests per second
	 */
	double transport(int inFlight, Duration duration) throws InterruptedException {
		return closedLoop(inFlight, duration, this::sendThroughTransport);
	}

	/** The headers the engine sends, its signature computed once: the floor neither signs nor formats time. */
	private Map<String, String> headers(String id) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("user-agent", WebhooksVersion.userAgent());
		headers.put("content-type", "application/json");
		headers.put("webhook-id", id);
		headers.put("webhook-timestamp", "1764600000");
		headers.put("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
		return headers;
	}

	private CompletableFuture<?> sendBare(String id) {
		AsyncRequestBuilder builder = AsyncRequestBuilder.post(this.url);
		headers(id).forEach((name, value) -> {
			if (!name.equals("content-type")) {
				builder.addHeader(name, value);
			}
		});
		builder.setEntity(AsyncEntityProducers.create(this.body, ContentType.APPLICATION_JSON));
		AsyncRequestProducer producer = builder.build();
		CompletableFuture<Integer> result = new CompletableFuture<>();
		this.bareClient.execute(producer, new StatusConsumer(), new FutureCallback<>() {

			@Override
			public void completed(Integer status) {
				result.complete(status);
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
		return result;
	}

	private CompletableFuture<?> sendThroughTransport(String id) {
		return this.transport.send(new WebhookRequest(this.url, headers(id), this.body));
	}

	/**
	 * {@code inFlight} loops, each sending its next request when the previous one's response is in, until the
	 * time is up; the rate counts the responses that came back in that time.
	 */
	private double closedLoop(int inFlight, Duration duration, Sender sender) throws InterruptedException {
		AtomicLong completed = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		CpuMeter.Sample before = this.cpu.sample();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		CountDownLatch loops = new CountDownLatch(inFlight);
		for (int i = 0; i < inFlight; i++) {
			new Loop(sender, end, completed, failed, loops).next();
		}
		if (!loops.await(duration.toSeconds() + this.settings.timeout().toSeconds() + 5, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The floor's requests did not finish");
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		CpuMeter.Sample after = this.cpu.sample();
		if (failed.get() > 0) {
			throw new IllegalStateException(failed.get() + " of the floor's requests failed");
		}
		System.out.printf(Locale.ROOT, "  %d in flight, %.0f requests/s; %s%n", inFlight, completed.get() / seconds,
				before.perDelivery(after, completed.get(), seconds).replace("engine's JVM", "client's JVM"));
		return completed.get() / seconds;
	}

	/** The CPU the client and the receiver take per request, printed with each run. */
	private final CpuMeter cpu = new CpuMeter(LoopbackReceiver::isReceiverThread, null, () -> 0);

	@Override
	public void close() {
		this.bareClient.close(CloseMode.GRACEFUL);
		this.transport.destroy();
	}

	@FunctionalInterface
	private interface Sender {

		CompletableFuture<?> send(String id);

	}

	/** One request in flight, sending the next on the thread its response arrived on. */
	private final class Loop {

		private final Sender sender;

		private final long end;

		private final AtomicLong completed;

		private final AtomicLong failed;

		private final CountDownLatch done;

		Loop(Sender sender, long end, AtomicLong completed, AtomicLong failed, CountDownLatch done) {
			this.sender = sender;
			this.end = end;
			this.completed = completed;
			this.failed = failed;
			this.done = done;
		}

		void next() {
			if (System.nanoTime() >= this.end) {
				this.done.countDown();
				return;
			}
			this.sender.send("msg_floor_" + HttpClientFloor.this.ids.incrementAndGet()).whenComplete((result, ex) -> {
				if (ex != null) {
					this.failed.incrementAndGet();
					this.done.countDown();
					return;
				}
				this.completed.incrementAndGet();
				next();
			});
		}

	}

	/** Keeps the status only and drops the body, the least a client can do with a response. */
	private static final class StatusConsumer extends AbstractBinResponseConsumer<Integer> {

		private int status;

		@Override
		protected void start(HttpResponse response, ContentType contentType) {
			this.status = response.getCode();
		}

		@Override
		protected int capacityIncrement() {
			return 8192;
		}

		@Override
		protected void data(ByteBuffer data, boolean endOfStream) throws IOException {
			data.position(data.limit());
		}

		@Override
		protected Integer buildResult() {
			return this.status;
		}

		@Override
		public void releaseResources() {
		}

	}

}
