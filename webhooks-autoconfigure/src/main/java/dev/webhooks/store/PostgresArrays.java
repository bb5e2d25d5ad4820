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
 * ({@code ?::timestamptz[]}), which needs no driver support for arrays of date-time types.
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
			return (instant != null) ? instant.toString() : null;
		});
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
