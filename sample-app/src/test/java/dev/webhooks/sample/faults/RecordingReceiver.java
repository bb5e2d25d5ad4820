package dev.webhooks.sample.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
 * A webhook receiver on loopback that answers 204 and records each delivery: its {@code webhook-id} and how often
 * it came and, for {@code migration.created}, the migration's id and when it first arrived. It can refuse connections for a
 * while (its server socket closed, then opened again on the same port), and hold each request before answering,
 * so that a sender has requests in flight.
 */
final class RecordingReceiver implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Set<String> migrations = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicInteger> webhookIds = new ConcurrentHashMap<>();

	private final Map<String, Instant> migrationFirstSeen = new ConcurrentHashMap<>();

	private final AtomicInteger deliveries = new AtomicInteger();

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	private final ExecutorService executor = Executors.newFixedThreadPool(64);

	private final int port;

	private volatile Duration hold = Duration.ZERO;

	private volatile HttpServer server;

	RecordingReceiver() throws IOException {
		this(0);
	}

	private RecordingReceiver(int port) throws IOException {
		this.server = open(port);
		this.port = this.server.getAddress().getPort();
	}

	private HttpServer open(int port) throws IOException {
		HttpServer opened = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
		opened.createContext("/hook", this::receive);
		opened.setExecutor(this.executor);
		opened.start();
		return opened;
	}

	String url() {
		return "http://127.0.0.1:" + this.port + "/hook";
	}

	/** Hold every request this long before answering it. */
	void hold(Duration hold) {
		this.hold = hold;
	}

	/** Close the server socket: connections are refused until {@link #acceptConnections()}. */
	void refuseConnections() {
		this.server.stop(0);
	}

	/** Open the server socket again, on the same port. */
	void acceptConnections() throws IOException {
		this.server = open(this.port);
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			JsonNode event = json.readTree(body.readAllBytes());
			String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
			boolean created = "migration.created".equals(event.path("type").stringValue());
			String migration = created ? event.path("data").path("object").path("id").stringValue() : null;
			if (created) {
				this.migrationFirstSeen.putIfAbsent(migration, Instant.now());
			}
			this.inFlight.add(webhookId);
			try {
				if (!this.hold.isZero()) {
					Thread.sleep(this.hold.toMillis());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.inFlight.remove(webhookId);
			}
			this.deliveries.incrementAndGet();
			this.webhookIds.computeIfAbsent(webhookId, (id) -> new AtomicInteger()).incrementAndGet();
			if (created) {
				this.migrations.add(migration);
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

	/**
	 * When the migration's {@code migration.created} first arrived (the request came in; it is answered after the
	 * hold), or {@code null}.
	 */
	Instant firstDelivered(String migration) {
		return this.migrationFirstSeen.get(migration);
	}

	/** The {@code webhook-id}s of the requests being held right now. */
	Set<String> inFlight() {
		return Set.copyOf(this.inFlight);
	}

	/** How often a {@code webhook-id} was delivered (answered, whether or not the sender was still there). */
	int deliveriesOf(String webhookId) {
		AtomicInteger count = this.webhookIds.get(webhookId);
		return (count != null) ? count.get() : 0;
	}

	/** The {@code webhook-id}s delivered more than once. */
	Set<String> delivered2xOrMore() {
		return this.webhookIds.entrySet().stream().filter((entry) -> entry.getValue().get() > 1)
			.map(Map.Entry::getKey).collect(Collectors.toSet());
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
