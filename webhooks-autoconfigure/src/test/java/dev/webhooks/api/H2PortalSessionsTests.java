package dev.webhooks.api;

import org.springframework.test.context.TestPropertySource;

/**
 * Portal links and sessions on embedded H2.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:portal-sessions;DB_CLOSE_DELAY=-1")
class H2PortalSessionsTests extends PortalSessionsContractTests {

}
