package dev.webhooks.receive;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that handles webhooks received from a configured source
 * ({@code webhooks.receiver.sources.<source>}). The request is verified, size-checked and de-duplicated before
 * the method runs.
 * <p>
 * The method may take, in any order:
 * <ul>
 * <li>one payload parameter without annotation: {@code data.object} of the envelope when it has one, else
 * {@code data}, converted by the application's Jackson mapper to the parameter type (a record, a POJO, a
 * {@code Map}, a {@code JsonNode}, …);</li>
 * <li>parameters annotated {@link Envelope @Envelope}: the whole envelope, converted likewise;</li>
 * <li>a {@link WebhookMessage}: id, type, timestamp, source, headers and the raw body;</li>
 * <li>any parameter an application's {@link WebhookListenerArgumentResolver} bean supports (asked before the
 * built-in resolvers).</li>
 * </ul>
 * A listener that throws makes the request fail with 500 (so the sender retries) and the message is not
 * recorded as handled.
 * <pre class="code">
 * &#064;WebhookListener(source = "anon", events = { "migration.completed", "migration_task.*" })
 * void onMigration(Migration migration, WebhookMessage message) { … }
 * </pre>
 * {@link #source()} and {@link #events()} may hold {@code ${…}} placeholders, resolved against the application's
 * configuration at start-up: {@code @WebhookListener(source = "${app.webhooks.source}", events =
 * "${app.webhooks.events}")}, where a comma-separated value gives several patterns.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WebhookListener {

	/**
	 * The name of the source, a key of {@code webhooks.receiver.sources}; may be a {@code ${…}} placeholder.
	 * @return the source name
	 */
	String source();

	/**
	 * The event types handled: exact names ({@code migration.completed}), a prefix wildcard
	 * ({@code migration_task.*}, any type starting with {@code migration_task.}) or {@code *}. Empty means all. An
	 * element may be a {@code ${…}} placeholder, whose value may list several patterns separated by commas.
	 * @return the event type patterns
	 */
	String[] events() default {};

	/**
	 * An id for the listener in logs and metrics; the bean and method name when empty.
	 * @return the id
	 */
	String id() default "";

}
