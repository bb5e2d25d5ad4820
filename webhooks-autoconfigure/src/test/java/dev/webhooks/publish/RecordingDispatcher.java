package dev.webhooks.publish;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.webhooks.delivery.DeliveryDispatcher;
import dev.webhooks.delivery.DeliveryTask;

/**
 * A dispatcher that records what it is handed and, at that moment, what another connection sees committed.
 */
class RecordingDispatcher implements DeliveryDispatcher {

	static final String INSTANCE_ID = "test-node";

	static final Duration LEASE = Duration.ofSeconds(45);

	final List<List<DeliveryTask>> batches = new CopyOnWriteArrayList<>();

	final List<Long> committedDeliveriesAtDispatch = new CopyOnWriteArrayList<>();

	volatile Supplier<Long> committedDeliveries = () -> -1L;

	@Override
	public String instanceId() {
		return INSTANCE_ID;
	}

	@Override
	public Duration lease() {
		return LEASE;
	}

	@Override
	public void dispatch(Collection<DeliveryTask> tasks) {
		// another thread has its own connection, so it sees only what is committed
		this.committedDeliveriesAtDispatch.add(CompletableFuture.supplyAsync(this.committedDeliveries).join());
		this.batches.add(List.copyOf(tasks));
	}

	List<DeliveryTask> tasks() {
		return this.batches.stream().flatMap(List::stream).toList();
	}

}
