package dev.webhooks.signing;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretEncryptionTests {

	private static final String KEY = "PHnrma+w9apcC0hj/8cOxsYwU8dMqyAu9Io06UuExss=";

	private static final String NEW_KEY = "JObLXcpXmCfCiwSSmeLpSJC0pCb6Uc73Cijb07vgdBA=";

	private static final String SECRETS = "[{\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}]";

	@Test
	void sealsSoThatTheTextNoLongerShowsAndOpensItAgain() {
		SecretEncryption encryption = SecretEncryption.withKeys(List.of(KEY));

		String sealed = encryption.seal(SECRETS);

		assertThat(sealed).startsWith(SecretEncryption.PREFIX).doesNotContain("whsec_").doesNotContain("MfKQ9r8G");
		assertThat(encryption.open(sealed)).isEqualTo(SECRETS);
		assertThat(encryption.seal(SECRETS)).as("a fresh nonce each time").isNotEqualTo(sealed);
	}

	@Test
	void theFirstKeyEncryptsAndEveryKeyDecryptsSoTheKeyCanBeRotated() {
		String sealedWithOld = SecretEncryption.withKeys(List.of(KEY)).seal(SECRETS);
		SecretEncryption rotated = SecretEncryption.withKeys(List.of(NEW_KEY, KEY));

		assertThat(rotated.open(sealedWithOld)).isEqualTo(SECRETS);
		String sealedWithNew = rotated.seal(SECRETS);
		assertThat(sealedWithNew).contains(rotated.keyFingerprints().get(0));
		assertThat(SecretEncryption.withKeys(List.of(NEW_KEY)).open(sealedWithNew)).isEqualTo(SECRETS);
		assertThatIllegalStateException().isThrownBy(() -> SecretEncryption.withKeys(List.of(KEY)).open(sealedWithNew))
			.withMessageContaining("not among webhooks.store.encryption-keys");
	}

	@Test
	void readsTextWrittenInClearAsItIs() {
		assertThat(SecretEncryption.withKeys(List.of(KEY)).open(SECRETS)).isEqualTo(SECRETS);
		assertThat(SecretEncryption.none().seal(SECRETS)).isEqualTo(SECRETS);
		assertThat(SecretEncryption.none().isEnabled()).isFalse();
	}

	@Test
	void refusesAnAlteredTextWithoutShowingIt() {
		SecretEncryption encryption = SecretEncryption.withKeys(List.of(KEY));
		String sealed = encryption.seal(SECRETS);
		char last = sealed.charAt(sealed.length() - 3);
		String altered = sealed.substring(0, sealed.length() - 3) + ((last == 'A') ? 'B' : 'A')
				+ sealed.substring(sealed.length() - 2);

		assertThatIllegalStateException().isThrownBy(() -> encryption.open(altered))
			.withMessageContaining("cannot be decrypted")
			.withMessageNotContaining("whsec_");
	}

	@Test
	void refusesAKeyThatIsNot32BytesOfBase64NamingItsPositionButNotItsValue() {
		String short16 = Base64.getEncoder().encodeToString(new byte[16]);

		assertThatIllegalArgumentException().isThrownBy(() -> SecretEncryption.withKeys(List.of(KEY, short16)))
			.withMessage("Encryption key [1] has 16 bytes; it needs 32 (openssl rand -base64 32)");
		assertThatIllegalArgumentException().isThrownBy(() -> SecretEncryption.withKeys(List.of("not base64!")))
			.withMessage("Encryption key [0] is not base64 text");
		assertThat(SecretEncryption.withKeys(List.of(KEY)).toString()).doesNotContain(KEY);
	}

}
