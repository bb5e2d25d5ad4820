package dev.webhooks.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads and writes {@code TIMESTAMP WITH TIME ZONE} columns as {@link Instant}s through {@link OffsetDateTime},
 * the type both the PostgreSQL and the H2 drivers map that column to.
 */
final class JdbcTimestamps {

	private JdbcTimestamps() {
	}

	static void set(PreparedStatement ps, int index, Instant instant) throws SQLException {
		if (instant == null) {
			ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		else {
			ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
		}
	}

	static Object param(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	static Instant get(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
