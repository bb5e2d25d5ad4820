package dev.webhooks.event;

import java.util.List;

import tools.jackson.core.JacksonException;

/**
 * The field a Jackson error is about, written as a path into the JSON ({@code items[2].price}): what a problem
 * detail names when a body or payload does not convert, without echoing the value.
 */
public final class JsonFieldPath {

	private JsonFieldPath() {
	}

	/**
	 * The path of the field an error is about.
	 * @param path the error's reference chain ({@link JacksonException#getPath()})
	 * @return the path, or {@code null} when the error is about the document itself
	 */
	public static String of(List<JacksonException.Reference> path) {
		if (path == null || path.isEmpty()) {
			return null;
		}
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				if (!field.isEmpty()) {
					field.append('.');
				}
				field.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? null : field.toString();
	}

}
