package dev.webhooks.signing;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * The entries of a Standard Webhooks signature header, {@code <version>,<base64>} separated by runs of the
 * characters of {@code \s}, read in place: the header is walked once per question, without splitting it into
 * strings (a {@code split("\\s+")} compiled its pattern on every request, which cost more than the MAC of a small
 * body). Only the text before an entry's first comma is its version.
 */
final class SignatureEntries {

	private SignatureEntries() {
	}

	/**
	 * Whether an entry of the version carries exactly the base64 of the expected bytes, as the JDK's encoder
	 * writes it, compared in constant time for entries of its length.
	 * @param header the header value
	 * @param version the version, for example {@code v1}
	 * @param expected the expected signature
	 * @return {@code true} when one entry matches
	 */
	static boolean containsEncoded(String header, String version, byte[] expected) {
		byte[] encoded = Base64.getEncoder().encode(expected);
		int length = header.length();
		int start = skipSpace(header, 0);
		boolean found = false;
		while (start < length) {
			int end = entryEnd(header, start);
			int value = valueStart(header, start, end, version);
			if (value >= 0 && end - value == encoded.length) {
				int difference = 0;
				for (int i = 0; i < encoded.length; i++) {
					difference |= header.charAt(value + i) ^ encoded[i];
				}
				found |= difference == 0;
			}
			start = skipSpace(header, end);
		}
		return found;
	}

	/**
	 * Whether an entry of the version is an ed25519 signature of the content made with the key.
	 * @param header the header value
	 * @param version the version, {@code v1a}
	 * @param key the key whose public half verifies
	 * @param parts the signed content
	 * @return {@code true} when one entry verifies
	 */
	static boolean anyVerifies(String header, String version, Ed25519Key key, byte[]... parts) {
		return visitValues(header, version, (signature) -> key.verify(signature, parts));
	}

	/**
	 * The decoded values of a version's entries; undecodable ones are skipped, as another entry may still verify.
	 * @param header the header value
	 * @param version the version
	 * @return the decoded values, in order
	 */
	static List<byte[]> decoded(String header, String version) {
		List<byte[]> result = new ArrayList<>(2);
		visitValues(header, version, (value) -> !result.add(value));
		return result;
	}

	/**
	 * Hand each decodable value of a version's entries to the visitor, in order, until it answers {@code true}.
	 * The hot path of {@code v1}, {@link #containsEncoded}, walks the header by itself: it decodes nothing and
	 * must not stop at the first match.
	 */
	private static boolean visitValues(String header, String version, Predicate<byte[]> visitor) {
		Base64.Decoder decoder = Base64.getDecoder();
		int length = header.length();
		int start = skipSpace(header, 0);
		while (start < length) {
			int end = entryEnd(header, start);
			int value = valueStart(header, start, end, version);
			if (value >= 0) {
				byte[] bytes = decodeOrNull(decoder, header.substring(value, end));
				if (bytes != null && visitor.test(bytes)) {
					return true;
				}
			}
			start = skipSpace(header, end);
		}
		return false;
	}

	private static byte[] decodeOrNull(Base64.Decoder decoder, String text) {
		try {
			return decoder.decode(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Where the value of an entry of this version starts, or -1 when the entry is of another version. */
	private static int valueStart(String header, int start, int end, String version) {
		int versionLength = version.length();
		if (start + versionLength < end && header.charAt(start + versionLength) == ','
				&& header.startsWith(version, start)) {
			return start + versionLength + 1;
		}
		return -1;
	}

	private static int entryEnd(String header, int start) {
		int end = start;
		while (end < header.length() && !isRegexSpace(header.charAt(end))) {
			end++;
		}
		return end;
	}

	private static int skipSpace(String header, int from) {
		int at = from;
		while (at < header.length() && isRegexSpace(header.charAt(at))) {
			at++;
		}
		return at;
	}

	/** The characters of the regular expression class {@code \s}. */
	private static boolean isRegexSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

}
