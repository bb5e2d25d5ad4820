package dev.webhooks.api;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream of a tenant: its {@link SseEmitter} and what it was last sent of each delivery. Sends are
 * serialised per stream, so the catch-up of a resumed stream and the live feed never interleave.
 */
final class DeliveryStream {

	private static final int RECENT = 1000;

	private final String tenant;

	private final SseEmitter emitter;

	private final RecentStates sent = new RecentStates(RECENT);

	private volatile boolean closed;

	DeliveryStream(String tenant, SseEmitter emitter) {
		this.tenant = tenant;
		this.emitter = emitter;
	}

	String tenant() {
		return this.tenant;
	}

	SseEmitter emitter() {
		return this.emitter;
	}

	boolean isClosed() {
		return this.closed;
	}

	void markClosed() {
		this.closed = true;
	}

	/**
	 * Send a delivery's state unless this stream sent it last.
	 * @param deliveryId the delivery
	 * @param json its log item
	 * @param cursor the event id
	 * @return {@code false} when the client has gone
	 */
	synchronized boolean sendDelivery(String deliveryId, String json, String cursor) {
		if (!this.sent.changed(deliveryId, json)) {
			return true;
		}
		return send(SseEmitter.event().name("delivery").id(cursor).data(json, MediaType.APPLICATION_JSON));
	}

	/**
	 * Send a comment, which keeps the connection open and finds a client that has gone.
	 * @param comment the comment
	 * @return {@code false} when the client has gone
	 */
	synchronized boolean sendComment(String comment) {
		return send(SseEmitter.event().comment(comment));
	}

	/**
	 * Send the position a client resumes from when it reconnects before any delivery changed.
	 * @param cursor the position
	 * @param reconnectMillis how long a browser waits before it reconnects
	 * @return {@code false} when the client has gone
	 */
	synchronized boolean sendPosition(String cursor, long reconnectMillis) {
		return send(SseEmitter.event().id(cursor).reconnectTime(reconnectMillis).comment("connected"));
	}

	private boolean send(SseEmitter.SseEventBuilder event) {
		if (this.closed) {
			return false;
		}
		try {
			this.emitter.send(event);
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away (or the emitter completed): the registry drops the stream
			this.closed = true;
			return false;
		}
	}

}
