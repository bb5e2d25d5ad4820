package dev.webhooks.event;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serialises an event into its envelope, once: the bytes returned are stored and sent to every endpoint on every
 * attempt. Applies the payload rules: properties marked {@link WebhookSensitive @WebhookSensitive} become
 * {@code "*****"}, credentials in {@code error_message} and {@code text} are masked, the payload loses what its
 * type's schema does not declare ({@link EventSchemaEnforcer}), and a payload that would still make the envelope
 * larger than the limit is replaced by {@value EnvelopeFormat#TRUNCATED} (first only its
 * {@link EnvelopeFormat#truncatedField() truncated field}, when one is configured).
 */
public class WebhookEnvelopeWriter {

	private final ObjectMapper mapper;

	private final EnvelopeFormat format;

	private final EventSchemaEnforcer schemas;

	/**
	 * Create a writer with a plain {@link JsonMapper}.
	 * @param format the envelope format
	 */
	public WebhookEnvelopeWriter(EnvelopeFormat format) {
		this(JsonMapper.shared(), format);
	}

	/**
	 * Create a writer.
	 * @param mapper the application's mapper, so payloads are written as its REST API writes them; the
	 * {@link SensitiveFieldsModule} is added to a copy of it
	 * @param format the envelope format
	 */
	public WebhookEnvelopeWriter(ObjectMapper mapper, EnvelopeFormat format) {
		this(mapper, format, EventSchemaEnforcer.NONE);
	}

	/**
	 * Create a writer that applies event-type schemas.
	 * @param mapper the application's mapper, so payloads are written as its REST API writes them; the
	 * {@link SensitiveFieldsModule} is added to a copy of it
	 * @param format the envelope format
	 * @param schemas strips (and may validate) each payload by its type's schema, once per event
	 */
	public WebhookEnvelopeWriter(ObjectMapper mapper, EnvelopeFormat format, EventSchemaEnforcer schemas) {
		this.mapper = mapper.rebuild().addModule(new SensitiveFieldsModule()).build();
		this.format = format;
		this.schemas = schemas;
	}

	/**
	 * The format this writer uses.
	 * @return the format
	 */
	public EnvelopeFormat format() {
		return this.format;
	}

	/**
	 * Serialise an event.
	 * @param content the event
	 * @return the envelope as UTF-8 JSON
	 * @throws EventSchemaViolationException when schema validation is strict and the payload does not match its
	 * type's schema
	 */
	public byte[] write(EventContent content) {
		String text = CredentialMasker.mask(content.text());
		String errorMessage = CredentialMasker.mask(content.errorMessage());
		// masked while it becomes a tree, then stripped; the size limit applies to what is left
		Object data = this.schemas.apply(content.type(), content.data(), this.mapper::valueToTree);
		byte[] body = write(content, data, text, errorMessage);
		if (body.length > this.format.maxSize() && this.format.truncatedField() != null) {
			Object withoutField = withoutTruncatedField(data);
			if (withoutField != null) {
				body = write(content, withoutField, text, errorMessage);
			}
		}
		if (body.length > this.format.maxSize()) {
			body = write(content, EnvelopeFormat.TRUNCATED, text, errorMessage);
		}
		return body;
	}

	/** The payload as a tree with the truncated field replaced, or {@code null} when it has no such field. */
	private Object withoutTruncatedField(Object data) {
		JsonNode tree = (data instanceof JsonNode node) ? node.deepCopy() : this.mapper.valueToTree(data);
		JsonPointer pointer = JsonPointer.compile(this.format.truncatedField());
		String name = pointer.last().getMatchingProperty();
		if (tree.at(pointer.head()) instanceof ObjectNode parent && parent.has(name)) {
			parent.put(name, EnvelopeFormat.TRUNCATED);
			return tree;
		}
		return null;
	}

	private byte[] write(EventContent content, Object data, String text, String errorMessage) {
		EnvelopeFormat f = this.format;
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		try (JsonGenerator json = this.mapper.createGenerator(out)) {
			json.writeStartObject();
			writeString(json, EnvelopeField.ID, content.id());
			writeString(json, EnvelopeField.OBJECT, "event");
			writeString(json, EnvelopeField.TYPE, content.type());
			writeString(json, EnvelopeField.CREATED, formatTime(content.created()));
			writeString(json, EnvelopeField.API_VERSION, f.apiVersion());
			writeString(json, EnvelopeField.TENANT_ID, content.tenantId());
			writeString(json, EnvelopeField.TEXT, text);
			if (f.wrapData()) {
				if (f.includes(EnvelopeField.DATA)) {
					json.writeName(f.name(EnvelopeField.DATA));
					json.writeStartObject();
					if (f.includes(EnvelopeField.DATA_OBJECT)) {
						json.writeName(f.name(EnvelopeField.DATA_OBJECT));
						json.writePOJO(data);
					}
					writeString(json, EnvelopeField.ERROR_MESSAGE, errorMessage);
					json.writeEndObject();
				}
			}
			else {
				if (f.includes(EnvelopeField.DATA)) {
					json.writeName(f.name(EnvelopeField.DATA));
					json.writePOJO(data);
				}
				writeString(json, EnvelopeField.ERROR_MESSAGE, errorMessage);
			}
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private void writeString(JsonGenerator json, EnvelopeField field, String value) {
		if (value != null && !value.isEmpty() && this.format.includes(field)) {
			json.writeStringProperty(this.format.name(field), value);
		}
	}

	private static String formatTime(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MICROS).toString() : null;
	}

}
