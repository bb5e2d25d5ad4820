package dev.webhooks.api;

import org.springframework.test.context.TestPropertySource;

/**
 * The live delivery stream on embedded H2.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:delivery-stream;DB_CLOSE_DELAY=-1")
class H2DeliveryStreamTests extends DeliveryStreamContractTests {

}
