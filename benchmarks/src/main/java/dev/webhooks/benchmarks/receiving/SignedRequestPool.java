package dev.webhooks.benchmarks.receiving;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.WebhookSecret;

/**
 * Requests signed in advance for one wrk run, one file per wrk thread, each line {@code id timestamp signature}
 * of a fresh message id over the same body. Signing them here keeps the HMAC off wrk's threads, which share the
 * two cores with the application measured.
 */
final class SignedRequestPool {

	private final Path directory;

	private final int threads;

	private SignedRequestPool(Path directory, int threads) {
		this.directory = directory;
		this.threads = threads;
	}

	/**
	 * Sign {@code size} requests with ids no other pool uses.
	 * @param run a name for the ids of this pool
	 * @param size the number of requests, split between the threads
	 * @param threads the number of wrk threads
	 * @param body the body every request carries
	 * @param secret the source's secret
	 * @return the pool, in a new temporary directory
	 */
	static SignedRequestPool sign(String run, int size, int threads, byte[] body, WebhookSecret secret)
			throws IOException {
		Path directory = Files.createTempDirectory("receiving-pool");
		StandardWebhooksScheme scheme = new StandardWebhooksScheme();
		long timestamp = Instant.now().getEpochSecond();
		List<WebhookSecret> secrets = List.of(secret);
		int perThread = size / threads + 1;
		for (int t = 0; t < threads; t++) {
			try (BufferedWriter out = Files.newBufferedWriter(directory.resolve("pool-" + t + ".txt"),
					StandardCharsets.US_ASCII)) {
				for (int i = 0; i < perThread; i++) {
					String id = "msg_" + run + "_" + t + "_" + i;
					out.write(id);
					out.write(' ');
					out.write(Long.toString(timestamp));
					out.write(' ');
					out.write(scheme.signatures(id, timestamp, body, secrets));
					out.write('\n');
				}
			}
		}
		return new SignedRequestPool(directory, threads);
	}

	/** The prefix the wrk script appends a thread's index and {@code .txt} to. */
	String prefix() {
		return this.directory.resolve("pool-").toString();
	}

	int threads() {
		return this.threads;
	}

	void delete() throws IOException {
		for (int t = 0; t < this.threads; t++) {
			Files.deleteIfExists(this.directory.resolve("pool-" + t + ".txt"));
		}
		Files.deleteIfExists(this.directory);
	}

}
