package dev.webhooks.event;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * How the envelope is written: field names, removed fields, the API version, whether {@code data} wraps the
 * payload, and the size limit above which the payload (or only one field of it) is replaced by
 * {@value #TRUNCATED}.
 */
public final class EnvelopeFormat {

	/** What {@code data.object} becomes when the envelope would exceed the size limit. */
	public static final String TRUNCATED = "__truncated__";

	/** The size limit of reference/002: 64 KB. */
	public static final int DEFAULT_MAX_SIZE = 64 * 1024;

	private final Map<EnvelopeField, String> names;

	private final Set<EnvelopeField> removed;

	private final String apiVersion;

	private final boolean wrapData;

	private final int maxSize;

	private final String truncatedField;

	private EnvelopeFormat(Map<EnvelopeField, String> names, Set<EnvelopeField> removed, String apiVersion,
			boolean wrapData, int maxSize, String truncatedField) {
		this.names = names;
		this.removed = removed;
		this.apiVersion = apiVersion;
		this.wrapData = wrapData;
		this.maxSize = maxSize;
		this.truncatedField = truncatedField;
	}

	/**
	 * The default format: every field under its default name, {@code data} wrapping the payload, 64 KB.
	 * @return the format
	 */
	public static EnvelopeFormat defaults() {
		return builder().build();
	}

	/**
	 * A builder starting from the defaults.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The JSON name of a field.
	 * @param field the field
	 * @return its name
	 */
	public String name(EnvelopeField field) {
		return this.names.getOrDefault(field, field.defaultName());
	}

	/**
	 * Whether a field is written.
	 * @param field the field
	 * @return {@code false} when it was removed
	 */
	public boolean includes(EnvelopeField field) {
		return !this.removed.contains(field);
	}

	/**
	 * The API version written in {@code api_version}.
	 * @return the version, or {@code null}
	 */
	public String apiVersion() {
		return this.apiVersion;
	}

	/**
	 * Whether {@code data} is an object holding {@code object} and {@code error_message} (Anon), or the payload
	 * itself with the error message at the top level (Anvil).
	 * @return {@code true} to wrap
	 */
	public boolean wrapData() {
		return this.wrapData;
	}

	/**
	 * The largest envelope, in bytes, sent with its payload.
	 * @return the limit
	 */
	public int maxSize() {
		return this.maxSize;
	}

	/**
	 * The field of the payload replaced first when the envelope is too large, as a JSON pointer into the payload
	 * (Anchor's {@code /output/value}); the whole payload is replaced when that is not enough or there is none.
	 * @return the pointer, or {@code null}
	 */
	public String truncatedField() {
		return this.truncatedField;
	}

	/**
	 * Builds an {@link EnvelopeFormat}.
	 */
	public static final class Builder {

		private final Map<EnvelopeField, String> names = new EnumMap<>(EnvelopeField.class);

		private final Set<EnvelopeField> removed = EnumSet.noneOf(EnvelopeField.class);

		private String apiVersion;

		private boolean wrapData = true;

		private int maxSize = DEFAULT_MAX_SIZE;

		private String truncatedField;

		private Builder() {
		}

		/**
		 * Rename a field.
		 * @param field the field
		 * @param name its JSON name
		 * @return this builder
		 */
		public Builder rename(EnvelopeField field, String name) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("The envelope field " + field + " needs a non-empty name");
			}
			this.names.put(field, name);
			return this;
		}

		/**
		 * Remove a field.
		 * @param field the field
		 * @return this builder
		 */
		public Builder remove(EnvelopeField field) {
			this.removed.add(field);
			return this;
		}

		/**
		 * Set the API version.
		 * @param apiVersion the version, or {@code null} to leave {@code api_version} out
		 * @return this builder
		 */
		public Builder apiVersion(String apiVersion) {
			this.apiVersion = (apiVersion == null || apiVersion.isBlank()) ? null : apiVersion;
			return this;
		}

		/**
		 * Choose whether {@code data} wraps the payload.
		 * @param wrapData {@code false} to send the payload itself as {@code data}
		 * @return this builder
		 */
		public Builder wrapData(boolean wrapData) {
			this.wrapData = wrapData;
			return this;
		}

		/**
		 * Set the size limit.
		 * @param maxSize bytes, at least 1024
		 * @return this builder
		 */
		public Builder maxSize(int maxSize) {
			if (maxSize < 1024) {
				throw new IllegalArgumentException(
						"The envelope size limit must be at least 1024 bytes, not " + maxSize);
			}
			this.maxSize = maxSize;
			return this;
		}

		/**
		 * Set the field of the payload replaced first when the envelope is too large.
		 * @param pointer a JSON pointer into the payload such as {@code /output/value}, or {@code null} to replace
		 * the whole payload
		 * @return this builder
		 */
		public Builder truncatedField(String pointer) {
			if (pointer != null && !pointer.isBlank() && (!pointer.startsWith("/") || pointer.length() < 2)) {
				throw new IllegalArgumentException("The truncated field must be a JSON pointer into the payload, "
						+ "such as /output/value, not '" + pointer + "'");
			}
			this.truncatedField = (pointer == null || pointer.isBlank()) ? null : pointer;
			return this;
		}

		/**
		 * Build the format.
		 * @return the format
		 */
		public EnvelopeFormat build() {
			return new EnvelopeFormat(new EnumMap<>(this.names), this.removed.isEmpty()
					? EnumSet.noneOf(EnvelopeField.class) : EnumSet.copyOf(this.removed), this.apiVersion,
					this.wrapData, this.maxSize, this.truncatedField);
		}

	}

}
