package dev.webhooks.api;

import org.springframework.test.context.TestPropertySource;

/**
 * The management API on embedded H2.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:management-api;DB_CLOSE_DELAY=-1")
class H2ManagementApiTests extends ManagementApiContractTests {

}
