package dev.webhooks.sample.crash;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver on loopback that answers 204 and records each delivery: its {@code webhook-id} and, for
 * {@code migration.created}, the migration's id.
 */
final class RecordingReceiver implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Set<String> migrations = ConcurrentHashMap.newKeySet();

	private final Set<String> webhookIds = ConcurrentHashMap.newKeySet();

	private final AtomicInteger deliveries = new AtomicInteger();

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final HttpServer server;

	RecordingReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		this.server.createContext("/hook", this::receive);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			JsonNode event = json.readTree(body.readAllBytes());
			this.deliveries.incrementAndGet();
			this.webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
			if ("migration.created".equals(event.path("type").stringValue())) {
				this.migrations.add(event.path("data").path("object").path("id").stringValue());
			}
			exchange.sendResponseHeaders(204, -1);
		}
	}

	Set<String> missing(Set<String> accepted) {
		return accepted.stream().filter((id) -> !this.migrations.contains(id)).collect(Collectors.toSet());
	}

	/** Migrations delivered that the client never saw accepted: committed, then killed before the answer. */
	int extra(Set<String> accepted) {
		return (int) this.migrations.stream().filter((id) -> !accepted.contains(id)).count();
	}

	int distinctMigrations() {
		return this.migrations.size();
	}

	int deliveries() {
		return this.deliveries.get();
	}

	int duplicates() {
		return this.deliveries.get() - this.webhookIds.size();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
