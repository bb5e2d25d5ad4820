package dev.webhooks.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this library, for the default {@code user-agent}: written into
 * {@code webhooks-version.properties} by the build, so it is known in a jar and in a classes folder alike.
 */
public final class WebhooksVersion {

	private static final String VERSION_PROPERTIES = "webhooks-version.properties";

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
		try (InputStream in = WebhooksVersion.class.getResourceAsStream(VERSION_PROPERTIES)) {
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
