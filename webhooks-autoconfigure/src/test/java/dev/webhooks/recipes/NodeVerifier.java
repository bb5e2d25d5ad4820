package dev.webhooks.recipes;

import java.io.IOException;
import java.nio.file.Path;

import dev.webhooks.testsupport.NodeScript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a verifier script of {@code src/test/resources/recipes} with Node.js. Without {@code node} on the path the
 * test is skipped, saying so, except under {@code CI=true}, where it fails.
 */
final class NodeVerifier {

	private final NodeScript node;

	private NodeVerifier(NodeScript node) {
		this.node = node;
	}

	static NodeVerifier find() {
		return new NodeVerifier(NodeScript.find("the Node.js verifier of reference/004"));
	}

	/**
	 * Run a script and read the {@code true} or {@code false} it prints.
	 * @param script the script's name in {@code recipes/}
	 * @param workDirectory where the script is copied to
	 * @param args its arguments
	 * @return what it printed
	 */
	boolean run(String script, Path workDirectory, String... args) throws IOException, InterruptedException {
		String output = this.node.run("/recipes/" + script, workDirectory, args);
		assertThat(output).as("what the verifier printed").isIn("true", "false");
		return Boolean.parseBoolean(output);
	}

}
