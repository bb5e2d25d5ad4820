package dev.webhooks.receive;

import dev.webhooks.store.JdbcIdempotencyStore;
import dev.webhooks.testsupport.PostgresSchemaPerContext;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresSchemaPerContext
@SpringBootTest(classes = ReceiverTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "webhooks.store.initialize-schema=always" })
class PostgresConcurrentDeduplicationTests extends ConcurrentDeduplicationTests {

	@Test
	void usesTheJdbcStoreOnPostgres() {
		assertThat(this.store).isInstanceOf(JdbcIdempotencyStore.class);
	}

}
