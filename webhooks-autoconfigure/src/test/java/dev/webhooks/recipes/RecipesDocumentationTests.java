package dev.webhooks.recipes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/recipes.md shows the configuration the recipe tests run, and the README the Anchor scheme they use, each
 * verbatim: a change to one without the other fails here.
 */
class RecipesDocumentationTests {

	private static final Path PROJECT = Path.of("..");

	@ParameterizedTest
	@ValueSource(strings = { "anon", "anchor", "media-tasks", "anvil" })
	void recipesPageShowsTheTestedConfiguration(String recipe) throws IOException {
		assertThat(read("docs/recipes.md")).contains("```yaml\n" + RecipeApp.recipeText(recipe) + "```\n");
	}

	@Test
	void recipesPageAndReadmeShowTheTestedAnchorSchemeInFull() throws IOException {
		String source = read("webhooks-autoconfigure/src/test/java/dev/webhooks/recipes/AnchorSignatureScheme.java");
		String shown = "```java\n" + source.substring(source.indexOf("import ")) + "```\n";

		assertThat(read("docs/recipes.md")).contains(shown);
		assertThat(read("README.md")).contains(shown).contains("(docs/recipes.md)");
	}

	private static String read(String path) throws IOException {
		return Files.readString(PROJECT.resolve(path), StandardCharsets.UTF_8);
	}

}
