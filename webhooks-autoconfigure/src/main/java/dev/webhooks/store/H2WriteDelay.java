package dev.webhooks.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;

/**
 * Makes an H2 database that lives in files write each commit to its file before the commit returns, so that an
 * event the publisher has accepted survives a crash of the application (SIGKILL, the OOM killer).
 * <p>
 * H2 defers writing a commit by up to {@code WRITE_DELAY} milliseconds, 500 by default, and a process killed
 * within that time loses transactions it already reported committed: the outbox would drop events it accepted.
 * On a file (or server) database whose write delay is not 0, this sets it to 0 ({@code SET WRITE_DELAY 0}, a
 * setting H2 keeps in the database) and says so at INFO, unless the JDBC URL names {@code WRITE_DELAY} itself:
 * a value chosen there is left alone with a warning, as is a database the user may not change (it needs admin
 * rights). In-memory databases and other products are left alone; an in-memory database loses everything on
 * any restart anyway.
 * <p>
 * A write reaches the operating system, not the disk: this protects against a crash of the process, not against
 * the loss of the machine, for which the outbox needs a database that syncs its commits, such as PostgreSQL.
 */
public class H2WriteDelay implements InitializingBean {

	/** What {@link #apply()} found and did. */
	public enum Outcome {

		/** The database is not H2. */
		NOT_H2,

		/** An in-memory H2 database, which has no file to write. */
		IN_MEMORY,

		/** A file database that already writes each commit at once. */
		ALREADY_IMMEDIATE,

		/** A file database whose write delay this set to 0. */
		SET_TO_ZERO,

		/** A file database whose URL names a write delay above 0, left as it is with a warning. */
		LEFT_AS_CONFIGURED,

		/** A file database whose write delay the user may not change, left as it is with a warning. */
		NOT_PERMITTED

	}

	/** The URL option that makes H2 write each commit at once. */
	public static final String URL_OPTION = ";WRITE_DELAY=0";

	private static final Log logger = LogFactory.getLog(H2WriteDelay.class);

	private final DataSource dataSource;

	private final boolean namedInUrl;

	/**
	 * Create the check.
	 * @param dataSource the store's data source
	 * @param namedInUrl whether the configured JDBC URL names {@code WRITE_DELAY}, a choice to respect
	 */
	public H2WriteDelay(DataSource dataSource, boolean namedInUrl) {
		this.dataSource = dataSource;
		this.namedInUrl = namedInUrl;
	}

	/**
	 * Whether a JDBC URL names H2's write delay.
	 * @param url the configured URL, may be {@code null}
	 * @return {@code true} if it sets {@code WRITE_DELAY}
	 */
	public static boolean namesWriteDelay(String url) {
		return url != null && url.toUpperCase(Locale.ROOT).replace(" ", "").contains(";WRITE_DELAY=");
	}

	@Override
	public void afterPropertiesSet() {
		try {
			apply();
		}
		catch (SQLException ex) {
			// a database that is down at start-up is reported by whatever uses it first
			logger.debug("Could not check the write delay of the database", ex);
		}
	}

	/**
	 * Check the database and set its write delay to 0 where that is the starter's to do.
	 * @return what was found and done
	 * @throws SQLException if the database cannot be asked
	 */
	public Outcome apply() throws SQLException {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
				return Outcome.NOT_H2;
			}
			String path = single(statement, "SELECT DATABASE_PATH()");
			if (path == null) {
				return Outcome.IN_MEMORY;
			}
			long delay = writeDelay(statement);
			if (delay == 0) {
				return Outcome.ALREADY_IMMEDIATE;
			}
			if (this.namedInUrl) {
				logger.warn("The H2 database " + path + " writes a commit up to " + delay + " ms after it returns "
						+ "(WRITE_DELAY in its JDBC URL): a crash of the application within that time loses webhook "
						+ "events the publisher accepted. Use " + URL_OPTION + " in the URL to make them durable.");
				return Outcome.LEFT_AS_CONFIGURED;
			}
			try {
				statement.execute("SET WRITE_DELAY 0");
			}
			catch (SQLException ex) {
				logger.warn("The H2 database " + path + " writes a commit up to " + delay + " ms after it returns, "
						+ "and its write delay could not be set to 0 (" + ex.getMessage() + "): a crash of the "
						+ "application within that time loses webhook events the publisher accepted. Add "
						+ URL_OPTION + " to its JDBC URL to make them durable.");
				return Outcome.NOT_PERMITTED;
			}
			logger.info("Set the write delay of the H2 database " + path + " from " + delay + " ms to 0, so that "
					+ "webhook events the publisher accepted survive a crash of the application. Name WRITE_DELAY in "
					+ "the JDBC URL to choose another value.");
			return Outcome.SET_TO_ZERO;
		}
	}

	private static long writeDelay(Statement statement) throws SQLException {
		String value = single(statement,
				"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
		return (value != null) ? Long.parseLong(value.strip()) : 0;
	}

	private static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet result = statement.executeQuery(sql)) {
			return result.next() ? result.getString(1) : null;
		}
	}

}
