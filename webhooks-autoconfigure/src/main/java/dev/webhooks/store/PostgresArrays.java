package dev.webhooks.store;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Binds one column of many rows as a single PostgreSQL array parameter, for statements that read their rows from
 * {@code unnest(?::varchar[], ...)}. Such a statement has one text whatever the number of rows, so it is planned
 * once and sent in one round trip, where a multi-row {@code VALUES} needs a text per size and, in power-of-two
 * chunks, several statements for most sizes. Timestamps go as ISO-8601 text for the statement to cast
 * ({@code ?::timestamptz[]}), which needs no driver support for arrays of date-time types; they are written by
 * {@link #isoText(Instant)}, not {@link Instant#toString()}, whose {@code DateTimeFormatter} was 2 to 3% of the
 * publishers' and the outcome writer's CPU in the delivery benchmark on PostgreSQL.
 */
final class PostgresArrays {

	private PostgresArrays() {
	}

	/**
	 * Bind a text column.
	 * @param ps the statement
	 * @param index the parameter index
	 * @param rows the rows
	 * @param column reads the column of a row; {@code null} becomes SQL {@code NULL}
	 * @param <T> the row type
	 * @throws SQLException if the driver cannot make the array
	 */
	static <T> void setText(PreparedStatement ps, int index, List<T> rows, Function<T, String> column)
			throws SQLException {
		set(ps, index, "varchar", rows, column, String[]::new);
	}

	/**
	 * Bind a timestamp column, for a parameter cast with {@code ::timestamptz[]}.
	 * @param ps the statement
	 * @param index the parameter index
	 * @param rows the rows
	 * @param column reads the column of a row; {@code null} becomes SQL {@code NULL}
	 * @param <T> the row type
	 * @throws SQLException if the driver cannot make the array
	 */
	static <T> void setTimestamp(PreparedStatement ps, int index, List<T> rows, Function<T, Instant> column)
			throws SQLException {
		setText(ps, index, rows, (row) -> {
			Instant instant = column.apply(row);
			return (instant != null) ? isoText(instant) : null;
		});
	}

	/** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years {@link #isoText(Instant)} writes itself. */
	private static final long FIRST_SECOND = -62167219200L;

	private static final long AFTER_LAST_SECOND = 253402300800L;

	/**
	 * The instant as ISO-8601 text in UTC, {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}: the same instant as
	 * {@link Instant#toString()} says, with the fraction always written (six digits, or nine when the instant has
	 * more than microseconds, so that PostgreSQL rounds it to microseconds as it did the {@code toString()} text).
	 * Years outside 0 to 9999 are left to {@link Instant#toString()}.
	 * @param instant the instant
	 * @return the text
	 */
	static String isoText(Instant instant) {
		long seconds = instant.getEpochSecond();
		if (seconds < FIRST_SECOND || seconds >= AFTER_LAST_SECOND) {
			return instant.toString();
		}
		long days = Math.floorDiv(seconds, 86_400);
		int secondOfDay = (int) (seconds - days * 86_400);
		// civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted), proleptic Gregorian
		// as java.time's
		long z = days + 719_468;
		long era = Math.floorDiv(z, 146_097);
		int dayOfEra = (int) (z - era * 146_097);
		int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
		int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
		int shiftedMonth = (5 * dayOfYear + 2) / 153;
		int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
		int month = (shiftedMonth < 10) ? shiftedMonth + 3 : shiftedMonth - 9;
		int year = (int) (yearOfEra + era * 400 + ((month <= 2) ? 1 : 0));
		int nanos = instant.getNano();
		boolean subMicros = nanos % 1000 != 0;
		char[] text = new char[subMicros ? 30 : 27];
		digits(text, 0, year, 4);
		text[4] = '-';
		digits(text, 5, month, 2);
		text[7] = '-';
		digits(text, 8, day, 2);
		text[10] = 'T';
		digits(text, 11, secondOfDay / 3600, 2);
		text[13] = ':';
		digits(text, 14, secondOfDay / 60 % 60, 2);
		text[16] = ':';
		digits(text, 17, secondOfDay % 60, 2);
		text[19] = '.';
		if (subMicros) {
			digits(text, 20, nanos, 9);
		}
		else {
			digits(text, 20, nanos / 1000, 6);
		}
		text[text.length - 1] = 'Z';
		return new String(text);
	}

	private static void digits(char[] text, int offset, int value, int width) {
		for (int i = offset + width - 1; i >= offset; i--) {
			text[i] = (char) ('0' + value % 10);
			value /= 10;
		}
	}

	/**
	 * Bind an integer column.
	 * @param ps the statement
	 * @param index the parameter index
	 * @param rows the rows
	 * @param column reads the column of a row; {@code null} becomes SQL {@code NULL}
	 * @param <T> the row type
	 * @throws SQLException if the driver cannot make the array
	 */
	static <T> void setInteger(PreparedStatement ps, int index, List<T> rows, Function<T, Integer> column)
			throws SQLException {
		set(ps, index, "int4", rows, column, Integer[]::new);
	}

	/**
	 * Bind a bigint column.
	 * @param ps the statement
	 * @param index the parameter index
	 * @param rows the rows
	 * @param column reads the column of a row; {@code null} becomes SQL {@code NULL}
	 * @param <T> the row type
	 * @throws SQLException if the driver cannot make the array
	 */
	static <T> void setLong(PreparedStatement ps, int index, List<T> rows, Function<T, Long> column)
			throws SQLException {
		set(ps, index, "int8", rows, column, Long[]::new);
	}

	/**
	 * Bind a binary column.
	 * @param ps the statement
	 * @param index the parameter index
	 * @param rows the rows
	 * @param column reads the column of a row
	 * @param <T> the row type
	 * @throws SQLException if the driver cannot make the array
	 */
	static <T> void setBytes(PreparedStatement ps, int index, List<T> rows, Function<T, byte[]> column)
			throws SQLException {
		set(ps, index, "bytea", rows, column, byte[][]::new);
	}

	private static <T, V> void set(PreparedStatement ps, int index, String type, List<T> rows, Function<T, V> column,
			IntFunction<V[]> newArray) throws SQLException {
		V[] values = newArray.apply(rows.size());
		for (int i = 0; i < values.length; i++) {
			values[i] = column.apply(rows.get(i));
		}
		Array array = ps.getConnection().createArrayOf(type, values);
		ps.setArray(index, array);
	}

}
