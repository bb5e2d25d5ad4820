package dev.webhooks.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The live delivery stream on embedded H2.
 */
@SpringBootTest(classes = ApiTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:delivery-stream;DB_CLOSE_DELAY=-1")
class H2DeliveryStreamTests extends DeliveryStreamContractTests {

}
