package dev.webhooks.sample.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's jar ({@code sample.jar}, set by the build) running as a process of its own on the JDK of this JVM,
 * in a given working directory, with its one endpoint pointed at a receiver of the test's.
 */
final class SampleProcess {

	/** The endpoint secret of the sample's application.yml. */
	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private final Process process;

	private final int port;

	private final Path log;

	private SampleProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	static SampleProcess start(Path workingDirectory, String receiverUrl, String name) throws Exception {
		return start(workingDirectory, receiverUrl, name, List.of());
	}

	/**
	 * Start the jar and wait until it is healthy.
	 * @param workingDirectory its working directory (its default H2 database lives there)
	 * @param receiverUrl where its one endpoint, {@code sample-self}, delivers
	 * @param name the name of its log file
	 * @param args more command-line arguments, such as another {@code spring.datasource.url}
	 * @return the running sample
	 */
	static SampleProcess start(Path workingDirectory, String receiverUrl, String name, List<String> args)
			throws Exception {
		String jar = System.getProperty("sample.jar");
		assertThat(jar).as("sample.jar, set by the build (run with ./mvnw verify)").isNotNull();
		String java = ProcessHandle.current().info().command().orElse("java");
		int port = freePort();
		Path log = workingDirectory.resolve(name + ".log");
		// a list given on the command line replaces the configured one whole, so the endpoint is repeated in full
		List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-jar", jar, "--server.port=" + port,
				"--webhooks.endpoints[0].id=sample-self", "--webhooks.endpoints[0].url=" + receiverUrl,
				"--webhooks.endpoints[0].secrets[0]=" + SECRET, "--webhooks.endpoints[0].events[0]=migration.*",
				"--webhooks.endpoints[0].tenant=acme"));
		command.addAll(args);
		// for experiments only, such as -Dcrash.sample-args=--spring.datasource.url=jdbc:h2:file:./data/sample;WRITE_DELAY=500
		String extra = System.getProperty("crash.sample-args", "");
		if (!extra.isBlank()) {
			command.addAll(List.of(extra.strip().split("\\s+")));
		}
		Process process = new ProcessBuilder(command)
			.directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		SampleProcess sample = new SampleProcess(process, port, log);
		HttpClient http = HttpClient.newHttpClient();
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
			.failFast("the sample exited", () -> {
				if (!process.isAlive()) {
					throw new AssertionError("The sample exited with " + process.exitValue() + ":\n" + sample.log());
				}
			})
			.until(() -> http.send(HttpRequest.newBuilder(URI.create(sample.baseUrl() + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
		return sample;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	long pid() {
		return this.process.pid();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Kill the process with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no flush.
	 * @return its exit status
	 */
	int kill() throws InterruptedException {
		this.process.destroyForcibly();
		return this.process.waitFor();
	}

	void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	String log() {
		return read(this.log);
	}

	static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
