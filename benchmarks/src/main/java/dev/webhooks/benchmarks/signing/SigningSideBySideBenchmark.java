package dev.webhooks.benchmarks.signing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.webhooks.signing.VerifiedSignature;
import dev.webhooks.signing.WebhookVerificationException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The signers, and then the verifiers, all running at the same time, each on a thread of its own: a JMH group
 * per operation. On a machine shared with other work the speed changes from one second to the next, so rates
 * measured one benchmark after another compare moments, not code; threads that run side by side get the same
 * share of the same cores at the same moments, and the ratio of their rates is the ratio of their costs. The
 * garbage the libraries make is collected by threads that take their share from all of them alike.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class SigningSideBySideBenchmark {

	@Benchmark
	@Group("verify")
	@GroupThreads(1)
	public byte[] hmacFloor(SignedMessage message) {
		return message.hmacFloor();
	}

	@Benchmark
	@Group("verify")
	@GroupThreads(1)
	public VerifiedSignature oursVerify(SignedMessage message) throws WebhookVerificationException {
		return message.oursVerify();
	}

	@Benchmark
	@Group("verify")
	@GroupThreads(1)
	public VerifiedSignature oursVerifyTwoSecrets(SignedMessage message) throws WebhookVerificationException {
		return message.oursVerifyTwoSecrets();
	}

	@Benchmark
	@Group("verify")
	@GroupThreads(1)
	public VerifiedSignature previousVerify(SignedMessage message) {
		return message.previousVerify();
	}

	@Benchmark
	@Group("verify")
	@GroupThreads(1)
	public VerifiedSignature oursVerifyV1a(SignedMessage message) throws WebhookVerificationException {
		return message.oursVerifyV1a();
	}

	@Benchmark
	@Group("verify")
	@GroupThreads(1)
	public Map<String, List<String>> svixVerify(SignedMessage message) throws Exception {
		return message.svixVerify();
	}

	@Benchmark
	@Group("verify")
	@GroupThreads(1)
	public Map<String, List<String>> standardWebhooksVerify(SignedMessage message) throws Exception {
		return message.standardWebhooksVerify();
	}

	@Benchmark
	@Group("sign")
	@GroupThreads(1)
	public String oursSign(SignedMessage message) {
		return message.oursSign();
	}

	@Benchmark
	@Group("sign")
	@GroupThreads(1)
	public String oursSignTwoSecrets(SignedMessage message) {
		return message.oursSignTwoSecrets();
	}

	@Benchmark
	@Group("sign")
	@GroupThreads(1)
	public String oursSignV1a(SignedMessage message) {
		return message.oursSignV1a();
	}

	@Benchmark
	@Group("sign")
	@GroupThreads(1)
	public String svixSign(SignedMessage message) throws Exception {
		return message.svixSign();
	}

	@Benchmark
	@Group("sign")
	@GroupThreads(1)
	public String standardWebhooksSign(SignedMessage message) throws Exception {
		return message.standardWebhooksSign();
	}

}
