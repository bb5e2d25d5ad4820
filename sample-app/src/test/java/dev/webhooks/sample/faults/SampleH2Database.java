package dev.webhooks.sample.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The sample's default database, {@code ./data/sample} in a working directory, opened from the test once the
 * sample has stopped (H2 in files admits one process at a time), to read what became of the deliveries.
 */
final class SampleH2Database {

	private SampleH2Database() {
	}

	static Connection connect(Path workingDirectory) throws SQLException {
		String url = "jdbc:h2:file:" + workingDirectory.resolve("data/sample").toAbsolutePath() + ";IFEXISTS=TRUE";
		// the sample's URL names no user, so H2 made the database with the empty user name
		return DriverManager.getConnection(url, "", "");
	}

}
