package dev.webhooks.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.webhooks.delivery.DeliveryChange;
import dev.webhooks.delivery.DeliveryFeed;
import dev.webhooks.delivery.DeliveryFeedPosition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The one reader of the {@link DeliveryFeed} on this instance while streams are open: every poll interval it reads
 * the changes of the tenants with open streams and hands those not sent yet to {@link DeliveryStreams}; it also
 * sends the heartbeats. Each read looks back over {@link StreamSettings#lookback()} (by creation time, and by
 * attempt id as it stood that long ago), so a change that another instance committed after a newer one was read
 * is still found; what was sent already is recognised and not sent again. Nothing is read while no stream is open.
 */
public class DeliveryStreamPoller implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DeliveryStreamPoller.class);

	private static final int SEEN = 10_000;

	private final DeliveryFeed feed;

	private final DeliveryStreams streams;

	private final StreamSettings settings;

	private final Clock clock;

	private final RecentStates seen = new RecentStates(SEEN);

	private final DeliveryStreamViews views;

	// the attempt watermark as each poll found it, for reads that look back by attempt id
	private final Deque<Watermark> watermarks = new ArrayDeque<>();

	private ScheduledExecutorService scheduler;

	private DeliveryFeedPosition position;

	private boolean behind;

	/**
	 * Create the poller.
	 * @param feed the store's changes
	 * @param streams the open streams
	 * @param settings timings and batch size
	 * @param views writes the events' data, the form in which what was sent is recognised
	 * @param clock the clock
	 */
	public DeliveryStreamPoller(DeliveryFeed feed, DeliveryStreams streams, StreamSettings settings,
			DeliveryStreamViews views, Clock clock) {
		this.feed = feed;
		this.streams = streams;
		this.settings = settings;
		this.views = views;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("webhook-stream-"));
		long poll = this.settings.pollInterval().toMillis();
		long heartbeat = this.settings.heartbeat().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::pollSafely, poll, poll, TimeUnit.MILLISECONDS);
		this.scheduler.scheduleWithFixedDelay(this.streams::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		this.streams.closeAll();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	private void pollSafely() {
		try {
			poll();
		}
		catch (RuntimeException ex) {
			// a database that is down for a while: the streams stay open and the next poll tries again
			logger.warn("Could not read the delivery changes for the open webhook streams: " + ex.getMessage());
		}
	}

	/**
	 * Read the changes of the tenants with open streams once and send them.
	 */
	void poll() {
		Set<String> tenants = this.streams.tenants();
		if (tenants.isEmpty()) {
			this.position = null;
			this.watermarks.clear();
			this.seen.clear();
			return;
		}
		Instant now = this.clock.instant();
		if (this.position == null) {
			this.position = this.feed.head();
		}
		DeliveryFeedPosition from = this.behind ? this.position : lookingBack(now);
		this.watermarks.addLast(new Watermark(now, this.position.attemptId()));
		List<DeliveryChange> changes = this.feed.changesSince(tenants, from, this.settings.batchLimit());
		List<DeliveryChange> fresh = new ArrayList<>(changes.size());
		DeliveryFeedPosition floor = this.position;
		for (DeliveryChange change : changes) {
			if (this.seen.changed(change.delivery().deliveryId(), this.views.json(change.delivery()))) {
				fresh.add(change);
			}
			this.position = this.position.including(change.position().createdAt(), change.position().deliveryId(),
					change.position().attemptId());
		}
		// a full batch means more are waiting: the next read starts where this one ended, without looking back
		this.behind = changes.size() >= this.settings.batchLimit();
		this.streams.broadcast(fresh, floor);
	}

	private DeliveryFeedPosition lookingBack(Instant now) {
		Instant horizon = now.minus(this.settings.lookback());
		// keep the newest watermark at or before the horizon as the first one
		while (this.watermarks.size() > 1 && !secondWatermark().at().isAfter(horizon)) {
			this.watermarks.removeFirst();
		}
		long attempt = this.watermarks.isEmpty() ? this.position.attemptId()
				: Math.min(this.watermarks.peekFirst().attemptId(), this.position.attemptId());
		// a delivery committed more than the lookback after it was created is found by its first attempt instead
		Instant newest = this.position.createdAt().isAfter(now) ? this.position.createdAt() : now;
		return new DeliveryFeedPosition(newest.minus(this.settings.lookback()).minus(this.settings.pollInterval()), "",
				attempt);
	}

	private Watermark secondWatermark() {
		return this.watermarks.stream().skip(1).findFirst().orElseThrow();
	}

	@Override
	public int getPhase() {
		// stopped before the web server, so the streams end cleanly instead of being cut
		return SmartLifecycle.DEFAULT_PHASE - 2048;
	}

	private record Watermark(Instant at, long attemptId) {
	}

}
