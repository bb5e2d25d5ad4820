package dev.webhooks.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.webhooks.delivery.DeliveryOutcomeClassifier.Classification;
import dev.webhooks.delivery.EndpointLanes.Item;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The delivery engine: takes leased deliveries, sends each one signed for its attempt, classifies what came back
 * and writes the outcomes in batches. No database connection is held while a request is in flight.
 * <p>
 * Each endpoint has a queue with a limit of requests in flight, and there is a global limit as well, so an
 * endpoint that hangs until the timeout only ties up its own slots. A retry due at once (a zero delay in the
 * retry policy) is sent again directly, the delivery row staying out of the poller's reach meanwhile; other
 * retries are written with their {@code next_attempt_at} and wait for the {@link DeliveryPoller}.
 * <p>
 * A delivery that waited in its queue so long that its lease would run out before the attempt ends is dropped:
 * the lease expires and the poller (of this or another instance) takes it again, so no delivery is sent twice
 * at the same time.
 */
public class DefaultDeliveryDispatcher implements DeliveryDispatcher, SmartLifecycle, DisposableBean {

	/** The lifecycle phase: stops after the web server, so requests finishing during its shutdown still go out. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(DefaultDeliveryDispatcher.class);

	private static final DeliveryAttemptObservationConvention DEFAULT_OBSERVATION_CONVENTION =
			new DefaultDeliveryAttemptObservationConvention();
	/** What the delivery log of an ordered endpoint says of a delivery that died. */
	public static final String ORDERED_DEAD_NOTE = "dead: the ordered endpoint's queue moved on to the next delivery";

	private final Settings settings;

	private final WebhookTransport transport;

	private final SignedRequestFactory requestFactory;

	private final DeliveryOutcomeClassifier classifier;

	private final DeliveryRepository repository;

	private final ApplicationEventPublisher eventPublisher;

	private final DeliveryMetrics metrics;

	private final Clock clock;

	private final EndpointLanes<Pending> lanes;

	private final BatchingOutcomeWriter writer;

	private final ExecutorService executor;

	// the work queued by the task a dispatcher thread is running; null on other threads
	private final ThreadLocal<Deque<Runnable>> queuedOnThisThread = new ThreadLocal<>();

	/** Endpoints that answered 410 Gone, until when their queued deliveries are dropped rather than sent. */
	private final Map<String, Instant> goneEndpoints = new ConcurrentHashMap<>();

	private final Object idle = new Object();

	/** Marks the outcome written while a retry due at once is sent again directly; no event is published for it. */
	private static final Object HELD_FOR_DIRECT_RETRY = new Object();

	/** Permits of rate-limited endpoints, or {@code null} when no endpoint is limited. */
	private volatile RateLimitGate rateLimits;

	/** The sender of ordered endpoints' queues, or {@code null} without a store for them. */
	private volatile OrderedDeliveryScheduler ordered;

	private volatile boolean accepting = true;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private DeliveryAttemptObservationConvention observationConvention;

	private boolean propagateTraceContext;

	private volatile boolean running;

	/**
	 * Create a dispatcher.
	 * @param settings its settings
	 * @param repository where leases are given back
	 * @param outcomes where outcomes are written
	 * @param transport how requests are sent
	 * @param requestFactory how requests are signed
	 * @param classifier how responses become outcomes
	 * @param eventPublisher where operational events go, or {@code null}
	 * @param metrics where attempts are counted
	 * @param clock the clock
	 */
	public DefaultDeliveryDispatcher(Settings settings, DeliveryRepository repository,
			DeliveryOutcomeRecorder outcomes, WebhookTransport transport, SignedRequestFactory requestFactory,
			DeliveryOutcomeClassifier classifier, ApplicationEventPublisher eventPublisher, DeliveryMetrics metrics,
			Clock clock) {
		this.settings = settings;
		this.transport = transport;
		this.requestFactory = requestFactory;
		this.classifier = classifier;
		this.repository = repository;
		this.eventPublisher = eventPublisher;
		this.metrics = (metrics != null) ? metrics : DeliveryMetrics.NONE;
		this.clock = clock;
		this.lanes = new EndpointLanes<>(settings.maxInFlightPerEndpoint(), settings.maxInFlight());
		this.writer = new BatchingOutcomeWriter(outcomes, settings.outcomeBatchSize(),
				settings.outcomeFlushInterval(), this::written);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("webhooks-delivery-");
		threads.setDaemon(true);
		this.executor = Executors.newFixedThreadPool(settings.threads(), threads);
	}

