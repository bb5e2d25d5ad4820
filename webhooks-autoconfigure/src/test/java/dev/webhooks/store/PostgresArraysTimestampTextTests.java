package dev.webhooks.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timestamp text {@link PostgresArrays} binds for {@code ?::timestamptz[]}: the same instant as
 * {@link Instant#toString()} says, at every precision and across calendar edges.
 */
class PostgresArraysTimestampTextTests {

	@Test
	void namesTheSameInstantAsInstantToStringForRandomInstantsOfTenThousandYears() {
		SplittableRandom random = new SplittableRandom(12);
		for (int i = 0; i < 200_000; i++) {
			// given an instant between the years 0 and 9999, at nanosecond, microsecond or second precision
			Instant instant = Instant.ofEpochSecond(random.nextLong(-62167219200L, 253402300800L),
					random.nextInt(1_000_000_000));
			instant = switch (i % 3) {
				case 0 -> instant;
				case 1 -> instant.truncatedTo(ChronoUnit.MICROS);
				default -> instant.truncatedTo(ChronoUnit.SECONDS);
			};
			// when it is written, then it is parsed back to the same instant
			assertThat(Instant.parse(PostgresArrays.isoText(instant))).as(instant.toString()).isEqualTo(instant);
		}
	}

	@Test
	void writesMicrosecondsWithSixDigitsAndFinerInstantsWithNine() {
		assertThat(PostgresArrays.isoText(Instant.parse("2026-12-01T16:13:56.577123Z")))
			.isEqualTo("2026-12-01T16:13:56.577123Z");
		assertThat(PostgresArrays.isoText(Instant.parse("2026-12-01T16:13:56Z")))
			.isEqualTo("2026-12-01T16:13:56.000000Z");
		assertThat(PostgresArrays.isoText(Instant.parse("2026-12-01T16:13:56.000000001Z")))
			.isEqualTo("2026-12-01T16:13:56.000000001Z");
	}

	@Test
	void writesCalendarEdgesLikeInstantToString() {
		for (String text : new String[] { "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z",
				"2000-02-29T12:00:00Z", "2100-03-01T00:00:00Z", "2024-12-31T23:59:59.999999Z", "0000-01-01T00:00:00Z",
				"9999-12-31T23:59:59.999999999Z", "1600-02-29T00:00:00Z" }) {
			Instant instant = Instant.parse(text);
			assertThat(Instant.parse(PostgresArrays.isoText(instant))).as(text).isEqualTo(instant);
		}
	}

	@Test
	void leavesYearsOutsideZeroToNineThousandNineHundredNinetyNineToInstantToString() {
		Instant far = Instant.parse("+10000-01-01T00:00:00Z");
		assertThat(PostgresArrays.isoText(far)).isEqualTo(far.toString());
		Instant before = Instant.parse("-0001-12-31T23:59:59Z");
		assertThat(PostgresArrays.isoText(before)).isEqualTo(before.toString());
	}

}
