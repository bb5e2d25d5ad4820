package dev.webhooks.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Reads an H2 database's settings the way a test checks them: straight from {@code INFORMATION_SCHEMA}.
 */
public final class H2Settings {

	private H2Settings() {
	}

	/**
	 * The database's {@code WRITE_DELAY}.
	 * @param dataSource an H2 data source
	 * @return the milliseconds H2 may wait before it writes a commit
	 */
	public static long writeDelay(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
			result.next();
			return result.getLong(1);
		}
	}

}
