package dev.webhooks.api;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.webhooks.delivery.DeliveryChange;
import dev.webhooks.delivery.DeliveryFeed;
import dev.webhooks.delivery.DeliveryFeedPosition;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live streams of this instance, by tenant: opens one within the limits (per tenant and in all), sends a
 * resumed stream what changed since its cursor, hands each change of the {@link DeliveryFeed} to the streams of
 * its tenant, sends heartbeats, and drops a stream whose client went away, timed out or failed. An idle stream
 * holds no request thread: it is a servlet async request ({@link SseEmitter}) written to only from here.
 */
public class DeliveryStreams {

	private final DeliveryFeed feed;

	private final StreamSettings settings;

	private final DeliveryStreamViews views;

	private final Map<String, List<DeliveryStream>> byTenant = new ConcurrentHashMap<>();

	private final AtomicInteger open = new AtomicInteger();

	/**
	 * Create the registry.
	 * @param feed the store's changes, read for the catch-up of a resumed stream
	 * @param settings limits and timings
	 * @param views writes the events' data
	 */
	public DeliveryStreams(DeliveryFeed feed, StreamSettings settings, DeliveryStreamViews views) {
		this.feed = feed;
		this.settings = settings;
		this.views = views;
	}

	/**
	 * Open a stream.
	 * @param tenant the tenant, {@code null} in a single-tenant API
	 * @param after the position to resume after, or {@code null} for changes from now on
	 * @return the emitter the controller returns
	 * @throws ApiProblemException (429) when the tenant or the instance has as many streams as allowed
	 */
	SseEmitter open(String tenant, DeliveryFeedPosition after) {
		String key = key(tenant);
		reserve(key);
		SseEmitter emitter = new SseEmitter(this.settings.maxDuration().toMillis());
		DeliveryStream stream = new DeliveryStream(tenant, emitter);
		Runnable drop = () -> drop(key, stream);
		emitter.onCompletion(drop);
		emitter.onTimeout(drop);
		emitter.onError((ex) -> drop.run());
		this.byTenant.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>()).add(stream);
		// the stream is registered before the catch-up is read, and both write under the stream's lock: a change
		// made meanwhile is either in the catch-up or comes through the live feed after it
		try {
			synchronized (stream) {
				DeliveryFeedPosition position = (after != null) ? after : this.feed.head();
				if (!stream.sendPosition(StreamCursors.encode(position), 3000)) {
					drop.run();
					return emitter;
				}
				if (after != null) {
					Set<String> tenants = new HashSet<>();
					tenants.add(tenant);
					for (DeliveryChange change : this.feed.changesSince(tenants, after, this.settings.batchLimit())) {
						send(stream, change, change.position());
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// the catch-up could not be read: the stream is not opened, and its place is given back
			drop.run();
			throw ex;
		}
		return emitter;
	}

	private void reserve(String key) {
		if (this.open.incrementAndGet() > this.settings.maxTotal()) {
			this.open.decrementAndGet();
			throw tooMany("This instance has as many open streams as it allows (" + this.settings.maxTotal() + ")");
		}
		List<DeliveryStream> streams = this.byTenant.get(key);
		if (streams != null && streams.size() >= this.settings.maxPerTenant()) {
			this.open.decrementAndGet();
			throw tooMany("This tenant has as many open streams as it may (" + this.settings.maxPerTenant() + ")");
		}
	}

	private static ApiProblemException tooMany(String detail) {
		return new ApiProblemException(HttpStatus.TOO_MANY_REQUESTS, null, "too-many-streams",
				detail + "; close one first");
	}

	/**
	 * The tenants with an open stream.
	 * @return the tenants, {@code null} for the streams of a single-tenant API
	 */
	Set<String> tenants() {
		Set<String> tenants = new HashSet<>();
		this.byTenant.forEach((key, streams) -> {
			if (!streams.isEmpty()) {
				tenants.add(tenant(key));
			}
		});
		return tenants;
	}

	/**
	 * Send changes to the streams of their tenants.
	 * @param changes the changes
	 * @param cursorFloor a position each event's id is at least, so a client resuming does not get again what the
	 * reader had already passed
	 */
	void broadcast(Collection<DeliveryChange> changes, DeliveryFeedPosition cursorFloor) {
		for (DeliveryChange change : changes) {
			List<DeliveryStream> streams = this.byTenant.get(key(change.tenantId()));
			if (streams == null || streams.isEmpty()) {
				continue;
			}
			DeliveryFeedPosition cursor = cursorFloor.including(change.position().createdAt(),
					change.position().deliveryId(), change.position().attemptId());
			for (DeliveryStream stream : streams) {
				send(stream, change, cursor);
			}
		}
	}

	private void send(DeliveryStream stream, DeliveryChange change, DeliveryFeedPosition cursor) {
		String json = this.views.json(change.delivery());
		if (!stream.sendDelivery(change.delivery().deliveryId(), json, StreamCursors.encode(cursor))) {
			drop(key(stream.tenant()), stream);
		}
	}

	/**
	 * Send every stream a comment; a stream whose client went away is dropped.
	 */
	void heartbeat() {
		this.byTenant.forEach((key, streams) -> {
			for (DeliveryStream stream : streams) {
				if (!stream.sendComment("keep-alive")) {
					drop(key, stream);
				}
			}
		});
	}

	/**
	 * How many streams are open on this instance.
	 * @return the count
	 */
	public int openStreams() {
		return this.open.get();
	}

	/**
	 * End every stream, at shutdown.
	 */
	void closeAll() {
		this.byTenant.forEach((key, streams) -> streams.forEach((stream) -> {
			stream.markClosed();
			stream.emitter().complete();
			drop(key, stream);
		}));
	}

	private void drop(String key, DeliveryStream stream) {
		List<DeliveryStream> streams = this.byTenant.get(key);
		if (streams != null && streams.remove(stream)) {
			this.open.decrementAndGet();
			if (!stream.isClosed()) {
				stream.markClosed();
				stream.emitter().complete();
			}
		}
	}

	// the map cannot hold a null key: the streams of a single-tenant API are kept under one no tenant id can have
	private static final String NO_TENANT = "\u0000";

	private static String key(String tenant) {
		return (tenant != null) ? tenant : NO_TENANT;
	}

	private static String tenant(String key) {
		return NO_TENANT.equals(key) ? null : key;
	}

}
