package dev.webhooks.api;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import dev.webhooks.event.JsonFieldPath;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Reads management API request bodies strictly: at most {@code maxSize} bytes are read (a larger body gets 413
 * without being read whole), the body must be JSON, in snake_case, with no unknown fields and no value of the
 * wrong JSON type (no string where a number belongs, nor the reverse), and no key given twice. Each failure is an
 * {@link ApiProblemException} naming the field.
 */
public class ApiRequestReader {

	private final JsonMapper mapper;

	private final long maxSize;

	/**
	 * Create a reader.
	 * @param maxSize the largest body read, in bytes
	 */
	public ApiRequestReader(long maxSize) {
		this.maxSize = maxSize;
		this.mapper = JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
					DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			// a key given twice is ambiguous (which one did the caller mean?), in a filter document as anywhere
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual, (config) -> config
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.build();
	}

	/**
	 * Read a body.
	 * @param request the request
	 * @param type the body type
	 * @param empty what an empty body means, or {@code null} when a body is required
	 * @param <T> the body type
	 * @return the body
	 */
	public <T> T read(HttpServletRequest request, Class<T> type, T empty) {
		byte[] body = readBytes(request);
		if (body.length == 0) {
			if (empty == null) {
				throw ApiProblemException.badRequest(null, "body-required", "The request needs a JSON body");
			}
			return empty;
		}
		requireJson(request);
		try {
			T value = this.mapper.readValue(body, type);
			if (value == null) {
				throw ApiProblemException.badRequest(null, "body-required", "The request needs a JSON object");
			}
			return value;
		}
		catch (UnrecognizedPropertyException ex) {
			throw ApiProblemException.badRequest(JsonFieldPath.of(ex.getPath()), "unknown-field",
					"'" + ex.getPropertyName() + "' is not a field of this request");
		}
		catch (MismatchedInputException ex) {
			String field = JsonFieldPath.of(ex.getPath());
			throw ApiProblemException.badRequest(field, "wrong-type", (field != null)
					? "'" + field + "' has the wrong JSON type" : "The body must be a JSON object");
		}
		catch (StreamReadException ex) {
			throw ApiProblemException.badRequest(null, "malformed-json", "The body is not valid JSON");
		}
		catch (JacksonException ex) {
			throw ApiProblemException.badRequest(JsonFieldPath.of(ex.getPath()), "wrong-type", "The body cannot be read");
		}
	}

	private byte[] readBytes(HttpServletRequest request) {
		long declared = request.getContentLengthLong();
		if (declared > this.maxSize) {
			throw tooLarge();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(Math.toIntExact(this.maxSize + 1));
			if (body.length > this.maxSize) {
				throw tooLarge();
			}
			return body;
		}
		catch (IOException ex) {
			throw ApiProblemException.badRequest(null, "unreadable-body", "The body could not be read");
		}
	}

	private ApiProblemException tooLarge() {
		return new ApiProblemException(HttpStatus.CONTENT_TOO_LARGE, null, "max-size",
				"The body is larger than " + this.maxSize + " bytes");
	}

	private static void requireJson(HttpServletRequest request) {
		String contentType = request.getContentType();
		boolean json;
		try {
			json = contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
		}
		catch (IllegalArgumentException ex) {
			json = false;
		}
		if (!json) {
			throw new ApiProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, "content-type",
					"The body must be sent as application/json");
		}
	}

}
