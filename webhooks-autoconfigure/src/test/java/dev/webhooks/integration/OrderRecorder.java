package dev.webhooks.integration;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import com.sun.net.httpserver.HttpExchange;

import dev.webhooks.delivery.TestReceiver;

/**
 * A receiver's responder that records, for the tests of ordered endpoints and rate limits, the order of the first
 * successful delivery of each event (by its {@code webhook-id}), the arrival time of every request, and the
 * most requests it ever had in flight at once. It fails requests at random from a seeded generator, and always
 * fails the events a predicate names by their rank of first arrival (0 for the first event that arrived).
 */
class OrderRecorder implements TestReceiver.Responder {

	private final Random random;

	private final double failureRate;

	private final IntPredicate alwaysFails;

	/** The rank of each event by its first arrival: 0 for the first event that arrived. */
	private final Map<String, Integer> ranks = new ConcurrentHashMap<>();

	private final long holdMillis;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final Set<String> succeeded = ConcurrentHashMap.newKeySet();

	private final List<String> firstSuccesses = new CopyOnWriteArrayList<>();

	private final List<Instant> arrivals = new CopyOnWriteArrayList<>();

	private final Map<String, Instant> lastRequestAt = new ConcurrentHashMap<>();

	OrderRecorder(long seed, double failureRate, IntPredicate alwaysFails, long holdMillis) {
		this.random = new Random(seed);
		this.failureRate = failureRate;
		this.alwaysFails = alwaysFails;
		this.holdMillis = holdMillis;
	}

	static OrderRecorder succeeding() {
		return new OrderRecorder(0, 0, (rank) -> false, 0);
	}

	@Override
	public void respond(int number, HttpExchange exchange) throws IOException, InterruptedException {
		int now = this.inFlight.incrementAndGet();
		this.maxInFlight.accumulateAndGet(now, Math::max);
		int status;
		try {
			Instant at = Instant.now();
			this.arrivals.add(at);
			String id = eventId(exchange);
			this.lastRequestAt.put(id, at);
			if (this.holdMillis > 0) {
				Thread.sleep(this.holdMillis);
			}
			boolean fail;
			synchronized (this.random) {
				fail = this.random.nextDouble() < this.failureRate;
			}
			int rank;
			synchronized (this.ranks) {
				rank = this.ranks.computeIfAbsent(id, (key) -> this.ranks.size());
			}
			status = (fail || this.alwaysFails.test(rank)) ? 503 : 200;
			if (status == 200 && this.succeeded.add(id)) {
				this.firstSuccesses.add(id);
			}
		}
		finally {
			// a request is over once its answer starts: the sender may send the next one as soon as it has it
			this.inFlight.decrementAndGet();
		}
		TestReceiver.reply(exchange, status, Map.of(), "");
	}

	private static String eventId(HttpExchange exchange) {
		return exchange.getRequestHeaders().getFirst("webhook-id");
	}

	/** The events in the order of their first successful delivery. */
	List<String> firstSuccesses() {
		return new ArrayList<>(this.firstSuccesses);
	}

	int successes() {
		return this.firstSuccesses.size();
	}

	/** The most requests that were in the receiver at one time. */
	int maxInFlight() {
		return this.maxInFlight.get();
	}

	List<Instant> arrivals() {
		return new ArrayList<>(this.arrivals);
	}

	Instant lastRequestAt(String n) {
		return this.lastRequestAt.get(n);
	}

	/** The most requests that arrived within any window of the given length. */
	static int mostWithin(List<Instant> arrivals, java.time.Duration window) {
		List<Instant> sorted = new ArrayList<>(arrivals);
		sorted.sort(null);
		int most = 0;
		int from = 0;
		for (int to = 0; to < sorted.size(); to++) {
			while (!sorted.get(from).plus(window).isAfter(sorted.get(to))) {
				from++;
			}
			most = Math.max(most, to - from + 1);
		}
		return most;
	}

}
