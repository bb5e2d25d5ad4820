package dev.webhooks.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Portal links and sessions on embedded H2.
 */
@SpringBootTest(classes = PortalTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:portal-sessions;DB_CLOSE_DELAY=-1")
class H2PortalSessionsTests extends PortalSessionsContractTests {

}
