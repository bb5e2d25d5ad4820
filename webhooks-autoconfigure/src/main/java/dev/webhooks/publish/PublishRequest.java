package dev.webhooks.publish;

import java.util.Objects;

/**
 * A request to publish one event: its type and payload, and optionally its tenant, idempotency key, one-line {@code text}
 * and error message. Build one with {@link #builder(String)}.
 *
 * @param type the event type, for example {@code migration.completed}
 * @param data the payload, sent as {@code data.object}; any object Jackson can write, or {@code null}
 * @param tenantId the tenant whose endpoints receive it, or {@code null} for an event of no tenant
 * @param idempotencyKey a key that makes a repeated publish within the idempotency window return the first
 * event's id and send nothing, or {@code null}
 * @param text the one-line summary ({@code ✅ Task tsk_4f8w9n2b completed in 4.2s}), or {@code null}
 * @param errorMessage the error of a failure event, sent as {@code data.error_message}, or {@code null}
 */
public record PublishRequest(String type, Object data, String tenantId, String idempotencyKey, String text,
		String errorMessage) {

	public PublishRequest {
		Objects.requireNonNull(type, "A webhook event needs a type");
	}

	/**
	 * Start a request.
	 * @param type the event type
	 * @return a builder
	 */
	public static Builder builder(String type) {
		return new Builder(type);
	}

	/**
	 * Builds a {@link PublishRequest}.
	 */
	public static final class Builder {

		private final String type;

		private Object data;

		private String tenantId;

		private String idempotencyKey;

		private String text;

		private String errorMessage;

		private Builder(String type) {
			this.type = type;
		}

		/**
		 * Set the payload.
		 * @param data the payload
		 * @return this builder
		 */
		public Builder data(Object data) {
			this.data = data;
			return this;
		}

		/**
		 * Set the tenant.
		 * @param tenantId the tenant
		 * @return this builder
		 */
		public Builder tenant(String tenantId) {
			this.tenantId = tenantId;
			return this;
		}

		/**
		 * Set the idempotency key.
		 * @param idempotencyKey the key
		 * @return this builder
		 */
		public Builder idempotencyKey(String idempotencyKey) {
			this.idempotencyKey = idempotencyKey;
			return this;
		}

		/**
		 * Set the one-line summary.
		 * @param text the summary
		 * @return this builder
		 */
		public Builder text(String text) {
			this.text = text;
			return this;
		}

		/**
		 * Set the error message.
		 * @param errorMessage the message
		 * @return this builder
		 */
		public Builder errorMessage(String errorMessage) {
			this.errorMessage = errorMessage;
			return this;
		}

		/**
		 * Build the message.
		 * @return the message
		 */
		public PublishRequest build() {
			return new PublishRequest(this.type, this.data, emptyToNull(this.tenantId),
					emptyToNull(this.idempotencyKey), emptyToNull(this.text), emptyToNull(this.errorMessage));
		}

		private static String emptyToNull(String value) {
			return (value == null || value.isEmpty()) ? null : value;
		}

	}

}
