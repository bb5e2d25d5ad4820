package dev.webhooks.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The activity call on embedded H2.
 */
@SpringBootTest(classes = ApiTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:activity-api;DB_CLOSE_DELAY=-1")
class H2ActivityApiTests extends ActivityApiContractTests {

}
