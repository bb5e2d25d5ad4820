package dev.webhooks.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.util.StreamUtils;

/**
 * Creates the store's tables for a test from the schema script the starter ships, with its table prefix.
 */
final class StoreSchema {

	private StoreSchema() {
	}

	static void create(DataSource dataSource, String platform, TablePrefix prefix) {
		String location = "dev/webhooks/store/schema-" + platform + ".sql";
		try {
			String script = StreamUtils.copyToString(new ClassPathResource(location).getInputStream(),
					StandardCharsets.UTF_8);
			new ResourceDatabasePopulator(
					new ByteArrayResource(prefix.resolve(script).getBytes(StandardCharsets.UTF_8), location))
				.execute(dataSource);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
