package dev.webhooks.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw loopback ceiling of the receiver: wrk POSTing a body of the same size, in the same run.
 */
final class WrkCeiling {

	private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private WrkCeiling() {
	}

	static double measure(int port, byte[] body, int connections, Duration duration)
			throws IOException, InterruptedException {
		Path script = Files.createTempFile("wrk-post", ".lua");
		String escaped = new String(body, StandardCharsets.UTF_8).replace("\\", "\\\\").replace("\"", "\\\"");
		Files.writeString(script, "wrk.method = \"POST\"\nwrk.body = \"" + escaped + "\"\n"
				+ "wrk.headers[\"Content-Type\"] = \"application/json\"\n");
		Process process = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
				"-s", script.toString(), "http://127.0.0.1:" + port + "/ceiling")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		Files.deleteIfExists(script);
		Matcher matcher = REQUESTS_PER_SECOND.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("wrk printed no Requests/sec:\n" + output);
		}
		return Double.parseDouble(matcher.group(1));
	}

}
