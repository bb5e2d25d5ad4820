package dev.webhooks.publish;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class StrippedPropertiesReporterTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger(StrippedPropertiesReporter.class);

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private Level level;

	@BeforeEach
	void captureDebug() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.log.start();
		this.logger.addAppender(this.log);
	}

	@AfterEach
	void restore() {
		this.logger.detachAppender(this.log);
		this.logger.setLevel(this.level);
	}

	@Test
	void countsEveryStrippedPropertyAndLogsThePathsOncePerType() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		StrippedPropertiesReporter reporter = new StrippedPropertiesReporter(new MicrometerPublishMetrics(registry));

		reporter.stripped("migration.completed", List.of("$.internal_cost", "$.owner.email"));
		reporter.stripped("migration.completed", List.of("$.internal_cost"));
		reporter.stripped("migration.failed", List.of("$.tasks[*].token"));

		assertThat(registry.get(MicrometerPublishMetrics.STRIPPED).tag("event.type", "migration.completed").counter()
			.count()).isEqualTo(3);
		assertThat(registry.get(MicrometerPublishMetrics.STRIPPED).tag("event.type", "migration.failed").counter()
			.count()).isEqualTo(1);
		assertThat(this.log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
				"Stripped from a migration.completed payload what its schema does not declare: $.internal_cost, "
						+ "$.owner.email (logged once per event type; every event is counted in webhooks.payload.stripped)",
				"Stripped from a migration.failed payload what its schema does not declare: $.tasks[*].token "
						+ "(logged once per event type; every event is counted in webhooks.payload.stripped)");
		assertThat(this.log.list).allSatisfy((event) -> assertThat(event.getLevel()).isEqualTo(Level.DEBUG));
	}

}
