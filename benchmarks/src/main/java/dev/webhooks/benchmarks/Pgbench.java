package dev.webhooks.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The floors' way to {@code pgbench}: the starter's own tables (its {@code schema-postgresql.sql}, every index)
 * created in a benchmark's schema, and a custom script run there flat out, prepared, for a while, its
 * transactions per second read from pgbench's summary.
 */
public final class Pgbench {

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

	private Pgbench() {
	}

	/**
	 * Create the starter's tables, with the default table prefix, in the schema.
	 * @param schema the benchmark's schema
	 * @throws Exception when the script cannot be read or the server refuses
	 */
	public static void createStarterTables(PostgresBenchSchema schema) throws Exception {
		String script = new String(new ClassPathResource("dev/webhooks/store/schema-postgresql.sql").getContentAsByteArray(),
				StandardCharsets.UTF_8).replace("%TABLE_PREFIX%", "webhook_");
		try (Connection connection = DriverManager.getConnection(schema.url(), "postgres", "")) {
			ScriptUtils.executeSqlScript(connection, new ByteArrayResource(script.getBytes(StandardCharsets.UTF_8)));
		}
	}

	/**
	 * Run a script in the schema.
	 * @param schema where its tables are ({@code search_path})
	 * @param script the script, pgbench's syntax
	 * @param clients pgbench's clients (on two threads)
	 * @param duration how long it runs
	 * @param settings server settings of its sessions, such as {@code synchronous_commit=off}
	 * @return transactions (runs of the script) per second
	 * @throws Exception when pgbench cannot be run or fails
	 */
	public static double transactionsPerSecond(PostgresBenchSchema schema, String script, int clients,
			Duration duration, String... settings) throws Exception {
		Path directory = Files.createTempDirectory("pgbench");
		try {
			Path file = directory.resolve("script.sql");
			Files.writeString(file, script);
			ProcessBuilder builder = new ProcessBuilder("pgbench", "-n", "-M", "prepared", "-h", "127.0.0.1", "-U",
					"postgres", "-f", file.toString(), "-c", Integer.toString(clients), "-j", "2", "-T",
					Long.toString(duration.toSeconds()), "test")
				.directory(directory.toFile())
				.redirectErrorStream(true);
			List<String> options = new ArrayList<>(List.of("-c search_path=" + schema.name()));
			Stream.of(settings).map((setting) -> "-c " + setting).forEach(options::add);
			builder.environment().put("PGOPTIONS", String.join(" ", options));
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IllegalStateException("pgbench exited with " + process.exitValue() + ":\n" + output);
			}
			Matcher tps = TPS.matcher(output);
			if (!tps.find()) {
				throw new IllegalStateException("No tps in pgbench's output:\n" + output);
			}
			return Double.parseDouble(tps.group(1));
		}
		finally {
			try (Stream<Path> files = Files.walk(directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

}
