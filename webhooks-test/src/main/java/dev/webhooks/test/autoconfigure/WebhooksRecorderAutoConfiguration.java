package dev.webhooks.test.autoconfigure;

import dev.webhooks.autoconfigure.WebhooksDeliveryAutoConfiguration;
import dev.webhooks.delivery.WebhookTransport;
import dev.webhooks.publish.WebhookPublisher;
import dev.webhooks.test.RecordingWebhookPublisher;
import dev.webhooks.test.RecordingWebhookTransport;
import dev.webhooks.test.WebhookRecorder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What {@link AutoConfigureWebhooksRecorder} imports: the {@link WebhookRecorder}, a {@link RecordingWebhookTransport}
 * in place of the HTTP one (it runs before {@link WebhooksDeliveryAutoConfiguration}, whose transport then backs off,
 * and is primary over one of the application's), and a post-processor that records what the application's
 * {@link WebhookPublisher} publishes.
 */
@AutoConfiguration(before = WebhooksDeliveryAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public final class WebhooksRecorderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebhookRecorder webhookRecorder(ObjectProvider<JsonMapper> mapper) {
		return new WebhookRecorder(mapper.getIfUnique(JsonMapper::shared));
	}

	@Bean
	@Primary
	WebhookTransport webhookTransport(WebhookRecorder recorder) {
		return new RecordingWebhookTransport(recorder);
	}

	@Bean
	static BeanPostProcessor webhookPublisherRecorder(ObjectProvider<WebhookRecorder> recorder) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof WebhookPublisher publisher && !(bean instanceof RecordingWebhookPublisher)) {
					return new RecordingWebhookPublisher(publisher, recorder.getObject());
				}
				return bean;
			}

		};
	}

}
