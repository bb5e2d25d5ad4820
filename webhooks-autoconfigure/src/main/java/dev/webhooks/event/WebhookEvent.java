package dev.webhooks.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a webhook event.
 * <ul>
 * <li>On a bean method: the return value becomes {@code data.object} of an event of this type when the method
 * returns normally. Inside a transaction the event is written to the outbox in that transaction and sent after
 * it commits, so a rollback sends nothing. A method returning {@code Optional.empty()} publishes nothing.</li>
 * <li>On a type: an instance of it published through Spring's {@code ApplicationEventPublisher} is published as a
 * webhook event as well, with the instance as {@code data.object}.</li>
 * </ul>
 * The expression attributes are SpEL, evaluated with {@code #result} (the return value, or the event object),
 * {@code #root} (on a method: {@code method}, {@code args}, {@code target}, {@code result}; on a type: the object)
 * and, on a method, the arguments by name ({@code #migration}, or {@code #a0}/{@code #p0}). Example:
 * <pre class="code">
 * &#64;WebhookEvent(value = "migration.completed", tenant = "#result.tenantId",
 *         text = "'✅ Task ' + #result.id + ' completed in ' + #result.seconds + 's'")
 * public Migration complete(String id) { … }
 * </pre>
 * Every type named by this annotation is added to the {@link EventTypeCatalog}.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WebhookEvent {

	/**
	 * The event type, for example {@code migration.completed}.
	 * @return the type
	 */
	String value();

	/**
	 * SpEL for the tenant the event belongs to; empty for an event of no tenant.
	 * @return the expression
	 */
	String tenant() default "";

	/**
	 * SpEL for the one-line {@code text} summary (what a Slack incoming webhook shows); empty for none.
	 * @return the expression
	 */
	String text() default "";

	/**
	 * SpEL for the idempotency key: a second publish with the same key within the idempotency window returns
	 * the first event's id and sends nothing; empty for none.
	 * @return the expression
	 */
	String idempotencyKey() default "";

	/**
	 * SpEL for {@code data.error_message} (for {@code *.failed} events); empty for none.
	 * @return the expression
	 */
	String errorMessage() default "";

	/**
	 * What the event means, for the catalog.
	 * @return the description
	 */
	String description() default "";

	/**
	 * The type whose JSON Schema the event type's payload has, generated as Jackson writes it (a record or a
	 * POJO, with its Jackson annotations and the application mapper's naming strategy); every property it does
	 * not have is stripped before the event is sent. The default, {@code void}, declares no schema here (one may
	 * still be declared under {@code webhooks.event-types}, which wins).
	 * @return the payload type
	 */
	Class<?> payload() default void.class;

}
