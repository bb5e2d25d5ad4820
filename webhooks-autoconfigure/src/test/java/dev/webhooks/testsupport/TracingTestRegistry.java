package dev.webhooks.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleTracer;

/**
 * A {@link TestObservationRegistry} that also traces: Micrometer's {@link SimpleTracer} behind the three tracing
 * handlers a Spring Boot application registers, with a W3C {@code traceparent} propagator (the simple tracer has
 * none of its own), so tests see the spans, their parents and what was propagated.
 */
public final class TracingTestRegistry {

	private final SimpleTracer tracer = new SimpleTracer();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	public TracingTestRegistry() {
		Propagator propagator = new W3CPropagator(this.tracer);
		this.registry.observationConfig()
			.observationHandler(new ObservationHandler<>() {

				@Override
				public void onStop(Observation.Context context) {
					TracingTestRegistry.this.stopped.add(context);
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			})
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
					new DefaultTracingObservationHandler(this.tracer)));
	}

	public TestObservationRegistry registry() {
		return this.registry;
	}

	/**
	 * The contexts of the observations stopped so far, in the order they stopped.
	 * @return the contexts
	 */
	public List<Observation.Context> stopped() {
		return List.copyOf(this.stopped);
	}

	public SimpleTracer tracer() {
		return this.tracer;
	}

	/**
	 * The {@code traceparent} of a span.
	 * @param span the span
	 * @return {@code 00-<trace id>-<span id>-01}
	 */
	public static String traceParent(Span span) {
		return "00-" + span.context().traceId() + "-" + span.context().spanId() + "-01";
	}

	/** Writes and reads {@code traceparent: 00-<trace id>-<span id>-<flags>}, the W3C Trace Context header. */
	static final class W3CPropagator implements Propagator {

		private static final String TRACE_PARENT = "traceparent";

		private final SimpleTracer tracer;

		W3CPropagator(SimpleTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public List<String> fields() {
			return List.of(TRACE_PARENT);
		}

		@Override
		public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
			setter.set(carrier, TRACE_PARENT, "00-" + context.traceId() + "-" + context.spanId() + "-01");
		}

		@Override
		public <C> Span.Builder extract(C carrier, Getter<C> getter) {
			String value = getter.get(carrier, TRACE_PARENT);
			String[] parts = (value != null) ? value.split("-") : new String[0];
			if (parts.length != 4) {
				return this.tracer.spanBuilder();
			}
			TraceContext parent = this.tracer.traceContextBuilder()
				.traceId(parts[1])
				.spanId(parts[2])
				.sampled("01".equals(parts[3]))
				.build();
			return this.tracer.spanBuilder().setParent(parent);
		}

	}

}
