package dev.webhooks.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.webhooks.test.WebhookRecorder;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * On a test class ({@code @SpringBootTest} or a slice), turns the real delivery off and installs a
 * {@link WebhookRecorder}: deliveries are signed and recorded instead of sent (no network), and every committed
 * publish is recorded. Inject the recorder and assert with {@code assertThat(recorder).published(…)}. The
 * auto-configurations it imports are listed in
 * {@code META-INF/spring/dev.webhooks.test.autoconfigure.AutoConfigureWebhooksRecorder.imports}, as Spring Boot's
 * own {@code @AutoConfigure…} annotations do.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureWebhooksRecorder {

}
