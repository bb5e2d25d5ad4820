package dev.webhooks.benchmarks.receiving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One wrk run of the receiving benchmark: {@code signed-pool.lua} POSTing the body with the next signed entry of
 * a {@link SignedRequestPool} per request, and what wrk reported.
 * @param requestsPerSecond wrk's {@code Requests/sec}
 * @param requests the requests completed
 * @param failed the responses that were not 2xx, plus socket errors
 * @param wrapped how often a thread ran out of its pool and repeated ids
 * @param p50Millis the median latency
 * @param p99Millis the 99th percentile of latency
 */
record WrkRun(double requestsPerSecond, long requests, long failed, long wrapped, double p50Millis,
		double p99Millis) {

	static final int THREADS = 2;

	static final int CONNECTIONS = 32;

	private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final Pattern WRAPPED = Pattern.compile("pool wrapped: (\\d+)");

	private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)");

	private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

	static WrkRun run(String url, SignedRequestPool pool, Path bodyFile, Duration duration)
			throws IOException, InterruptedException {
		Path script = Files.createTempFile("signed-pool", ".lua");
		try (InputStream in = WrkRun.class.getResourceAsStream("/receiving/signed-pool.lua")) {
			Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
		}
		Process process = new ProcessBuilder("wrk", "-t" + THREADS, "-c" + CONNECTIONS,
				"-d" + duration.toSeconds() + "s", "--latency", "-s", script.toString(), url, "--", pool.prefix(),
				bodyFile.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		Files.deleteIfExists(script);
		Matcher rate = RATE.matcher(output);
		if (exit != 0 || !rate.find()) {
			throw new IllegalStateException("wrk failed (exit " + exit + "):\n" + output);
		}
		long failed = count(NON_2XX, output);
		Matcher socket = SOCKET_ERRORS.matcher(output);
		if (socket.find()) {
			for (int group = 1; group <= 4; group++) {
				failed += Long.parseLong(socket.group(group));
			}
		}
		return new WrkRun(Double.parseDouble(rate.group(1)), count(REQUESTS, output), failed,
				count(WRAPPED, output), millis(P50, output), millis(P99, output));
	}

	private static long count(Pattern pattern, String output) {
		Matcher matcher = pattern.matcher(output);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
	}

	private static double millis(Pattern pattern, String output) {
		Matcher matcher = pattern.matcher(output);
		if (!matcher.find()) {
			return Double.NaN;
		}
		double value = Double.parseDouble(matcher.group(1));
		return switch (matcher.group(2)) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

}
