package dev.webhooks.publish;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every publishing test context adds: a recording dispatcher and a URL guard that accepts the test URLs.
 */
@Configuration(proxyBeanMethods = false)
class PublishTestBeans {

	@Bean
	RecordingDispatcher recordingDispatcher() {
		return new RecordingDispatcher();
	}

	@Bean
	PermissiveUrlGuard permissiveUrlGuard() {
		return new PermissiveUrlGuard();
	}

}
