package dev.webhooks.event;

import java.time.Instant;

/**
 * What goes into one event's envelope, before it is serialised.
 *
 * @param id the event id
 * @param type the event type
 * @param created when it was published
 * @param tenantId the tenant, or {@code null}
 * @param text the one-line summary, or {@code null}
 * @param data the payload ({@code data.object}), any object Jackson can write, or {@code null}
 * @param errorMessage the error message of a failure event, or {@code null}
 */
public record EventContent(String id, String type, Instant created, String tenantId, String text, Object data,
		String errorMessage) {
}
