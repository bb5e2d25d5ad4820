package dev.webhooks.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Runs a Node.js script of the test resources as an independent implementation to check ours against. Without
 * {@code node} on the path the test is skipped, saying so, except under {@code CI=true}, where it fails.
 */
public final class NodeScript {

	private final Path node;

	private NodeScript(Path node) {
		this.node = node;
	}

	/**
	 * Find {@code node} on the path, or skip (fail under CI) the calling test.
	 * @param what the test needs node for, for the message
	 * @return the runner
	 */
	public static NodeScript find(String what) {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "node");
			if (Files.isExecutable(candidate)) {
				return new NodeScript(candidate);
			}
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("node is not on the PATH, but CI=true needs it: " + what);
		}
		assumeThat(false).as("node is not on the PATH, so this cannot run: " + what).isTrue();
		throw new IllegalStateException("unreachable");
	}

	/**
	 * Run a script and read what it prints; it must end with status 0 within 30 seconds.
	 * @param resource the script's class-path resource, for example {@code /recipes/anvil-verify.mjs}
	 * @param workDirectory where the script is copied to
	 * @param args its arguments
	 * @return what it printed, stripped
	 */
	public String run(String resource, Path workDirectory, String... args) throws IOException, InterruptedException {
		Path copy = workDirectory.resolve(Path.of(resource).getFileName().toString());
		if (!Files.exists(copy)) {
			try (InputStream in = NodeScript.class.getResourceAsStream(resource)) {
				assertThat(in).as("the script %s", resource).isNotNull();
				Files.copy(in, copy);
			}
		}
		List<String> command = new ArrayList<>(List.of(this.node.toString(), copy.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output;
		try (InputStream out = process.getInputStream()) {
			output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node ends").isTrue();
		assertThat(process.exitValue()).as("node's exit status; it printed: %s", output).isZero();
		return output;
	}

}