	/**
	 * Observe each attempt in a registry ({@link ObservationRegistry#NOOP} by default).
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = (observationRegistry != null) ? observationRegistry : ObservationRegistry.NOOP;
	}

	/**
	 * Name and tag the attempts' observations with a convention of the application's.
	 * @param observationConvention the convention, or {@code null} for the
	 * {@link DefaultDeliveryAttemptObservationConvention}
	 */
	public void setObservationConvention(DeliveryAttemptObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Send the publish's {@code traceparent}, stored with the event, on every request, so the receiver's spans join
	 * the publish's trace. Off by default: it tells every endpoint the trace id.
	 * @param propagateTraceContext whether to send it
	 */
	public void setPropagateTraceContext(boolean propagateTraceContext) {
		this.propagateTraceContext = propagateTraceContext;
	}

	/**
	 * Apply endpoints' rate limits: before each attempt to a limited endpoint a permit is taken from the limiter,
	 * and without one the delivery is put off (its next attempt moves later; no attempt is recorded).
	 * @param limiter the permits the instances share
	 * @param controls each endpoint's limit
	 */
	public void setRateLimits(EndpointRateLimiter limiter, EndpointDeliveryControls controls) {
		this.rateLimits = new RateLimitGate(limiter, controls);
	}

	/**
	 * Send ordered (FIFO) endpoints' queues one delivery at a time, in publish order.
	 * @param repository where the heads of the queues are claimed
	 * @param searchInterval the delay between two searches for due queues
	 */
	public void setOrderedDeliveries(OrderedDeliveryRepository repository, Duration searchInterval) {
		this.ordered = new OrderedDeliveryScheduler(repository, this::dispatch, this.settings.instanceId(),
				this.settings.lease(), searchInterval, this.clock);
	}

	@Override
	public void orderedDeliveriesAdded(Collection<String> endpointIds) {
		OrderedDeliveryScheduler scheduler = this.ordered;
		if (scheduler != null && !endpointIds.isEmpty()) {
			scheduler.wake(endpointIds);
		}
	}

	@Override
	public String instanceId() {
		return this.settings.instanceId();
	}

	@Override
	public Duration lease() {
		return this.settings.lease();
	}

	@Override
	public int capacity() {
		return Math.max(0, 2 * this.settings.maxInFlight() - this.lanes.inFlight() - this.lanes.queued());
	}

	@Override
	public void dispatch(Collection<DeliveryTask> tasks) {
		if (!this.accepting) {
			logger.debug("Stopping: " + tasks.size() + " deliveries stay leased and are taken again later");
			return;
		}
		Instant now = this.clock.instant();
		for (DeliveryTask task : tasks) {
			start(this.lanes.offer(task.endpointId(), new Pending(task, now)));
		}
	}

	/**
	 * How many requests are in flight.
	 * @return the count
	 */
	public int inFlight() {
		return this.lanes.inFlight();
	}

	/**
	 * How many deliveries wait for a free slot.
	 * @return the count
	 */
	public int queued() {
		return this.lanes.queued();
	}

	private void start(List<Item<Pending>> items) {
		for (Item<Pending> item : items) {
			try {
				execute(() -> attempt(item.value()));
			}
			catch (RejectedExecutionException ex) {
				// destroyed: the delivery stays leased and is taken again later
				start(this.lanes.release(item.key()));
			}
		}
	}

	private void attempt(Pending pending) {
		DeliveryTask task = pending.task();
		Instant startedAt = this.clock.instant();
		if (!this.accepting || isStale(pending, startedAt) || isGone(task.endpointId(), startedAt)) {
			finished(task);
			return;
		}
		RateLimitGate limits = this.rateLimits;
		Instant putOffUntil = (limits != null) ? limits.putOff(task.endpointId(), startedAt) : null;
		if (putOffUntil != null) {
			putOff(task, putOffUntil);
			return;
		}
		Observation observation = Observation.createNotStarted(this.observationConvention,
				DEFAULT_OBSERVATION_CONVENTION, () -> new DeliveryAttemptObservationContext(task),
				this.observationRegistry)
			.start();
		WebhookRequest request;
		try (Observation.Scope scope = observation.openScope()) {
			request = withTraceParent(this.requestFactory.create(task, startedAt), task);
		}
		catch (RuntimeException ex) {
			completed(pending, this.classifier.classify(task, startedAt, startedAt, ex), Duration.ZERO, observation,
					ex);
			return;
		}
		AttemptSignature signature = request.signature();
		long startNanos = System.nanoTime();
		try (Observation.Scope scope = observation.openScope()) {
			this.transport.send(request).whenCompleteAsync((response, error) -> {
				Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
				Instant endedAt = startedAt.plus(took);
				Classification classification = (response != null)
						? this.classifier.classify(task, signature, startedAt, endedAt, response)
						: this.classifier.classify(task, signature, startedAt, endedAt, error);
				completed(pending, classification, took, observation, error);
			}, this::execute);
		}
		catch (RuntimeException ex) {
			Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
			completed(pending, this.classifier.classify(task, signature, startedAt, startedAt.plus(took), ex), took,
					observation, ex);
		}
	}

	private WebhookRequest withTraceParent(WebhookRequest request, DeliveryTask task) {
		if (!this.propagateTraceContext || task.traceParent() == null) {
			return request;
		}
		Map<String, String> headers = new LinkedHashMap<>(request.headers());
		headers.keySet().removeIf(DeliveryAttemptObservationContext.TRACE_PARENT::equalsIgnoreCase);
		headers.put(DeliveryAttemptObservationContext.TRACE_PARENT, task.traceParent());
		return new WebhookRequest(request.url(), headers, request.body(), request.signature(), request.sslBundle());
	}

	private static void observed(Observation observation, Classification classification, Throwable error) {
		if (observation.isNoop()) {
			return;
		}
		if (observation.getContext() instanceof DeliveryAttemptObservationContext context) {
			context.setResult(classification.result());
			int status = classification.outcome().attempt().statusCode();
			context.setStatusCode((status > 0) ? status : null);
		}
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

	/** No permit: the delivery waits for a later slot, neither dropped nor counted as an attempt. */
	private void putOff(DeliveryTask task, Instant until) {
		if (logger.isDebugEnabled()) {
			logger.debug("Delivery " + task.deliveryId() + " to endpoint " + task.endpointId()
					+ " waits for its rate limit until " + until);
		}
		this.writer.add(new DeliveryOutcome(task.deliveryId(), task.endpointId(), DeliveryStatus.PENDING, until, null,
				false), null, isOrderedHead(task));
		finished(task);
	}

	private boolean isOrderedHead(DeliveryTask task) {
		OrderedDeliveryScheduler scheduler = this.ordered;
		return scheduler != null && scheduler.isHead(task.deliveryId());
	}

	/** The log of an ordered endpoint says that its queue moved on past a delivery that died. */
	private static Classification movedOn(Classification classification) {
		DeliveryOutcome outcome = classification.outcome();
		DeliveryAttempt attempt = outcome.attempt();
		String note = ORDERED_DEAD_NOTE;
		String error = (attempt.error() != null) ? attempt.error() + "; " + note : note;
		DeliveryAttempt noted = new DeliveryAttempt(attempt.deliveryId(), attempt.attemptNumber(),
				attempt.startedAt(), attempt.duration(), attempt.statusCode(), attempt.responseBody(), error,
				attempt.signature());
		return new Classification(new DeliveryOutcome(outcome.deliveryId(), outcome.endpointId(), outcome.status(),
				outcome.nextAttemptAt(), noted, outcome.disableEndpoint()), classification.result(),
				classification.retryDelay());
	}

	private void completed(Pending pending, Classification classification, Duration took, Observation observation,
			Throwable error) {
		DeliveryTask task = pending.task();
		boolean orderedHead = isOrderedHead(task);
		if (orderedHead && classification.outcome().status() == DeliveryStatus.DEAD
				&& classification.outcome().attempt() != null) {
			classification = movedOn(classification);
		}
		DeliveryOutcome outcome = classification.outcome();
		try {
			observed(observation, classification, error);
			this.metrics.attempted(task.eventType(), classification.result(), took);
			if (classification.result() == AttemptResult.DELIVERED && task.eventCreatedAt() != null) {
				Instant now = this.clock.instant();
				this.metrics.delivered(task.eventType(), Duration.between(task.eventCreatedAt(), now));
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Delivery " + task.deliveryId() + " of " + task.eventId() + " to endpoint "
						+ task.endpointId() + ", attempt " + outcome.attempt().attemptNumber() + ": "
						+ classification.result().tag() + " (status " + outcome.attempt().statusCode() + ")");
			}
			if (classification.result() == AttemptResult.RETRIED && classification.retryDelay().isZero()
					&& this.accepting) {
				sendAgainDirectly(pending, outcome);
				return;
			}
			this.writer.add(outcome, eventFor(task, classification), orderedHead);
		}
		catch (RuntimeException ex) {
			logger.error("Could not complete delivery " + task.deliveryId(), ex);
		}
		finished(task);
	}

	/**
	 * Record the attempt with the next one due only when the lease would have run out, so no poller takes the
	 * row meanwhile, and send it again in the same slot; its outcome replaces that date.
	 */
	private void sendAgainDirectly(Pending pending, DeliveryOutcome outcome) {
		Instant now = this.clock.instant();
		DeliveryOutcome holding = new DeliveryOutcome(outcome.deliveryId(), outcome.endpointId(),
				DeliveryStatus.PENDING, now.plus(this.settings.lease()), outcome.attempt(), false);
		this.writer.add(holding, HELD_FOR_DIRECT_RETRY);
		DeliveryTask task = pending.task();
		DeliveryTask next = task.nextAttempt();
		try {
			execute(() -> attempt(new Pending(next, now)));
		}
		catch (RejectedExecutionException ex) {
			finished(next);
		}
	}

	/**
	 * Run work on a dispatcher thread. On one already (the next delivery of an endpoint whose request just ended,
	 * a retry sent again directly), it runs on the same thread once the current work is done: handing it to
	 * another thread would cost a wake-up and a context switch for each delivery, and the work only signs a
	 * request and hands it to the HTTP client. Queued rather than run at once, so that a row of requests that
	 * fail at once cannot nest calls without end.
	 */
	private void execute(Runnable work) {
		Deque<Runnable> queued = this.queuedOnThisThread.get();
		if (queued != null) {
			queued.add(work);
			return;
		}
		this.executor.execute(() -> runQueued(work));
	}

	private void runQueued(Runnable first) {
		Deque<Runnable> queued = new ArrayDeque<>();
		this.queuedOnThisThread.set(queued);
		try {
			for (Runnable work = first; work != null; work = queued.poll()) {
				try {
					work.run();
				}
				catch (RuntimeException ex) {
					logger.error("Webhook delivery work failed", ex);
				}
			}
		}
		finally {
			this.queuedOnThisThread.remove();
		}
	}

	private Object eventFor(DeliveryTask task, Classification classification) {
		DeliveryOutcome outcome = classification.outcome();
		DeliveryAttempt attempt = outcome.attempt();
		Instant now = this.clock.instant();
		if (outcome.disableEndpoint()) {
			Instant previous = this.goneEndpoints.put(task.endpointId(), now.plus(this.settings.lease()));
			if (previous != null && previous.isAfter(now)) {
				return null;
			}
			return new EndpointDisabledEvent(task.endpointId(), DeliveryOutcomeRecorder.GONE_REASON, now);
		}
		if (outcome.status() == DeliveryStatus.DEAD) {
			return new MessageAttemptExhaustedEvent(task.deliveryId(), task.eventId(), task.eventType(),
					task.tenantId(), task.endpointId(), attempt.attemptNumber(), attempt.statusCode(), attempt.error(),
					now);
		}
		return null;
	}

	private void written(List<BatchingOutcomeWriter.Entry> entries) {
		OrderedDeliveryScheduler scheduler = this.ordered;
		for (BatchingOutcomeWriter.Entry entry : entries) {
			DeliveryOutcome outcome = entry.outcome();
			if (entry.event() == HELD_FOR_DIRECT_RETRY) {
				// the delivery is being sent again directly: an ordered head is still in flight
				continue;
			}
			if (scheduler != null && scheduler.isHead(outcome.deliveryId())) {
				scheduler.headDone(outcome.endpointId(), outcome.deliveryId());
			}
			if (entry.event() != null) {
				if (entry.event() instanceof EndpointDisabledEvent disabled) {
					logger.info("Disabled webhook endpoint " + disabled.endpointId() + ": " + disabled.reason());
				}
				else if (entry.event() instanceof MessageAttemptExhaustedEvent dead) {
					logger.warn("Webhook delivery " + dead.deliveryId() + " of " + dead.eventId() + " to endpoint "
							+ dead.endpointId() + " is dead after " + dead.attempts() + " attempts");
				}
				if (this.eventPublisher != null) {
					this.eventPublisher.publishEvent(entry.event());
				}
			}
		}
	}

	private void finished(DeliveryTask task) {
		start(this.lanes.release(task.endpointId()));
		// only stop() waits for the requests in flight to end; it stops accepting before it looks at them
		if (!this.accepting) {
			synchronized (this.idle) {
				this.idle.notifyAll();
			}
		}
	}

	private boolean isStale(Pending pending, Instant now) {
		Instant lastSafeStart = pending.acceptedAt().plus(this.settings.lease()).minus(this.settings.timeout());
		if (now.isAfter(lastSafeStart)) {
			logger.debug("Delivery " + pending.task().deliveryId() + " waited too long for a slot; "
					+ "it is taken again when its lease runs out");
			return true;
		}
		return false;
	}

	private boolean isGone(String endpointId, Instant now) {
		Instant until = this.goneEndpoints.get(endpointId);
		if (until == null) {
			return false;
		}
		if (until.isBefore(now)) {
			this.goneEndpoints.remove(endpointId, until);
			return false;
		}
		return true;
	}

	@Override
	public void start() {
		this.accepting = true;
		this.running = true;
		OrderedDeliveryScheduler scheduler = this.ordered;
		if (scheduler != null) {
			scheduler.start();
		}
	}

	/**
	 * Stop taking deliveries, give the queued ones back (their leases are released, so the next poll of any
	 * instance takes them), and wait for the requests in flight to end, up to the shutdown timeout; then write the
	 * outcomes.
	 */
	@Override
	public void stop() {
		this.accepting = false;
		OrderedDeliveryScheduler scheduler = this.ordered;
		if (scheduler != null) {
			scheduler.stop();
		}
		releaseQueued(this.lanes.clearQueued());
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		synchronized (this.idle) {
			while (this.lanes.inFlight() > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					logger.warn("Stopping: " + this.lanes.inFlight() + " webhook requests still in flight after "
							+ this.settings.shutdownTimeout());
					break;
				}
				try {
					this.idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
		}
		this.writer.flushNow();
		this.running = false;
	}

	private void releaseQueued(List<Pending> dropped) {
		if (dropped.isEmpty()) {
			return;
		}
		List<String> ids = dropped.stream().map((pending) -> pending.task().deliveryId()).toList();
		try {
			this.repository.releaseLeases(this.settings.instanceId(), ids);
			logger.info("Stopping: " + ids.size() + " queued webhook deliveries are released for the next poll");
		}
		catch (RuntimeException ex) {
			logger.warn("Stopping: could not release " + ids.size() + " queued webhook deliveries; they are taken "
					+ "again when their leases run out", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void destroy() {
		if (this.running) {
			stop();
		}
		this.executor.shutdown();
		this.writer.close();
	}

	/**
	 * A default instance id: the host name and a random suffix, so two processes on one host differ.
	 * @return the instance id
	 */
	public static String defaultInstanceId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException | RuntimeException ex) {
			host = "webhooks";
		}
		return host + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private record Pending(DeliveryTask task, Instant acceptedAt) {
	}

	/**
	 * Settings of the dispatcher.
	 *
	 * @param instanceId the owner of the leases this instance takes
	 * @param lease how long a lease holds; longer than the timeout
	 * @param timeout the per-attempt timeout of the transport
	 * @param maxInFlight the most requests in flight in all
	 * @param maxInFlightPerEndpoint the most requests in flight to one endpoint
	 * @param outcomeBatchSize outcomes per database write
	 * @param outcomeFlushInterval the longest an outcome waits to be written
	 * @param shutdownTimeout how long stopping waits for requests in flight
	 * @param threads threads that sign requests and handle responses (the I/O itself is asynchronous)
	 */
	public record Settings(String instanceId, Duration lease, Duration timeout, int maxInFlight,
			int maxInFlightPerEndpoint, int outcomeBatchSize, Duration outcomeFlushInterval, Duration shutdownTimeout,
			int threads) {

		public Settings {
			if (instanceId == null || instanceId.isBlank()) {
				throw new IllegalArgumentException("The delivery instance id may not be blank");
			}
			if (lease.compareTo(timeout) <= 0) {
				throw new IllegalArgumentException("The delivery lease (" + lease
						+ ") must be longer than the per-attempt timeout (" + timeout + ")");
			}
			if (maxInFlightPerEndpoint < 1 || maxInFlight < maxInFlightPerEndpoint) {
				throw new IllegalArgumentException("The in-flight limits need 1 <= max-in-flight-per-endpoint ("
						+ maxInFlightPerEndpoint + ") <= max-in-flight (" + maxInFlight + ")");
			}
			if (outcomeBatchSize < 1) {
				throw new IllegalArgumentException("The outcome batch size must be at least 1");
			}
			if (threads < 1) {
				throw new IllegalArgumentException("The dispatcher needs at least 1 thread");
			}
		}

	}

}
