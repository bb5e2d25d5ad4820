package dev.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class Ed25519KeyTests {

	private static final HexFormat HEX = HexFormat.of();

	// RFC 8032, 7.1, TEST 2: the seed, its public key, the one-byte message 0x72 and its signature
	private static final byte[] SEED = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

	private static final byte[] PUBLIC = HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");

	private static final byte[] MESSAGE = { 0x72 };

	private static final byte[] SIGNATURE = HEX.parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
			+ "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

	private static final byte[] PKCS8_PREFIX = HEX.parseHex("302e020100300506032b657004220420");

	private static final byte[] SPKI_PREFIX = HEX.parseHex("302a300506032b6570032100");

	@Test
	void signsTheRfc8032VectorFromTheSvixLayoutOfSeedAndPublicKey() {
		Ed25519Key key = Ed25519Key.parse("whsk_" + b64(concat(SEED, PUBLIC)));

		assertThat(key.sign(MESSAGE)).isEqualTo(SIGNATURE);
		assertThat(key.publicText()).isEqualTo("whpk_" + b64(PUBLIC));
	}

	@Test
	void readsEachPrivateKeyLayoutAsTheSameKey() {
		Ed25519Key svix = Ed25519Key.parse("whsk_" + b64(concat(SEED, PUBLIC)));
		Ed25519Key seedOnly = Ed25519Key.parse("whsk_" + b64(SEED));
		Ed25519Key pkcs8 = Ed25519Key.parse("whsk_" + b64(concat(PKCS8_PREFIX, SEED)));

		assertThat(seedOnly).isEqualTo(svix);
		assertThat(pkcs8).isEqualTo(svix);
		assertThat(seedOnly.sign(MESSAGE)).isEqualTo(SIGNATURE);
		assertThat(pkcs8.sign(MESSAGE)).isEqualTo(SIGNATURE);
	}

	@Test
	void writesTheSvixLayoutWhateverLayoutItRead() {
		Ed25519Key key = Ed25519Key.parse("whsk_" + b64(SEED));

		assertThat(key.reveal()).isEqualTo("whsk_" + b64(concat(SEED, PUBLIC)));
		assertThat(key.publicKey().reveal()).isEqualTo("whpk_" + b64(PUBLIC));
	}

	@Test
	void verifiesTheRfc8032VectorWithEachPublicKeyLayout() {
		Ed25519Key raw = Ed25519Key.parse("whpk_" + b64(PUBLIC));
		Ed25519Key spki = Ed25519Key.parse("whpk_" + b64(concat(SPKI_PREFIX, PUBLIC)));

		assertThat(raw.verify(SIGNATURE, MESSAGE)).isTrue();
		assertThat(spki.verify(SIGNATURE, MESSAGE)).isTrue();
		assertThat(spki).isEqualTo(raw);
		assertThat(raw.isPrivate()).isFalse();
	}

	@Test
	void rejectsASignatureOfAnotherMessage() {
		Ed25519Key key = Ed25519Key.parse("whpk_" + b64(PUBLIC));

		assertThat(key.verify(SIGNATURE, new byte[] { 0x73 })).isFalse();
		assertThat(key.verify(new byte[12], MESSAGE)).isFalse();
	}

	@Test
	void verifiesAcrossTheMessagesParts() {
		Ed25519Key key = Ed25519Key.generate();
		byte[] signature = key.sign("msg_1.".getBytes(StandardCharsets.US_ASCII), "body".getBytes(StandardCharsets.US_ASCII));

		assertThat(key.publicKey().verify(signature, "msg_1.body".getBytes(StandardCharsets.US_ASCII))).isTrue();
	}

	@Test
	void oneThreadAlternatingKeysSignsAndVerifiesWithEachKeysOwn() {
		Ed25519Key first = Ed25519Key.parse("whsk_" + b64(SEED));
		Ed25519Key second = Ed25519Key.generate();

		for (int round = 0; round < 3; round++) {
			assertThat(first.sign(MESSAGE)).isEqualTo(SIGNATURE);
			byte[] other = second.sign(MESSAGE);
			assertThat(second.publicKey().verify(other, MESSAGE)).isTrue();
			assertThat(first.publicKey().verify(other, MESSAGE)).isFalse();
			assertThat(first.publicKey().verify(SIGNATURE, MESSAGE)).isTrue();
			assertThat(first.publicKey().verify(new byte[64], MESSAGE)).isFalse();
		}
	}

	@Test
	void rejectsASvixLayoutWhosePublicHalfIsNotTheSeeds() {
		byte[] wrongPublic = PUBLIC.clone();
		wrongPublic[0] ^= 1;

		assertThatExceptionOfType(InvalidWebhookSecretException.class)
			.isThrownBy(() -> Ed25519Key.parse("whsk_" + b64(concat(SEED, wrongPublic))))
			.withMessageContaining("not the public key");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "whsk_", "whsk_not*base64", "whsk_AAAA", "whpk_AAAA", "whsec_AAAA", "pk_x" })
	void rejectsWhatIsNotAKeyWithoutEchoingIt(String text) {
		assertThatExceptionOfType(InvalidWebhookSecretException.class).isThrownBy(() -> Ed25519Key.parse(text))
			.satisfies((ex) -> {
				if (text.length() > 5) {
					assertThat(ex.getMessage()).doesNotContain(text.substring(5));
				}
			});
	}

	@Test
	void aPublicKeyCannotSign() {
		assertThatIllegalStateException().isThrownBy(() -> Ed25519Key.generate().publicKey().sign(MESSAGE));
	}

	@Test
	void hidesAPrivateKeyButShowsAPublicOne() {
		Ed25519Key key = Ed25519Key.parse("whsk_" + b64(SEED));

		assertThat(key.toString()).doesNotContain(b64(SEED).substring(0, 8)).contains("*****");
		assertThat(key.publicKey().toString()).contains(key.publicText());
		assertThat(WebhookSecret.of(key).toString()).doesNotContain(b64(SEED).substring(0, 8));
	}

	@Test
	void generatesDistinctKeysThatRoundTripThroughTheirText() {
		Ed25519Key one = Ed25519Key.generate();
		Ed25519Key two = Ed25519Key.generate();

		assertThat(one).isNotEqualTo(two);
		assertThat(Ed25519Key.parse(one.reveal())).isEqualTo(one);
		assertThat(Ed25519Key.parse(one.publicText())).isEqualTo(one.publicKey());
	}

	@Test
	void aWebhookSecretOfTheKeysTextIsAV1aSecret() {
		Ed25519Key key = Ed25519Key.generate();

		WebhookSecret secret = WebhookSecret.parse(key.reveal());
		WebhookSecret publicSecret = WebhookSecret.parse(key.publicText());

		assertThat(secret.version()).isEqualTo("v1a");
		assertThat(secret.ed25519()).isEqualTo(key);
		assertThat(publicSecret.ed25519()).isEqualTo(key.publicKey());
		assertThat(WebhookSecret.generate().version()).isEqualTo("v1");
		assertThatIllegalStateException().isThrownBy(() -> secret.hmacSha256(MESSAGE));
	}

	private static String b64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] joined = new byte[first.length + second.length];
		System.arraycopy(first, 0, joined, 0, first.length);
		System.arraycopy(second, 0, joined, first.length, second.length);
		return joined;
	}

}
