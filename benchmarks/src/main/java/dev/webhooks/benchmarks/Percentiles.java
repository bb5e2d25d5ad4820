package dev.webhooks.benchmarks;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of nanosecond samples, reported in milliseconds.
 */
final class Percentiles {

	private final long[] sorted;

	Percentiles(long[] samples) {
		this.sorted = samples.clone();
		Arrays.sort(this.sorted);
	}

	double millis(double percentile) {
		if (this.sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percentile / 100.0 * this.sorted.length);
		return this.sorted[Math.max(0, Math.min(this.sorted.length - 1, rank - 1))] / 1_000_000.0;
	}

	int count() {
		return this.sorted.length;
	}

}
