package dev.webhooks.benchmarks.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.webhooks.signing.Ed25519Key;
import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.VerifiedSignature;
import dev.webhooks.signing.WebhookHeaders;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.signing.WebhookVerificationException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One signed message and every signer and verifier of the signing benchmarks, each operation a method, so that
 * {@link SigningBenchmark} (one method at a time, for the allocation per operation) and
 * {@link SigningSideBySideBenchmark} (all at once, for the rates) measure the same calls.
 * <p>
 * Each side gets its input in the form its API takes, prepared outside the measured call: ours the body's bytes
 * (what a receiver reads off the wire) and a {@link WebhookHeaders}, the libraries the body as a {@code String}
 * (decoding it is left out of their time) and a header map. Every verifier checks the timestamp against the
 * clock, ours included, so the headers are signed afresh before each iteration to stay inside the tolerance.
 * <p>
 * The two-secret cases are the rotation case at its most expensive: signing with two secrets computes two MACs,
 * and the two-secret verifier holds the new secret first while the sender still signs with the old one only, so
 * both secrets are tried. {@link #hmacFloor()} is the MAC alone, the limit of any verifier. The {@code v1a} cases
 * sign with an ed25519 private key and verify with its public key alone, as a receiver of an asymmetric sender does;
 * "both versions" is an endpoint that signs {@code v1} and {@code v1a} in one header.
 */
@State(Scope.Thread)
public class SignedMessage {

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private static final String MESSAGE_ID = "msg_2Lk3nP0aQ9xYzR8tB1cD7eFgHi";

	/** The body's size in bytes. */
	@Param({ "1024", "65536" })
	public int bodyBytes;

	private final StandardWebhooksScheme scheme = new StandardWebhooksScheme();

	private final PreviousVerifier previous = new PreviousVerifier();

	private final WebhookSecret secret = WebhookSecret.generate();

	private final WebhookSecret nextSecret = WebhookSecret.generate();

	private final List<WebhookSecret> oneSecret = List.of(this.secret);

	private final List<WebhookSecret> twoSecrets = List.of(this.secret, this.nextSecret);

	/** The receiver's secrets in the middle of a rotation: the new one first, the sender still on the old one. */
	private final List<WebhookSecret> rotatingReceiver = List.of(this.nextSecret, this.secret);

	/** The v1a sender's ed25519 private key, and the receiver's view of it: the public key alone. */
	private final Ed25519Key signingKey = Ed25519Key.generate();

	private final List<WebhookSecret> v1aSender = List.of(WebhookSecret.of(this.signingKey));

	private final List<WebhookSecret> v1aReceiver = List.of(WebhookSecret.of(this.signingKey.publicKey()));

	/** An endpoint that signs both versions: one HMAC and one ed25519 signature in one header. */
	private final List<WebhookSecret> bothVersions = List.of(this.secret, WebhookSecret.of(this.signingKey));

	private com.svix.Webhook svix;

	private com.standardwebhooks.Webhook standardWebhooks;

	private byte[] body;

	private String bodyText;

	private long timestamp;

	private WebhookHeaders headers;

	private WebhookHeaders v1aHeaders;

	private Map<String, List<String>> headerMap;

	private javax.crypto.Mac floorMac;

	private byte[] signedPrefix;

	@Setup(Level.Trial)
	public void createVerifiers() throws Exception {
		this.svix = new com.svix.Webhook(this.secret.reveal());
		this.standardWebhooks = new com.standardwebhooks.Webhook(this.secret.reveal());
		this.body = JsonBody.ofSize(this.bodyBytes);
		this.bodyText = new String(this.body, StandardCharsets.UTF_8);
		this.floorMac = javax.crypto.Mac.getInstance("HmacSHA256");
		this.floorMac.init(new javax.crypto.spec.SecretKeySpec(this.secret.key(), "HmacSHA256"));
	}

	@Setup(Level.Iteration)
	public void signAfresh() throws Exception {
		this.timestamp = Instant.now().getEpochSecond();
		Map<String, String> signed = this.scheme.sign(MESSAGE_ID, Instant.ofEpochSecond(this.timestamp), this.body,
				this.oneSecret);
		this.headers = WebhookHeaders.of(signed);
		this.signedPrefix = (MESSAGE_ID + "." + this.timestamp + ".").getBytes(StandardCharsets.US_ASCII);
		this.headerMap = Map.of(StandardWebhooksScheme.ID_HEADER, List.of(signed.get(StandardWebhooksScheme.ID_HEADER)),
				StandardWebhooksScheme.TIMESTAMP_HEADER, List.of(signed.get(StandardWebhooksScheme.TIMESTAMP_HEADER)),
				StandardWebhooksScheme.SIGNATURE_HEADER, List.of(signed.get(StandardWebhooksScheme.SIGNATURE_HEADER)));
		// a verifier that rejects would be measuring its exception path
		this.standardWebhooks.verify(this.bodyText, this.headerMap);
		this.svix.verify(this.bodyText, this.headerMap);
		this.scheme.verify(this.headers, this.body, this.rotatingReceiver, TOLERANCE, Instant.now());
		this.v1aHeaders = WebhookHeaders.of(this.scheme.sign(MESSAGE_ID, Instant.ofEpochSecond(this.timestamp),
				this.body, this.v1aSender));
		this.scheme.verify(this.v1aHeaders, this.body, this.v1aReceiver, TOLERANCE, Instant.now());
	}

	/**
	 * The floor any verifier has to pay: one HMAC-SHA256 of {@code id.timestamp.body} on an instance keyed in
	 * advance, with no header to read, no timestamp to check and no signature to decode or compare.
	 * @return the MAC
	 */
	byte[] hmacFloor() {
		this.floorMac.update(this.signedPrefix);
		this.floorMac.update(this.body);
		return this.floorMac.doFinal();
	}

	String oursSign() {
		return this.scheme.signatures(MESSAGE_ID, this.timestamp, this.body, this.oneSecret);
	}

	String oursSignTwoSecrets() {
		return this.scheme.signatures(MESSAGE_ID, this.timestamp, this.body, this.twoSecrets);
	}

	String oursSignV1a() {
		return this.scheme.signatures(MESSAGE_ID, this.timestamp, this.body, this.v1aSender);
	}

	String oursSignBothVersions() {
		return this.scheme.signatures(MESSAGE_ID, this.timestamp, this.body, this.bothVersions);
	}

	String svixSign() throws Exception {
		return this.svix.sign(MESSAGE_ID, this.timestamp, this.bodyText);
	}

	String standardWebhooksSign() throws Exception {
		return this.standardWebhooks.sign(MESSAGE_ID, this.timestamp, this.bodyText);
	}

	VerifiedSignature oursVerify() throws WebhookVerificationException {
		return this.scheme.verify(this.headers, this.body, this.oneSecret, TOLERANCE, Instant.now());
	}

	VerifiedSignature oursVerifyTwoSecrets() throws WebhookVerificationException {
		return this.scheme.verify(this.headers, this.body, this.rotatingReceiver, TOLERANCE, Instant.now());
	}

	VerifiedSignature previousVerify() {
		return this.previous.verify(this.headers, this.body, this.oneSecret, TOLERANCE, Instant.now());
	}

	VerifiedSignature oursVerifyV1a() throws WebhookVerificationException {
		return this.scheme.verify(this.v1aHeaders, this.body, this.v1aReceiver, TOLERANCE, Instant.now());
	}

	Map<String, List<String>> svixVerify() throws Exception {
		this.svix.verify(this.bodyText, this.headerMap);
		return this.headerMap;
	}

	Map<String, List<String>> standardWebhooksVerify() throws Exception {
		this.standardWebhooks.verify(this.bodyText, this.headerMap);
		return this.headerMap;
	}

}
