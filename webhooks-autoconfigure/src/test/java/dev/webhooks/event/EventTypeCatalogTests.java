package dev.webhooks.event;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventTypeCatalogTests {

	@Test
	void configuredDescriptionWinsOverTheAnnotation() {
		EventTypeCatalog catalog = new EventTypeCatalog(
				List.of(new EventTypeDefinition("migration.completed", "From yml", Map.of("id", "mig_1"))));

		catalog.declare(new EventTypeDefinition("migration.completed", "From annotation", null));
		catalog.declare(new EventTypeDefinition("migration.started", "Started", null));

		assertThat(catalog.find("migration.completed")).get()
			.extracting(EventTypeDefinition::description).isEqualTo("From yml");
		assertThat(catalog.all()).extracting(EventTypeDefinition::type)
			.containsExactly("migration.completed", "migration.started");
	}

	@Test
	void undeclaredTypeFailsNamingIt() {
		EventTypeCatalog catalog = new EventTypeCatalog(List.of());

		assertThatExceptionOfType(UndeclaredEventTypeException.class)
			.isThrownBy(() -> catalog.requireDeclared("lead.created"))
			.withMessageContaining("'lead.created'");
	}

	@Test
	void patternMatchesAnyDeclaredType() {
		EventTypeCatalog catalog = new EventTypeCatalog(List.of(new EventTypeDefinition("lead.created", null, null)));

		assertThat(catalog.matchesAny(EventTypePattern.of("lead.*"))).isTrue();
		assertThat(catalog.matchesAny(EventTypePattern.of("export.*"))).isFalse();
		assertThat(catalog.matchesAny(EventTypePattern.of("*"))).isTrue();
	}

}
