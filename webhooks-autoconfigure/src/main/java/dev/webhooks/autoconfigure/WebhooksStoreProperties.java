package dev.webhooks.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;

/**
 * Configuration of the JDBC store ({@code webhooks.store.*}).
 */
@ConfigurationProperties("webhooks.store")
public class WebhooksStoreProperties extends DatabaseInitializationProperties {

	private static final String DEFAULT_SCHEMA_LOCATION = "classpath:dev/webhooks/store/schema-@@platform@@.sql";

	/**
	 * How long published events, their deliveries and their attempts are kept before they are purged.
	 */
	private Duration retention = Duration.ofDays(7);

	/**
	 * Keys that encrypt endpoint signing secrets at rest with AES-GCM, each 32 random bytes in base64 (openssl
	 * rand -base64 32). The first encrypts; all decrypt, so a key is rotated by putting the new one first. Rows
	 * written before a key was set are read and encrypted when next written. Empty stores secrets in clear.
	 */
	private List<String> encryptionKeys = new ArrayList<>();

	/**
	 * Prefix of the names of the store's tables and indexes: letters, digits and underscores, starting with a letter
	 * or an underscore. The schema scripts create the tables with it, and every statement of the store uses it.
	 */
	private String tablePrefix = "webhook_";

	@Override
	public String getDefaultSchemaLocation() {
		return DEFAULT_SCHEMA_LOCATION;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public List<String> getEncryptionKeys() {
		return this.encryptionKeys;
	}

	public void setEncryptionKeys(List<String> encryptionKeys) {
		this.encryptionKeys = encryptionKeys;
	}

	public String getTablePrefix() {
		return this.tablePrefix;
	}

	public void setTablePrefix(String tablePrefix) {
		this.tablePrefix = tablePrefix;
	}

}
