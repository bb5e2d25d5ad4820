package dev.webhooks.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.webhooks.delivery.DeliveryActivity;
import dev.webhooks.delivery.DeliveryActivity.MinuteCount;
import dev.webhooks.delivery.DeliveryStatus;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's deliveries per minute by status over a window (default the last hour, at most a day): every minute
 * of the window is in the answer, those without deliveries with zeros, so a chart draws it as it comes.
 */
@RestController
@RequestMapping(path = "${webhooks.api.base-path:/v1/webhooks}/activity", produces = "application/json")
public class ActivityController {

	static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

	static final Duration MAX_WINDOW = Duration.ofDays(1);

	private final DeliveryActivity activity;

	private final ApiContext context;

	/**
	 * Create the controller.
	 * @param activity the per-minute counts
	 * @param context tenancy and the clock
	 */
	public ActivityController(DeliveryActivity activity, ApiContext context) {
		this.activity = activity;
		this.context = context;
	}

	@GetMapping
	public ActivityView activity(HttpServletRequest request, @RequestParam(required = false) String since,
			@RequestParam(required = false) String until) {
		String tenant = this.context.tenantOf(request);
		Instant now = this.context.clock().instant();
		Instant to = minuteAfter((until != null) ? instant("until", until) : now);
		Instant from = (since != null) ? instant("since", since).truncatedTo(ChronoUnit.MINUTES)
				: to.minus(DEFAULT_WINDOW);
		if (!from.isBefore(to)) {
			throw ApiProblemException.badRequest("since", "before-until", "'since' must be before 'until'");
		}
		if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
			throw ApiProblemException.badRequest("since", "range",
					"'since' and 'until' may be at most " + MAX_WINDOW.toHours() + " hours apart");
		}
		Map<Instant, Map<DeliveryStatus, Long>> counts = new LinkedHashMap<>();
		for (Instant minute = from; minute.isBefore(to); minute = minute.plus(1, ChronoUnit.MINUTES)) {
			counts.put(minute, new EnumMap<>(DeliveryStatus.class));
		}
		for (MinuteCount count : this.activity.countPerMinute(tenant, from, to)) {
			Map<DeliveryStatus, Long> minute = counts.get(count.minute());
			if (minute != null) {
				minute.merge(count.status(), count.count(), Long::sum);
			}
		}
		List<MinuteView> minutes = new ArrayList<>(counts.size());
		counts.forEach((minute, byStatus) -> minutes.add(MinuteView.of(minute, byStatus)));
		return new ActivityView(from, to, 60, minutes);
	}

	/** The end of the minute an instant is in: the window holds the current minute whole. */
	private static Instant minuteAfter(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
	}

	private static Instant instant(String name, String value) {
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw ApiProblemException.badRequest(name, "not-a-timestamp",
					"'" + name + "' must be an ISO-8601 UTC timestamp such as 2026-04-18T08:20:13Z");
		}
	}

	/**
	 * The answer: the window and its minutes, oldest first.
	 *
	 * @param since the start of the first minute
	 * @param until the end of the last minute
	 * @param intervalSeconds the length of a bucket, 60
	 * @param data one bucket per minute
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record ActivityView(Instant since, Instant until, int intervalSeconds, List<MinuteView> data) {
	}

	/**
	 * The deliveries created in one minute, by the status they have now.
	 *
	 * @param minute the start of the minute
	 * @param succeeded delivered with a 2xx
	 * @param pending not delivered yet, retries included
	 * @param failed refused with a status that is not retried
	 * @param dead every attempt failed
	 * @param cancelled not sent: the endpoint was deleted
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record MinuteView(Instant minute, long succeeded, long pending, long failed, long dead,
			long cancelled) {

		static MinuteView of(Instant minute, Map<DeliveryStatus, Long> counts) {
			return new MinuteView(minute, counts.getOrDefault(DeliveryStatus.SUCCEEDED, 0L),
					counts.getOrDefault(DeliveryStatus.PENDING, 0L), counts.getOrDefault(DeliveryStatus.FAILED, 0L),
					counts.getOrDefault(DeliveryStatus.DEAD, 0L), counts.getOrDefault(DeliveryStatus.CANCELLED, 0L));
		}

		/** The sum of all statuses. */
		@JsonProperty("total")
		public long total() {
			return this.succeeded + this.pending + this.failed + this.dead + this.cancelled;
		}

	}

}
