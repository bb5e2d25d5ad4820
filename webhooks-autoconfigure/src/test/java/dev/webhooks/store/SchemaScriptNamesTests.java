package dev.webhooks.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names in the schema scripts stay within what {@link TablePrefix} allows: the longest prefix it accepts plus
 * any table or index name must fit PostgreSQL's 63 bytes, or PostgreSQL would cut two index names to one and
 * {@code CREATE INDEX IF NOT EXISTS} would silently skip the second.
 */
class SchemaScriptNamesTests {

	private static final Pattern NAME = Pattern.compile(Pattern.quote(TablePrefix.PLACEHOLDER) + "([A-Za-z0-9_]+)");

	@ParameterizedTest
	@ValueSource(strings = { "schema-h2.sql", "schema-postgresql.sql" })
	void everyNameFitsBesideTheLongestPrefix(String script) throws IOException {
		// given the names the script creates
		List<String> names = namesIn(script);

		// then none is longer than the suffix the prefix's limit was computed from
		assertThat(names).isNotEmpty()
			.allSatisfy((name) -> assertThat(name.length()).as(name).isLessThanOrEqualTo(TablePrefix.LONGEST_SUFFIX));
	}

	private static List<String> namesIn(String script) throws IOException {
		try (InputStream in = SchemaScriptNamesTests.class.getResourceAsStream(script)) {
			assertThat(in).as(script).isNotNull();
			Matcher matcher = NAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			List<String> names = new ArrayList<>();
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
			return names;
		}
	}

}
