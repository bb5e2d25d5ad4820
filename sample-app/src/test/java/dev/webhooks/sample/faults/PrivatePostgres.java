package dev.webhooks.sample.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL cluster of the test's own (never the shared one on port 5432, which other tests use): {@code initdb}
 * into a temporary directory as the {@code postgres} user ({@code runuser -u postgres --} when the test runs as
 * root), {@code pg_ctl} on a free port of loopback with its unix socket in that directory. It can be stopped the
 * hard way (immediate mode: no checkpoint, crash recovery at the next start) and started again on the same port.
 * When the binaries under {@code /usr/lib/postgresql/<version>/bin} are missing the test is skipped, or fails under
 * {@code CI=true}.
 */
final class PrivatePostgres implements AutoCloseable {

	private final Path bin;

	private final Path directory;

	private final int port;

	private final boolean root;

	private PrivatePostgres(Path bin, Path directory, int port, boolean root) {
		this.bin = bin;
		this.directory = directory;
		this.port = port;
		this.root = root;
	}

	static PrivatePostgres start() throws Exception {
		Path bin = findBin();
		if (bin == null) {
			String reason = "no initdb and pg_ctl under /usr/lib/postgresql/*/bin";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("A private PostgreSQL is required under CI=true: " + reason);
			}
			Assumptions.abort(reason);
		}
		boolean root = "root".equals(System.getProperty("user.name"));
		Path directory = Files.createTempDirectory("webhooks-faults-pg-");
		PrivatePostgres postgres = new PrivatePostgres(bin, directory, SampleProcess.freePort(), root);
		if (root) {
			run(List.of("chown", "postgres", directory.toString()));
		}
		postgres.pg(List.of(bin.resolve("initdb").toString(), "-D", postgres.data(), "-U", "postgres", "-A", "trust",
				"--no-sync"));
		postgres.startAgain();
		return postgres;
	}

	/** The JDBC URL of its {@code postgres} database. */
	String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/** Start the server (again), and wait until it accepts connections. */
	void startAgain() throws Exception {
		pg(List.of(this.bin.resolve("pg_ctl").toString(), "-D", data(), "-l", this.directory.resolve("log").toString(),
				"-o", "-p " + this.port + " -k " + this.directory + " -c listen_addresses=127.0.0.1", "-w", "-t", "120",
				"start"));
	}

	/** Stop the server at once: connections are cut, nothing is checkpointed, the next start recovers from WAL. */
	void stopImmediately() throws Exception {
		pg(List.of(this.bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop"));
	}

	@Override
	public void close() throws Exception {
		try {
			pg(List.of(this.bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop"));
		}
		catch (IllegalStateException ex) {
			// already stopped
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	private String data() {
		return this.directory.resolve("data").toString();
	}

	private void pg(List<String> command) throws Exception {
		List<String> full = new ArrayList<>();
		if (this.root) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		run(full);
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
	}

	private static Path findBin() throws IOException {
		Path root = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(root)) {
			return null;
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
				.max(Comparator.comparing((Path bin) -> bin.getParent().getFileName().toString(),
						Comparator.comparingInt((String name) -> name.matches("\\d+") ? Integer.parseInt(name) : 0)))
				.orElse(null);
		}
	}

}
