package dev.webhooks.benchmarks.signing;

import java.nio.charset.StandardCharsets;

/**
 * A webhook-shaped JSON body of an exact size, so that the 1 KB and 64 KB rows differ only in length.
 */
final class JsonBody {

	private static final String HEAD = "{\"type\":\"migration.completed\",\"timestamp\":\"2026-12-01T09:00:00Z\","
			+ "\"data\":{\"id\":\"mig_4f8w9n2b\",\"log\":\"";

	private static final String TAIL = "\"}}";

	private JsonBody() {
	}

	/**
	 * A JSON object of {@code bytes} UTF-8 bytes whose log field pads it to the size.
	 * @param bytes the size, at least the object's fixed part
	 * @return the body
	 */
	static byte[] ofSize(int bytes) {
		int padding = bytes - HEAD.length() - TAIL.length();
		if (padding < 0) {
			throw new IllegalArgumentException("A body of " + bytes + " bytes cannot hold the event's fields");
		}
		StringBuilder json = new StringBuilder(bytes).append(HEAD);
		String line = "step completed; ";
		for (int i = 0; i < padding; i++) {
			json.append(line.charAt(i % line.length()));
		}
		byte[] body = json.append(TAIL).toString().getBytes(StandardCharsets.UTF_8);
		if (body.length != bytes) {
			throw new IllegalStateException("Built " + body.length + " bytes instead of " + bytes);
		}
		return body;
	}

}
