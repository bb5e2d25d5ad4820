package dev.webhooks.recipes;

import dev.webhooks.testsupport.AdvancingClock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application a recipe turns into a product: nothing but the auto-configuration (and, for Anchor, its scheme
 * bean), plus the clock the tests move forward to see retries fall due.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class RecipeTestApplication {

	@Bean
	AdvancingClock clock() {
		return new AdvancingClock();
	}

}
