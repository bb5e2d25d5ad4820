package dev.webhooks.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this library, for the default {@code user-agent}: taken from the jar manifest, else from the
 * Maven descriptor Maven puts in the jar, else {@code unknown} (running from an IDE's classes folder).
 */
public final class WebhooksVersion {

	private static final String POM_PROPERTIES = "/META-INF/maven/dev.webhooks/webhooks-autoconfigure/pom.properties";

	private static final String VERSION = find();

	private WebhooksVersion() {
	}

	/**
	 * The version.
	 * @return the version, or {@code unknown}
	 */
	public static String get() {
		return VERSION;
	}

	/**
	 * The default {@code user-agent} of outgoing webhooks: the starter's name and version.
	 * @return the user agent
	 */
	public static String userAgent() {
		return "webhooks-spring-boot-starter/" + VERSION;
	}

	private static String find() {
		String version = WebhooksVersion.class.getPackage().getImplementationVersion();
		if (version != null) {
			return version;
		}
		try (InputStream in = WebhooksVersion.class.getResourceAsStream(POM_PROPERTIES)) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				return properties.getProperty("version", "unknown");
			}
		}
		catch (IOException ex) {
			// fall through: the version is only informative
		}
		return "unknown";
	}

}
