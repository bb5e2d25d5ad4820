package dev.webhooks.benchmarks.signing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.webhooks.signing.VerifiedSignature;
import dev.webhooks.signing.WebhookVerificationException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verifying a Standard Webhooks message, one operation at a time: ours against
 * {@code com.svix:svix} and {@code com.standardwebhooks:standardwebhooks} on the same 1 KB and 64 KB bodies
 * ({@link SignedMessage}). Run with {@code -prof gc} by {@code bash benchmarks/signing.sh}, it gives the bytes
 * allocated per operation, which do not depend on the machine's load. The rates of one run are only comparable
 * with each other on a quiet machine; {@link SigningSideBySideBenchmark} measures them all at the same time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SigningBenchmark {

	@Benchmark
	public byte[] hmacFloor(SignedMessage message) {
		return message.hmacFloor();
	}

	@Benchmark
	public String oursSign(SignedMessage message) {
		return message.oursSign();
	}

	@Benchmark
	public String oursSignTwoSecrets(SignedMessage message) {
		return message.oursSignTwoSecrets();
	}

	@Benchmark
	public String oursSignV1a(SignedMessage message) {
		return message.oursSignV1a();
	}

	@Benchmark
	public String oursSignBothVersions(SignedMessage message) {
		return message.oursSignBothVersions();
	}

	@Benchmark
	public String svixSign(SignedMessage message) throws Exception {
		return message.svixSign();
	}

	@Benchmark
	public String standardWebhooksSign(SignedMessage message) throws Exception {
		return message.standardWebhooksSign();
	}

	@Benchmark
	public VerifiedSignature oursVerify(SignedMessage message) throws WebhookVerificationException {
		return message.oursVerify();
	}

	@Benchmark
	public VerifiedSignature oursVerifyTwoSecrets(SignedMessage message) throws WebhookVerificationException {
		return message.oursVerifyTwoSecrets();
	}

	@Benchmark
	public VerifiedSignature previousVerify(SignedMessage message) {
		return message.previousVerify();
	}

	@Benchmark
	public VerifiedSignature oursVerifyV1a(SignedMessage message) throws WebhookVerificationException {
		return message.oursVerifyV1a();
	}

	@Benchmark
	public Map<String, List<String>> svixVerify(SignedMessage message) throws Exception {
		return message.svixVerify();
	}

	@Benchmark
	public Map<String, List<String>> standardWebhooksVerify(SignedMessage message) throws Exception {
		return message.standardWebhooksVerify();
	}

}
