package dev.webhooks.publish;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.webhooks.event.StrippedPropertiesListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Counts the properties that event-type schemas stripped ({@link PublishMetrics#stripped}) and logs, once per
 * event type and at DEBUG, where they were: paths only, never values, so a property that should have been
 * declared shows up in the log without its content.
 */
public class StrippedPropertiesReporter implements StrippedPropertiesListener {

	private static final Log logger = LogFactory.getLog(StrippedPropertiesReporter.class);

	private final PublishMetrics metrics;

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	/**
	 * Create a reporter.
	 * @param metrics where the stripped properties are counted
	 */
	public StrippedPropertiesReporter(PublishMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void stripped(String eventType, List<String> paths) {
		this.metrics.stripped(eventType, paths.size());
		if (logger.isDebugEnabled() && this.logged.add(eventType)) {
			logger.debug("Stripped from a " + eventType + " payload what its schema does not declare: "
					+ String.join(", ", paths) + " (logged once per event type; every event is counted in "
					+ MicrometerPublishMetrics.STRIPPED + ")");
		}
	}

}
