package dev.webhooks.recipes;

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
 * Runs a verifier script of {@code src/test/resources/recipes} with Node.js. Without {@code node} on the path the
 * test is skipped, saying so, except under {@code CI=true}, where it fails.
 */
final class NodeVerifier {

	private final Path node;

	private NodeVerifier(Path node) {
		this.node = node;
	}

	static NodeVerifier find() {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "node");
			if (Files.isExecutable(candidate)) {
				return new NodeVerifier(candidate);
			}
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("node is not on the PATH, but CI=true needs the Node.js verifier of reference/004 to run");
		}
		assumeThat(false).as("node is not on the PATH: the Node.js verifier of reference/004 cannot run").isTrue();
		throw new IllegalStateException("unreachable");
	}

	/**
	 * Run a script and read the {@code true} or {@code false} it prints.
	 * @param script the script's name in {@code recipes/}
	 * @param workDirectory where the script is copied to
	 * @param args its arguments
	 * @return what it printed
	 */
	boolean run(String script, Path workDirectory, String... args) throws IOException, InterruptedException {
		Path copy = workDirectory.resolve(script);
		if (!Files.exists(copy)) {
			try (InputStream in = NodeVerifier.class.getResourceAsStream("/recipes/" + script)) {
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
		assertThat(output).as("what the verifier printed").isIn("true", "false");
		return Boolean.parseBoolean(output);
	}

}
