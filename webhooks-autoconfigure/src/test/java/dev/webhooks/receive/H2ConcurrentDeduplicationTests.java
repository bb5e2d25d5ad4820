package dev.webhooks.receive;

import dev.webhooks.store.JdbcIdempotencyStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = ReceiverTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:dedup-h2;DB_CLOSE_DELAY=-1" })
class H2ConcurrentDeduplicationTests extends ConcurrentDeduplicationTests {

	@Test
	void usesTheJdbcStoreOnH2() {
		assertThat(this.store).isInstanceOf(JdbcIdempotencyStore.class);
	}

}
