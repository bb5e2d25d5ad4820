package dev.webhooks.receive;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@link WebhookListener} method parameter to the whole received envelope (the JSON body, with
 * {@code id}, {@code type}, {@code data} …), converted by the application's Jackson mapper to the parameter type,
 * for example {@code JsonNode}, {@code Map<String, Object>} or a record of your own.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Envelope {

}
