package dev.webhooks.benchmarks.modulith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.webhooks.benchmarks.LoopbackReceiver;

/**
 * The starter against what a Spring team would write instead ({@link ComparisonApplication}: Spring Modulith's JDBC
 * event publication registry, a transactional listener that signs by hand and POSTs with {@code RestClient}), with
 * the same receiver, the same PostgreSQL and the same load, in one run. Each side runs in a JVM of its own
 * ({@link ComparisonChild}, {@code -Xmx1g}):
 * <ol>
 * <li>throughput: the side publishes {@code bench.events} events from 16 threads; deliveries per second is that
 * count over the time from its first publish until the receiver has every id; the side reports its publish
 * p50/p99;</li>
 * <li>crash: a fresh schema, {@code bench.crash-events} events, SIGKILL once half of them are accepted (their
 * publish returned), a restart on the same schema, and then the distinct accepted ids the receiver got, until
 * none arrives for {@code bench.settle-seconds}.</li>
 * </ol>
 * Run it with {@code bash benchmarks/modulith.sh}; see docs/benchmarks.md.
 */
public final class ModulithComparison {

	private static final int EVENTS = Integer.getInteger("bench.events", 50_000);

	private static final int CRASH_EVENTS = Integer.getInteger("bench.crash-events", 20_000);

	private static final long SETTLE_SECONDS = Long.getLong("bench.settle-seconds", 20);

