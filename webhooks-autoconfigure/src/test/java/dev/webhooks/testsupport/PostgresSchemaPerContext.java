package dev.webhooks.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test class on PostgreSQL, in a schema of its own that is dropped when its context closes, after
 * the class ({@link DirtiesContext}): the PostgreSQL subclass of a contract whose {@code @SpringBootTest} is on the
 * contract says only this. Skipped, or failed under {@code CI=true}, where PostgreSQL is unreachable
 * ({@link RequiresPostgres}). The schema's URL is the context's {@code spring.datasource.url}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequiresPostgres
@ContextConfiguration(initializers = PostgresSchemaInitializer.class)
@DirtiesContext
public @interface PostgresSchemaPerContext {

}
