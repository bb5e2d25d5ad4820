package dev.webhooks.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a payload property as secret: the envelope writer sends {@code "*****"} in its place, whatever its value.
 * Put it on a field, a getter or a record component.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WebhookSensitive {

}
