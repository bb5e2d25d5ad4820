package dev.webhooks.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.util.StreamUtils;

/**
 * Creates the starter's tables from {@code schema-@@platform@@.sql}, as Spring Session and Spring Batch create
 * theirs, with {@link TablePrefix#PLACEHOLDER} in the scripts replaced by the configured prefix. The scripts only
 * ever {@code CREATE … IF NOT EXISTS}: a table that exists is never dropped or altered, so an application that owns
 * the schema with Flyway or Liquibase sets {@code initialize-schema: never}.
 */
public class WebhooksSchemaInitializer extends PropertiesBasedDataSourceScriptDatabaseInitializer<DatabaseInitializationProperties> {

	private final TablePrefix prefix;

	/**
	 * Create an initializer for the default table prefix.
	 * @param dataSource the application's data source
	 * @param properties where the scripts are and when to run them
	 */
	public WebhooksSchemaInitializer(DataSource dataSource, DatabaseInitializationProperties properties) {
		this(dataSource, properties, TablePrefix.DEFAULT);
	}

	/**
	 * Create an initializer.
	 * @param dataSource the application's data source
	 * @param properties where the scripts are and when to run them
	 * @param prefix the prefix of the tables the scripts create
	 */
	public WebhooksSchemaInitializer(DataSource dataSource, DatabaseInitializationProperties properties,
			TablePrefix prefix) {
		super(dataSource, properties);
		this.prefix = prefix;
	}

	@Override
	protected void runScripts(Scripts scripts) {
		Charset encoding = (scripts.getEncoding() != null) ? scripts.getEncoding() : StandardCharsets.UTF_8;
		List<Resource> resolved = new ArrayList<>();
		for (Resource script : scripts) {
			resolved.add(withPrefix(script, encoding));
		}
		super.runScripts(new Scripts(resolved).continueOnError(scripts.isContinueOnError())
			.separator(scripts.getSeparator())
			.encoding(encoding));
	}

	private Resource withPrefix(Resource script, Charset encoding) {
		try {
			String sql = this.prefix.resolve(StreamUtils.copyToString(script.getInputStream(), encoding));
			return new ByteArrayResource(sql.getBytes(encoding), script.getDescription());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + script.getDescription(), ex);
		}
	}

}
