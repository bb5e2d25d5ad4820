package dev.webhooks.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CPU time a window of the delivery benchmark cost, per delivery: the receiver's threads, the rest of the
 * benchmark's JVM (the engine: publishing, dispatching, the HTTP client, the outcome writer, and the JVM's own
 * garbage collection and compilation) and, on PostgreSQL, the database backends of the engine's connections.
 * <p>
 * Unlike a rate, CPU time per delivery hardly moves when something else runs on the machine, so two builds can
 * be compared on a loaded machine; and it says which part of a run's two cores each side took.
 */
final class CpuMeter {

	/** The {@code application_name} of the engine's PostgreSQL connections, by which their backends are found. */
	static final String APPLICATION_NAME = "webhooks-benchmark";

	/** Linux's clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}). */
	private static final long TICKS_PER_SECOND = 100;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final Predicate<String> receiverThread;

	private final JdbcTemplate postgres;

	private final LongSupplier publishersNanos;

	/**
	 * @param receiverThread which threads, by name, are the receiver's
	 * @param postgres the engine's data source on PostgreSQL, or {@code null} on H2
	 * @param publishersNanos the CPU time of publishing threads that end before a sample could read them
	 */
	CpuMeter(Predicate<String> receiverThread, DataSource postgres, LongSupplier publishersNanos) {
		this.publishersNanos = publishersNanos;
		this.receiverThread = receiverThread;
		this.postgres = (postgres != null) ? new JdbcTemplate(postgres) : null;
	}

	Sample sample() {
		long receiver = 0;
		Map<String, Long> byKind = new TreeMap<>();
		for (ThreadInfo info : this.threads.getThreadInfo(this.threads.getAllThreadIds())) {
			if (info == null) {
				continue;
			}
			long cpu = Math.max(0, this.threads.getThreadCpuTime(info.getThreadId()));
			if (this.receiverThread.test(info.getThreadName())) {
				receiver += cpu;
			}
			else {
				byKind.merge(kind(info.getThreadName()), cpu, Long::sum);
			}
		}
		long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
		byKind.put("publishers", this.publishersNanos.getAsLong());
		return new Sample(process, receiver, (this.postgres != null) ? backendsCpuNanos() : 0, byKind);
	}

	/** A thread's name without its number: the threads of one pool together. */
	private static String kind(String name) {
		return name.replaceAll("[0-9]+", "#");
	}

	private long backendsCpuNanos() {
		List<Integer> pids = this.postgres.queryForList(
				"SELECT pid FROM pg_stat_activity WHERE application_name = ?", Integer.class, APPLICATION_NAME);
		long ticks = 0;
		for (int pid : pids) {
			try {
				String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
				// the fields after the command, which is in parentheses and may hold spaces
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				// utime and stime, fields 14 and 15 of the whole line
				ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			}
			catch (IOException | RuntimeException ex) {
				// a backend that ended meanwhile (the pool replaced a connection): its time is not counted
			}
		}
		return ticks * 1_000_000_000L / TICKS_PER_SECOND;
	}

	/**
	 * CPU time used so far.
	 *
	 * @param processNanos the whole JVM
	 * @param receiverNanos the receiver's threads
	 * @param postgresNanos the engine's PostgreSQL backends
	 */
	record Sample(long processNanos, long receiverNanos, long postgresNanos, Map<String, Long> threadNanos) {

		/**
		 * The engine's JVM CPU per delivery by thread kind, the largest first; "JVM's own" is what no Java thread
		 * accounts for (garbage collection, the compilers), and threads that ended within the window are missing.
		 */
		String engineThreads(Sample end, long deliveries) {
			Map<String, Long> delta = new TreeMap<>();
			long threads = 0;
			for (Map.Entry<String, Long> entry : end.threadNanos.entrySet()) {
				long used = entry.getValue() - this.threadNanos.getOrDefault(entry.getKey(), 0L);
				delta.put(entry.getKey(), used);
				threads += used;
			}
			delta.put("JVM's own", end.processNanos - this.processNanos - (end.receiverNanos - this.receiverNanos)
					- threads);
			StringBuilder line = new StringBuilder("  engine's JVM by thread, µs per delivery:");
			delta.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() / 1e3 / deliveries >= 0.5)
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.forEach((entry) -> line.append(String.format(Locale.ROOT, " %s %.1f;", entry.getKey(),
						entry.getValue() / 1e3 / deliveries)));
			return line.toString();
		}

		/** What the window from this sample to {@code end} cost per delivery, as a line. */
		String perDelivery(Sample end, long deliveries, double seconds) {
			double receiver = (end.receiverNanos - this.receiverNanos) / 1e3 / deliveries;
			double engine = (end.processNanos - this.processNanos - (end.receiverNanos - this.receiverNanos)) / 1e3
					/ deliveries;
			double postgres = (end.postgresNanos - this.postgresNanos) / 1e3 / deliveries;
			return String.format(Locale.ROOT,
					"CPU per delivery: engine's JVM %.1f µs, PostgreSQL backends %.1f µs, receiver %.1f µs "
							+ "(together %.2f of %d cores busy)",
					engine, postgres, receiver, (engine + postgres + receiver) * deliveries / 1e6 / seconds,
					Runtime.getRuntime().availableProcessors());
		}

		double engineAndPostgresMicros(Sample end, long deliveries) {
			return (end.processNanos - this.processNanos - (end.receiverNanos - this.receiverNanos)
					+ end.postgresNanos - this.postgresNanos) / 1e3 / deliveries;
		}

	}

}
