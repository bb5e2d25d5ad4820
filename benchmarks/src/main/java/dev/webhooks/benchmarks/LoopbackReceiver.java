package dev.webhooks.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The minimal receiver both measurements hit: reads the body, answers 204. On {@code /hook} it records when each
 * {@code webhook-id} arrived, for the publish-to-delivered latency; {@code /ceiling} is what wrk loads.
 */
public final class LoopbackReceiver implements AutoCloseable {

	/** The names of the receiver's threads: its executor's begin with this, the JDK server's own is HTTP-Dispatcher. */
	static final String THREAD_PREFIX = "receiver-";

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong requests = new AtomicLong();

	public LoopbackReceiver(int threads) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		AtomicInteger count = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(threads,
				(task) -> new Thread(task, THREAD_PREFIX + count.incrementAndGet()));
		this.server.setExecutor(this.executor);
		this.server.createContext("/hook", this::hook);
		this.server.createContext("/ceiling", exchange -> answer(exchange));
		this.server.start();
	}

	/**
	 * Whether a thread, by its name, is the receiver's.
	 * @param name the thread's name
	 * @return whether it serves the receiver
	 */
	static boolean isReceiverThread(String name) {
		return name.startsWith(THREAD_PREFIX) || name.equals("HTTP-Dispatcher");
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	private void hook(HttpExchange exchange) throws IOException {
		long now = System.nanoTime();
		String id = exchange.getRequestHeaders().getFirst("webhook-id");
		answer(exchange);
		this.requests.incrementAndGet();
		if (id != null && this.arrivals.putIfAbsent(id, now) == null) {
			this.received.incrementAndGet();
		}
	}

	private static void answer(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			body.transferTo(OutputStreams.NULL);
		}
		exchange.sendResponseHeaders(204, -1);
		exchange.close();
	}

	/** Distinct webhook ids received on {@code /hook}. */
	public long received() {
		return this.received.get();
	}

	/** Every request on {@code /hook}, duplicates included. */
	public long requests() {
		return this.requests.get();
	}

	/** When the given webhook id first arrived ({@link System#nanoTime()}), or {@code null}. */
	public Long arrival(String id) {
		return this.arrivals.get(id);
	}

	public void reset() {
		this.arrivals.clear();
		this.received.set(0);
		this.requests.set(0);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private static final class OutputStreams {

		static final java.io.OutputStream NULL = java.io.OutputStream.nullOutputStream();

	}

}