	/** How long the restarted side may take to deliver every accepted event (more than the starter's lease). */
	private static final long RECOVERY_SECONDS = Long.getLong("bench.recovery-seconds", 180);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);

	private ModulithComparison() {
	}

	public static void main(String[] args) throws Exception {
		String postgresUrl = System.getProperty("bench.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
		List<String> rows = new ArrayList<>();
		try (LoopbackReceiver receiver = new LoopbackReceiver(4)) {
			List<String[]> throughput = new ArrayList<>();
			// alternating, so that the machine's drift hits both sides alike
			for (int round = 0; round < ROUNDS; round++) {
				for (String side : List.of("ours", "modulith")) {
					throughput.add(new String[] { side, throughput(side, postgresUrl, receiver) });
				}
			}
			for (String side : List.of("ours", "modulith")) {
				String crash = crash(side, postgresUrl, receiver);
				List<String> runs = throughput.stream().filter((r) -> r[0].equals(side)).map((r) -> r[1]).toList();
				rows.add("| " + (side.equals("ours") ? "the starter" : "Spring Modulith JDBC registry + RestClient")
						+ " | " + String.join("; ", runs) + " | " + crash + " |");
			}
		}
		System.out.printf(Locale.ROOT, "%n%d events per throughput run, %d per crash run, 16 publishing threads%n%n",
				EVENTS, CRASH_EVENTS);
		System.out.println("| side | deliveries/s, publish p50 / p99 (each run) | SIGKILL mid stream: accepted, delivered "
				+ "(distinct), lost, duplicates |");
		System.out.println("|---|---|---|");
		rows.forEach(System.out::println);
		System.exit(0);
	}

	private static String throughput(String side, String postgresUrl, LoopbackReceiver receiver) throws Exception {
		String schema = createSchema(postgresUrl, side);
		try {
			receiver.reset();
			Child child = Child.start(side, schemaUrl(postgresUrl, schema), receiver.port(), EVENTS);
			try {
				child.started.await(5, TimeUnit.MINUTES);
				long start = System.nanoTime();
				long deadline = start + TimeUnit.MINUTES.toNanos(15);
				while (receiver.received() < EVENTS && System.nanoTime() < deadline) {
					Thread.sleep(5);
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				child.published.await(1, TimeUnit.MINUTES);
				String result = String.format(Locale.ROOT, "%.0f/s, %s ms", receiver.received() / seconds,
						child.latency);
				System.out.printf(Locale.ROOT, "%s: %d of %d delivered in %.1f s: %s%n", side, receiver.received(),
						EVENTS, seconds, result);
				return result;
			}
			finally {
				child.kill();
			}
		}
		finally {
			dropSchema(postgresUrl, schema);
		}
	}

	private static String crash(String side, String postgresUrl, LoopbackReceiver receiver) throws Exception {
		String schema = createSchema(postgresUrl, side);
		try {
			receiver.reset();
			String url = schemaUrl(postgresUrl, schema);
			Child first = Child.start(side, url, receiver.port(), CRASH_EVENTS);
			first.started.await(5, TimeUnit.MINUTES);
			while (first.accepted.size() < CRASH_EVENTS / 2 && first.process.isAlive()) {
				Thread.sleep(1);
			}
			first.kill();
			Set<String> accepted = Set.copyOf(first.accepted);
			long receivedAtKill = receiver.received();
			System.out.printf(Locale.ROOT, "%s: SIGKILL with %d accepted, %d received; restarting%n", side,
					accepted.size(), receivedAtKill);
			Child second = Child.start(side, url, receiver.port(), 0);
			try {
				second.started.await(5, TimeUnit.MINUTES);
				// until every accepted id has arrived, or the time is up: the starter's rows leased by the killed
				// instance come due again only when their lease (webhooks.delivery.lease, 60 s) has run out
				long restarted = System.nanoTime();
				long deadline = restarted + TimeUnit.SECONDS.toNanos(RECOVERY_SECONDS);
				while (accepted.stream().anyMatch((id) -> receiver.arrival(id) == null) && System.nanoTime() < deadline) {
					Thread.sleep(500);
				}
				System.out.printf(Locale.ROOT, "%s: %.0f s after the restart began%n", side,
						(System.nanoTime() - restarted) / 1e9);
				// then until nothing more arrives for a while, to count the duplicates
				long last = receiver.requests();
				long quietSince = System.nanoTime();
				while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(SETTLE_SECONDS)) {
					Thread.sleep(500);
					if (receiver.requests() != last) {
						last = receiver.requests();
						quietSince = System.nanoTime();
					}
				}
			}
			finally {
				second.kill();
			}
			long delivered = accepted.stream().filter((id) -> receiver.arrival(id) != null).count();
			long duplicates = receiver.requests() - receiver.received();
			String result = String.format(Locale.ROOT, "%d accepted, %d delivered, **%d lost**, %d duplicates",
					accepted.size(), delivered, accepted.size() - delivered, duplicates);
			System.out.println(side + ": " + result);
			return result;
		}
		finally {
			dropSchema(postgresUrl, schema);
		}
	}

	private static String createSchema(String url, String side) throws Exception {
		String schema = "webhooks_cmp_" + side + "_" + System.currentTimeMillis();
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		return schema;
	}

	private static String schemaUrl(String url, String schema) {
		return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	private static void dropSchema(String url, String schema) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA " + schema + " CASCADE");
		}
	}

	/** A side's JVM, whose output says when it started, what it accepted and how fast it published. */
	private static final class Child {

		final Process process;

		final Set<String> accepted = ConcurrentHashMap.newKeySet();

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch published = new CountDownLatch(1);

		volatile String latency = "?";

		private Child(Process process) {
			this.process = process;
			Thread reader = new Thread(this::read, "child-output");
			reader.setDaemon(true);
			reader.start();
		}

		static Child start(String side, String url, int receiverPort, int events) throws Exception {
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			return new Child(new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
					ComparisonChild.class.getName(), side, url, Integer.toString(receiverPort), Integer.toString(events))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start());
		}

		private void read() {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("A ")) {
						this.accepted.add(line.substring(2));
					}
					else if (line.equals("STARTED")) {
						this.started.countDown();
					}
					else if (line.startsWith("PUBLISHED ")) {
						String[] fields = line.split(" ");
						this.latency = fields[3] + " / " + fields[5];
						this.published.countDown();
					}
					else {
						System.out.println("  [child] " + line);
					}
				}
			}
			catch (Exception ex) {
				// the process was killed
			}
		}

		/** SIGKILL on Linux: no shutdown hook runs, as in a crash. */
		void kill() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor(30, TimeUnit.SECONDS);
		}

	}

}
