package dev.webhooks.event.filter;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A dotted path into the envelope ({@code data.object.amount}). Each segment names an object property; on an array,
 * a segment of digits picks the element at that index ({@code data.object.items.0.sku}). There is no wildcard and
 * no fan-out over array elements on the way, so resolving a path costs at most one step per segment.
 */
final class EnvelopePath {

	private final String text;

	private final String[] segments;

	private final int[] indexes;

	EnvelopePath(String text, List<String> segments) {
		this.text = text;
		this.segments = segments.toArray(String[]::new);
		this.indexes = new int[this.segments.length];
		for (int i = 0; i < this.segments.length; i++) {
			this.indexes[i] = index(this.segments[i]);
		}
	}

	/**
	 * The value at this path.
	 * @param root the envelope
	 * @return the value, or {@code null} when the path is missing (JSON {@code null} is a value)
	 */
	JsonNode resolve(JsonNode root) {
		JsonNode node = root;
		for (int i = 0; i < this.segments.length && node != null; i++) {
			if (node.isObject()) {
				node = node.get(this.segments[i]);
			}
			else if (node.isArray() && this.indexes[i] >= 0) {
				node = (this.indexes[i] < node.size()) ? node.get(this.indexes[i]) : null;
			}
			else {
				node = null;
			}
		}
		return node;
	}

	@Override
	public String toString() {
		return this.text;
	}

	private static int index(String segment) {
		if (segment.isEmpty() || segment.length() > 9) {
			return -1;
		}
		for (int i = 0; i < segment.length(); i++) {
			if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
				return -1;
			}
		}
		return Integer.parseInt(segment);
	}

}
