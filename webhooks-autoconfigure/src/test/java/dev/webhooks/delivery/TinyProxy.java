package dev.webhooks.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * A real HTTP proxy for the egress tests: Debian's {@code tinyproxy}, started on a free loopback port with a
 * configuration written here, its log in a temporary directory. Skipped when tinyproxy is not installed, except
 * under {@code CI=true}, where a missing proxy fails the test ({@code apt-get install -y tinyproxy}).
 */
public final class TinyProxy implements AutoCloseable {

	private static final Path BINARY = Path.of("/usr/bin/tinyproxy");

	private final Process process;

	private final Path directory;

	private final int port;

	private final long logStart;

	private TinyProxy(String username, String password) throws IOException {
		this.directory = Files.createTempDirectory("tinyproxy");
		this.port = freePort();
		StringBuilder config = new StringBuilder()
			.append("Port ").append(this.port).append('\n')
			.append("Listen 127.0.0.1\n")
			.append("Timeout 60\n")
			.append("MaxClients 50\n")
			.append("LogLevel Connect\n")
			.append("LogFile \"").append(logPath()).append("\"\n");
		if (username != null) {
			config.append("BasicAuth ").append(username).append(' ').append(password).append('\n');
		}
		Path file = this.directory.resolve("tinyproxy.conf");
		Files.writeString(file, config);
		this.process = new ProcessBuilder(BINARY.toString(), "-d", "-c", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("stdout").toFile())
			.start();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(this::accepting);
		// the readiness probe's own connection is not part of what a test asks about
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> Files.exists(logPath()) && Files.readString(logPath()).contains("closed socket before read"));
		this.logStart = Files.size(logPath());
	}

	/** A proxy without authentication. */
	public static TinyProxy start() throws IOException {
		return start(null, null);
	}

	/** A proxy that asks for Basic authentication with these credentials. */
	public static TinyProxy start(String username, String password) throws IOException {
		if (!Files.isExecutable(BINARY)) {
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException("tinyproxy is not installed (apt-get install -y tinyproxy)");
			}
			Assumptions.abort("tinyproxy is not installed (apt-get install -y tinyproxy)");
		}
		return new TinyProxy(username, password);
	}

	public int port() {
		return this.port;
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * What the proxy logged since it started: one line per connection and per request line, e.g.
	 * {@code CONNECT 127.0.0.1:80}.
	 */
	public String log() throws IOException {
		byte[] all = Files.readAllBytes(logPath());
		return new String(all, (int) this.logStart, all.length - (int) this.logStart,
				java.nio.charset.StandardCharsets.UTF_8);
	}

	private Path logPath() {
		return this.directory.resolve("tinyproxy.log");
	}

	private boolean accepting() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("tinyproxy exited with " + this.process.exitValue());
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws Exception {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
