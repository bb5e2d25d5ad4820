package dev.webhooks.api;

import org.springframework.test.context.TestPropertySource;

/**
 * The activity call on embedded H2.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:activity-api;DB_CLOSE_DELAY=-1")
class H2ActivityApiTests extends ActivityApiContractTests {

}
