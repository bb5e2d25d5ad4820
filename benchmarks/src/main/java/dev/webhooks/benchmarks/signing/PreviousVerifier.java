package dev.webhooks.benchmarks.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.webhooks.signing.VerifiedSignature;
import dev.webhooks.signing.WebhookHeaders;
import dev.webhooks.signing.WebhookSecret;

/**
 * The Standard Webhooks verification as {@code StandardWebhooksScheme} did it before the 1 KB verify round of
 * issue 12, kept here unchanged so the benchmark measures before and after side by side in one run: the timestamp
 * checked with {@code chars().allMatch} and a {@link Duration}, its message built on every call, every {@code v1}
 * entry decoded, and the signed content's start passed to the MAC in four pieces. Benchmark code only: the starter
 * does not use it, and it skips the error reporting the real verifier does.
 */
final class PreviousVerifier {

	private static final byte[] DOT = { '.' };

	private final String timestampHeader = "webhook-timestamp";

	VerifiedSignature verify(WebhookHeaders headers, byte[] body, List<WebhookSecret> secrets, Duration tolerance,
			Instant now) {
		String id = headers.first("webhook-id", "webhook-id", "svix-id");
		String timestampText = headers.first(this.timestampHeader, "webhook-timestamp", "svix-timestamp");
		String signatureHeader = headers.first("webhook-signature", "webhook-signature", "svix-signature");
		Instant timestamp = parseTimestamp(timestampText, "the " + this.timestampHeader + " header");
		long seconds = timestamp.getEpochSecond();
		Duration distance = Duration.between(timestamp, now).abs();
		if (distance.compareTo(tolerance) > 0) {
			throw new IllegalStateException("timestamp out of tolerance");
		}
		List<byte[]> candidates = candidates(signatureHeader);
		for (WebhookSecret secret : secrets) {
			byte[] expected = secret.hmacSha256(id.getBytes(StandardCharsets.UTF_8), DOT,
					Long.toString(seconds).getBytes(StandardCharsets.US_ASCII), DOT, body);
			for (byte[] candidate : candidates) {
				if (MessageDigest.isEqual(expected, candidate)) {
					return new VerifiedSignature(id, timestamp);
				}
			}
		}
		throw new IllegalStateException("no signature matches");
	}

	private static Instant parseTimestamp(String text, String where) {
		String digits = text.strip();
		boolean plain = !digits.isEmpty() && digits.length() <= 18
				&& digits.chars().allMatch((c) -> c >= '0' && c <= '9');
		if (!plain) {
			throw new IllegalStateException("The timestamp in " + where + " is not a unix timestamp in seconds");
		}
		try {
			return Instant.ofEpochSecond(Long.parseLong(digits));
		}
		catch (DateTimeException ex) {
			throw new IllegalStateException("The timestamp in " + where + " is out of range");
		}
	}

	private static List<byte[]> candidates(String header) {
		List<byte[]> result = new ArrayList<>(2);
		Base64.Decoder decoder = Base64.getDecoder();
		String stripped = header.strip();
		int length = stripped.length();
		int start = 0;
		while (start < length) {
			int end = start;
			int comma = -1;
			while (end < length && !isRegexSpace(stripped.charAt(end))) {
				if (comma < 0 && stripped.charAt(end) == ',') {
					comma = end;
				}
				end++;
			}
			if (comma - start == 2 && stripped.startsWith("v1", start)) {
				try {
					result.add(decoder.decode(stripped.substring(comma + 1, end)));
				}
				catch (IllegalArgumentException ex) {
					// not base64
				}
			}
			start = end;
			while (start < length && isRegexSpace(stripped.charAt(start))) {
				start++;
			}
		}
		return result;
	}

	private static boolean isRegexSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

}
