package dev.webhooks.event;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SortableIdGeneratorTests {

	@Test
	void eventIdIsEvtAndTwentySixCrockfordCharacters() {
		String id = new SortableIdGenerator().nextEventId();
		assertThat(id).matches("evt_[0-9A-HJKMNP-TV-Z]{26}");
	}

	@Test
	void idsWithinOneMillisecondAreUniqueAndIncreasing() {
		SortableIdGenerator generator = new SortableIdGenerator(
				Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(generator.nextEventId());
		}
		assertThat(new HashSet<>(ids)).hasSize(ids.size());
		assertThat(ids).isSorted();
	}

	@Test
	void idsOfALaterMillisecondSortAfter() {
		String earlier = new SortableIdGenerator(Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC)).nextId("x_");
		String later = new SortableIdGenerator(Clock.fixed(Instant.ofEpochMilli(1_001), ZoneOffset.UTC)).nextId("x_");
		assertThat(later).isGreaterThan(earlier);
	}

	@Test
	void timePartEncodesTheMilliseconds() {
		// 01HX4J1SQ9 is the time part of reference/001's evt_01HX4J1SQ93Y9F6VBQ4JPZW66S
		long millis = 0;
		for (char c : "01HX4J1SQ9".toCharArray()) {
			millis = millis * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(c);
		}
		String id = new SortableIdGenerator(Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC)).nextEventId();
		assertThat(id).startsWith("evt_01HX4J1SQ9");
	}

}
