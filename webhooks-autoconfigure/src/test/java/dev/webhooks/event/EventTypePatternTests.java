package dev.webhooks.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventTypePatternTests {

	@Test
	void exactPatternMatchesOnlyThatType() {
		EventTypePattern pattern = EventTypePattern.of("lead.created");
		assertThat(pattern.matches("lead.created")).isTrue();
		assertThat(pattern.matches("lead.created.v2")).isFalse();
		assertThat(pattern.matches("lead")).isFalse();
	}

	@Test
	void trailingWildcardMatchesEveryTypeUnderThePrefix() {
		EventTypePattern pattern = EventTypePattern.of("lead.*");
		assertThat(pattern.matches("lead.created")).isTrue();
		assertThat(pattern.matches("lead.score.changed")).isTrue();
		assertThat(pattern.matches("lead")).isFalse();
		assertThat(pattern.matches("leads.created")).isFalse();
		assertThat(pattern.matches("conversation.started")).isFalse();
	}

	@Test
	void starMatchesEverything() {
		assertThat(EventTypePattern.of("*").matches("migration.completed")).isTrue();
	}

	@Test
	void leadingWildcardMatchesOneSegment() {
		EventTypePattern pattern = EventTypePattern.of("*.failed");
		assertThat(pattern.matches("migration.failed")).isTrue();
		assertThat(pattern.matches("migration.completed")).isFalse();
		assertThat(pattern.matches("migration.task.failed")).isFalse();
	}

	@Test
	void emptyPatternListMatchesEveryType() {
		assertThat(EventTypePattern.anyMatches(java.util.List.of(), "x.y")).isTrue();
	}

	@Test
	void invalidPatternIsRefusedWithItsText() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventTypePattern.of("lead.cre*"))
			.withMessageContaining("'lead.cre*'");
	}

}
