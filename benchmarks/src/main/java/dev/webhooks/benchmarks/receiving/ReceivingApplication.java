package dev.webhooks.benchmarks.receiving;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import dev.webhooks.receive.WebhookListener;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application the receiving benchmark loads: the same envelope reaches a verifying {@code @WebhookListener}
 * of source {@code bench} and a plain {@code @PostMapping} that only binds the JSON, both in this one application.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ ReceivingApplication.PlainEndpoint.class, ReceivingApplication.BenchListener.class })
public class ReceivingApplication {

	/** The {@code data.object} of the benchmark's envelope. */
	public record Migration(String id, String name, String status, Instant createdAt, String log) {
	}

	/** The whole envelope, as the plain endpoint binds it. */
	public record Event(String id, String type, Instant timestamp, Data data) {

		/** The envelope's {@code data}. */
		public record Data(Migration object) {
		}

	}

	/** What a Spring team writes without the starter, minus the verification: bind the body and answer. */
	@RestController
	public static class PlainEndpoint {

		private final AtomicLong handled = new AtomicLong();

		@PostMapping("/plain")
		ResponseEntity<Void> receive(@RequestBody Event event) {
			if (event.data().object().id() != null) {
				this.handled.incrementAndGet();
			}
			return ResponseEntity.noContent().build();
		}

		long handled() {
			return this.handled.get();
		}

	}

	/** The verifying side: the starter verifies, de-duplicates and converts {@code data.object} before the call. */
	public static class BenchListener {

		private final AtomicLong handled = new AtomicLong();

		@WebhookListener(source = "bench")
		void on(Migration migration) {
			if (migration.id() != null) {
				this.handled.incrementAndGet();
			}
		}

		long handled() {
			return this.handled.get();
		}

	}

}
