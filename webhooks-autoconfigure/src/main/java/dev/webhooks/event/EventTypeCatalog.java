package dev.webhooks.event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The event types an application publishes: those declared in configuration, with a description and an example,
 * and those found on {@link WebhookEvent @WebhookEvent} annotations. Endpoint subscriptions are checked against
 * it, and so are published events unless the publisher is lenient.
 * <p>
 * Thread-safe: annotations found after start-up (on an application-event type seen for the first time) are added
 * while events are being published.
 */
public class EventTypeCatalog {

	private final ConcurrentMap<String, EventTypeDefinition> definitions = new ConcurrentHashMap<>();

	private final Supplier<EventSchemaGenerator> schemaGenerator;

	/**
	 * Create a catalog whose generated schemas follow a plain Jackson mapper, created when a
	 * {@link WebhookEvent#payload()} first needs one.
	 * @param declared the declared types
	 */
	public EventTypeCatalog(Collection<EventTypeDefinition> declared) {
		this.schemaGenerator = new Supplier<>() {

			private volatile EventSchemaGenerator generator;

			@Override
			public EventSchemaGenerator get() {
				if (this.generator == null) {
					this.generator = new EventSchemaGenerator();
				}
				return this.generator;
			}

		};
		declared.forEach(this::declare);
	}

	/**
	 * Create a catalog.
	 * @param declared the declared types
	 * @param schemaGenerator generates the schema of the payload type a {@link WebhookEvent} names
	 */
	public EventTypeCatalog(Collection<EventTypeDefinition> declared, EventSchemaGenerator schemaGenerator) {
		this.schemaGenerator = () -> schemaGenerator;
		declared.forEach(this::declare);
	}

	/**
	 * Add a type, or complete its entry: a description, example or schema already known is kept, so
	 * configuration wins over annotations.
	 * @param definition the type
	 * @throws IllegalArgumentException when the completed entry's example does not match its schema
	 */
	public void declare(EventTypeDefinition definition) {
		this.definitions.merge(definition.type(), definition,
				(known, added) -> new EventTypeDefinition(known.type(),
						(known.description() != null) ? known.description() : added.description(),
						(known.example() != null) ? known.example() : added.example(),
						(known.schema() != null) ? known.schema() : added.schema()));
	}

	/**
	 * Add a type found on a {@link WebhookEvent} annotation, with the schema generated from the payload type it
	 * names, if any and if the type has no schema yet.
	 * @param annotation the annotation
	 */
	public void declare(WebhookEvent annotation) {
		// a schema already known (configured, which wins) is not generated again
		boolean generate = annotation.payload() != void.class
				&& find(annotation.value()).map(EventTypeDefinition::schema).isEmpty();
		EventSchema schema = generate ? this.schemaGenerator.get().generate(annotation.value(), annotation.payload())
				: null;
		declare(new EventTypeDefinition(annotation.value(),
				annotation.description().isEmpty() ? null : annotation.description(), null, schema));
	}

	/**
	 * Whether a type is declared.
	 * @param type the event type
	 * @return {@code true} when it is
	 */
	public boolean isDeclared(String type) {
		return this.definitions.containsKey(type);
	}

	/**
	 * Fail unless a type is declared.
	 * @param type the event type
	 * @throws UndeclaredEventTypeException naming the type
	 */
	public void requireDeclared(String type) {
		if (!isDeclared(type)) {
			throw new UndeclaredEventTypeException(type);
		}
	}

	/**
	 * Whether a subscription pattern matches at least one declared type ({@code *} always does).
	 * @param pattern the pattern
	 * @return {@code true} when it matches something
	 */
	public boolean matchesAny(EventTypePattern pattern) {
		return EventTypePattern.ANY.equals(pattern.toString())
				|| this.definitions.keySet().stream().anyMatch(pattern::matches);
	}

	/**
	 * One type's entry.
	 * @param type the event type
	 * @return the entry, if declared
	 */
	public Optional<EventTypeDefinition> find(String type) {
		return Optional.ofNullable(this.definitions.get(type));
	}

	/**
	 * Every declared type, sorted by name.
	 * @return the entries
	 */
	public List<EventTypeDefinition> all() {
		List<EventTypeDefinition> all = new ArrayList<>(this.definitions.values());
		all.sort(Comparator.comparing(EventTypeDefinition::type));
		return all;
	}

}
