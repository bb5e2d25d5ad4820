package dev.webhooks.event;

import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * Jackson module that writes every property marked {@link WebhookSensitive @WebhookSensitive} as
 * {@code "*****"}, null or not, so the value never leaves the application.
 */
public class SensitiveFieldsModule extends SimpleModule {

	public SensitiveFieldsModule() {
		super("webhooks-sensitive-fields");
		setSerializerModifier(new MaskingModifier());
	}

	private static final class MaskingModifier extends ValueSerializerModifier {

		@Override
		public List<BeanPropertyWriter> changeProperties(SerializationConfig config,
				BeanDescription.Supplier beanDesc, List<BeanPropertyWriter> properties) {
			for (BeanPropertyWriter property : properties) {
				if (property.getAnnotation(WebhookSensitive.class) != null) {
					property.assignSerializer(MaskSerializer.INSTANCE);
					property.assignNullSerializer(MaskSerializer.INSTANCE);
				}
			}
			return properties;
		}

	}

	private static final class MaskSerializer extends ValueSerializer<Object> {

		static final MaskSerializer INSTANCE = new MaskSerializer();

		@Override
		public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(CredentialMasker.MASK);
		}

	}

}
