package dev.webhooks.delivery;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the delivery backlog and the dead deliveries (from the cached {@link DeliveryBacklog}); down when the
 * store cannot be read. A backlog or dead deliveries do not make it down: they are the receivers' trouble, not
 * this application's, and are for alerts on the metrics.
 */
public class DeliveryHealthIndicator implements HealthIndicator {

	private final DeliveryBacklog backlog;

	/**
	 * Create the indicator.
	 * @param backlog the cached counts
	 */
	public DeliveryHealthIndicator(DeliveryBacklog backlog) {
		this.backlog = backlog;
	}

	@Override
	public Health health() {
		try {
			DeliveryBacklog.Counts counts = this.backlog.counts();
			return Health.up().withDetail("backlog", counts.pending()).withDetail("dead", counts.dead()).build();
		}
		catch (RuntimeException ex) {
			return Health.down(ex).build();
		}
	}

}
