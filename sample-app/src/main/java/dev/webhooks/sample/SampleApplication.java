package dev.webhooks.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A migrations service that uses the webhooks starter on embedded H2. Run it with
 * {@code ./mvnw -pl sample-app -am spring-boot:run}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
