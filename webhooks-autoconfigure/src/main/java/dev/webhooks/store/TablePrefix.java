package dev.webhooks.store;

import java.util.regex.Pattern;

/**
 * The prefix of every table and index name of the store ({@code webhook_} by default, so {@code webhook_event},
 * {@code webhook_delivery_due_idx}, ...). The SQL of the store and its schema scripts name their tables
 * {@code %TABLE_PREFIX%event} and so on; the placeholder is replaced once, when a repository is created, never per
 * statement. Only a plain SQL identifier prefix is accepted: it goes into statements unquoted.
 */
public final class TablePrefix {

	/** The placeholder the store's SQL and schema scripts use for the prefix. */
	public static final String PLACEHOLDER = "%TABLE_PREFIX%";

	/** The prefix used unless another is configured. */
	public static final TablePrefix DEFAULT = new TablePrefix("webhook_");

	// PostgreSQL cuts longer names to 63 bytes without an error, so two names could become one
	private static final int MAX_IDENTIFIER_LENGTH = 63;

	// the longest name the schema scripts make from the prefix
	static final int LONGEST_SUFFIX = "received_received_at_idx".length();

	private static final Pattern IDENTIFIER_START = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private final String value;

	private TablePrefix(String value) {
		this.value = value;
	}

	/**
	 * A prefix.
	 * @param value letters, digits and underscores, starting with a letter or an underscore
	 * @return the prefix
	 * @throws IllegalArgumentException if the value is not such a prefix, or would make names too long
	 */
	public static TablePrefix of(String value) {
		if (value == null || !IDENTIFIER_START.matcher(value).matches()) {
			throw new IllegalArgumentException("'" + value + "' is not a table name prefix: use letters, digits and "
					+ "underscores, starting with a letter or an underscore (for example webhook_)");
		}
		if (value.length() + LONGEST_SUFFIX > MAX_IDENTIFIER_LENGTH) {
			throw new IllegalArgumentException("'" + value + "' is too long for a table name prefix: at most "
					+ (MAX_IDENTIFIER_LENGTH - LONGEST_SUFFIX) + " characters, so that every index name fits in "
					+ MAX_IDENTIFIER_LENGTH);
		}
		return new TablePrefix(value);
	}

	/**
	 * Replace the placeholder in SQL.
	 * @param sql SQL naming its tables {@code %TABLE_PREFIX%name}
	 * @return the SQL with this prefix
	 */
	public String resolve(String sql) {
		return sql.replace(PLACEHOLDER, this.value);
	}

	/**
	 * The full name of one of the store's tables.
	 * @param table the name without the prefix, such as {@code event}
	 * @return the name with the prefix
	 */
	String table(String table) {
		return this.value + table;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof TablePrefix prefix) && this.value.equals(prefix.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
