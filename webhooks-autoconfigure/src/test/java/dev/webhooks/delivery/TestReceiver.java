package dev.webhooks.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on 127.0.0.1 for the delivery tests: records every request and answers with what the
 * test's {@link Responder} says for the request's number (1 for the first).
 */
public final class TestReceiver implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Received> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger count = new AtomicInteger();

	private TestReceiver(Responder responder) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> handle(exchange, responder));
		this.server.start();
	}

	public static TestReceiver start(Responder responder) throws IOException {
		return new TestReceiver(responder);
	}

	/** Answers {@code statuses[n]} to the n-th request, the last one to every request after. */
	public static TestReceiver answering(int... statuses) throws IOException {
		return start((number, exchange) -> reply(exchange,
				statuses[Math.min(number, statuses.length) - 1], Map.of(), ""));
	}

	public String url() {
		return url("/hook");
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public List<Received> requests() {
		return new ArrayList<>(this.requests);
	}

	public int count() {
		return this.requests.size();
	}

	private void handle(HttpExchange exchange, Responder responder) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readAllBytes();
			Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
					values.get(0)));
			int number = this.count.incrementAndGet();
			this.requests.add(new Received(number, exchange.getRequestURI().getPath(), headers, body, Instant.now()));
			responder.respond(number, exchange);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			exchange.close();
		}
	}

	public static void reply(HttpExchange exchange, int status, Map<String, String> headers, String body)
			throws IOException {
		headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@FunctionalInterface
	public interface Responder {

		void respond(int number, HttpExchange exchange) throws IOException, InterruptedException;

	}

	public record Received(int number, String path, Map<String, String> headers, byte[] body, Instant at) {

		public String header(String name) {
			return this.headers.get(name);
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
