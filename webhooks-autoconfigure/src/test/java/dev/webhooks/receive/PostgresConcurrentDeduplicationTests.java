package dev.webhooks.receive;

import dev.webhooks.store.JdbcIdempotencyStore;
import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@RequiresPostgres
@SpringBootTest(classes = ReceiverTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "webhooks.store.initialize-schema=always" })
class PostgresConcurrentDeduplicationTests extends ConcurrentDeduplicationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", PostgresTestDatabase::createSchema);
		registry.add("spring.datasource.username", PostgresTestDatabase::user);
		registry.add("spring.datasource.password", PostgresTestDatabase::password);
	}

	@Test
	void usesTheJdbcStoreOnPostgres() {
		assertThat(this.store).isInstanceOf(JdbcIdempotencyStore.class);
	}

}
