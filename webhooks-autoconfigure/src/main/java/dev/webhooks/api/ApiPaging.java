package dev.webhooks.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import dev.webhooks.delivery.DeliveryLogPage;
import dev.webhooks.delivery.DeliveryLogQuery;
import dev.webhooks.delivery.DeliveryLogQuery.Position;
import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.event.EventTypes;
import dev.webhooks.api.ApiResponses.PageView;

/**
 * The list parameters of the management API ({@code limit}, {@code cursor}, and for the logs {@code status},
 * {@code event_type}, {@code since}, {@code until}), checked into a {@link DeliveryLogQuery}, and the
 * {@code next_cursor} / {@code prev_cursor} of the page read with it.
 */
public final class ApiPaging {

	private final int defaultLimit;

	private final int maxLimit;

	/**
	 * Create the paging rules.
	 * @param defaultLimit the page size without {@code limit}
	 * @param maxLimit the largest {@code limit}
	 */
	public ApiPaging(int defaultLimit, int maxLimit) {
		this.defaultLimit = defaultLimit;
		this.maxLimit = maxLimit;
	}

	/**
	 * A query from request parameters.
	 * @param limit the {@code limit} parameter
	 * @param cursor the {@code cursor} parameter
	 * @param status the {@code status} parameter: statuses separated by commas
	 * @param eventType the {@code event_type} parameter
	 * @param since the {@code since} parameter, ISO-8601
	 * @param until the {@code until} parameter, ISO-8601
	 * @return the query
	 */
	public DeliveryLogQuery query(String limit, String cursor, String status, String eventType, String since,
			String until) {
		Set<DeliveryStatus> statuses = EnumSet.noneOf(DeliveryStatus.class);
		if (status != null && !status.isBlank()) {
			for (String name : status.split(",")) {
				try {
					statuses.add(DeliveryStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
				}
				catch (IllegalArgumentException ex) {
					throw ApiProblemException.badRequest("status", "unknown-status", "'" + name.strip()
							+ "' is not a status: use pending, succeeded, failed, dead or cancelled");
				}
			}
		}
		if (eventType != null) {
			try {
				EventTypes.requireValid(eventType);
			}
			catch (IllegalArgumentException ex) {
				throw ApiProblemException.badRequest("event_type", "invalid-event-type", ex.getMessage());
			}
		}
		Instant from = instant("since", since);
		Instant to = instant("until", until);
		if (from != null && to != null && !from.isBefore(to)) {
			throw ApiProblemException.badRequest("until", "until-after-since", "'until' must be later than 'since'");
		}
		return new DeliveryLogQuery(statuses, eventType, from, to, PageCursors.decode(cursor), limit(limit));
	}

	/**
	 * A query without filters, for lists that have none.
	 * @param limit the {@code limit} parameter
	 * @param cursor the {@code cursor} parameter
	 * @return the query
	 */
	public DeliveryLogQuery query(String limit, String cursor) {
		return query(limit, cursor, null, null, null, null);
	}

	/**
	 * The response page of a log page.
	 * @param query the query it was read with
	 * @param page the page
	 * @param position the position of an item
	 * @param view the view of an item
	 * @param <T> the item type
	 * @param <V> the view type
	 * @return the response page
	 */
	public <T, V> PageView<V> view(DeliveryLogQuery query, DeliveryLogPage<T> page, Function<T, Position> position,
			Function<T, V> view) {
		List<T> items = page.items();
		boolean towardsNewer = query.position() != null && query.position().newer();
		boolean moreOlder = towardsNewer ? !items.isEmpty() : page.more();
		boolean moreNewer = towardsNewer ? page.more() : (query.position() != null && !items.isEmpty());
		String next = (moreOlder && !items.isEmpty()) ? cursor(position.apply(items.get(items.size() - 1)), false)
				: null;
		String prev = moreNewer ? cursor(position.apply(items.get(0)), true) : null;
		return new PageView<>(items.stream().map(view).toList(), next, prev);
	}

	/**
	 * One page of a list held in memory, such as a tenant's endpoints.
	 * @param query the query, whose filters are not applied
	 * @param all every item
	 * @param createdAt the creation time of an item
	 * @param id the id of an item
	 * @param <T> the item type
	 * @return the page, newest first
	 */
	public <T> DeliveryLogPage<T> page(DeliveryLogQuery query, List<T> all, Function<T, Instant> createdAt,
			Function<T, String> id) {
		Comparator<T> newestFirst = Comparator.comparing(createdAt).thenComparing(id).reversed();
		Position at = query.position();
		List<T> sorted = all.stream().sorted(newestFirst).toList();
		List<T> candidates = sorted.stream().filter((item) -> {
			if (at == null) {
				return true;
			}
			int compared = createdAt.apply(item).compareTo(at.createdAt());
			if (compared == 0) {
				compared = id.apply(item).compareTo(at.id());
			}
			return at.newer() ? compared > 0 : compared < 0;
		}).toList();
		if (at != null && at.newer()) {
			int from = Math.max(0, candidates.size() - query.limit());
			return new DeliveryLogPage<>(candidates.subList(from, candidates.size()), from > 0);
		}
		boolean more = candidates.size() > query.limit();
		return new DeliveryLogPage<>(candidates.subList(0, Math.min(query.limit(), candidates.size())), more);
	}

	private static String cursor(Position position, boolean newer) {
		return PageCursors.encode(new Position(position.createdAt(), position.id(), newer));
	}

	private int limit(String limit) {
		if (limit == null || limit.isBlank()) {
			return this.defaultLimit;
		}
		int value;
		try {
			value = Integer.parseInt(limit.strip());
		}
		catch (NumberFormatException ex) {
			throw ApiProblemException.badRequest("limit", "not-a-number", "'limit' must be a whole number");
		}
		if (value < 1 || value > this.maxLimit) {
			throw ApiProblemException.badRequest("limit", "range", "'limit' must be between 1 and " + this.maxLimit);
		}
		return value;
	}

	private static Instant instant(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw ApiProblemException.badRequest(name, "not-a-timestamp",
					"'" + name + "' must be an ISO-8601 UTC timestamp such as 2026-04-18T08:20:13Z");
		}
	}

}
