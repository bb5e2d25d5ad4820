package dev.webhooks.store;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;

/**
 * Creates the starter's tables from {@code schema-@@platform@@.sql}, as Spring Session and Spring Batch create
 * theirs. The scripts only ever {@code CREATE … IF NOT EXISTS}: a table that exists is never dropped or altered,
 * so an application that owns the schema with Flyway or Liquibase sets {@code initialize-schema: never}.
 */
public class WebhooksSchemaInitializer extends PropertiesBasedDataSourceScriptDatabaseInitializer<DatabaseInitializationProperties> {

	/**
	 * Create an initializer.
	 * @param dataSource the application's data source
	 * @param properties where the scripts are and when to run them
	 */
	public WebhooksSchemaInitializer(DataSource dataSource, DatabaseInitializationProperties properties) {
		super(dataSource, properties);
	}

}
