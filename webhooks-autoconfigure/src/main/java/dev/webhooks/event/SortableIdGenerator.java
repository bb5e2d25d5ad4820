package dev.webhooks.event;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Unique ids that sort by creation time, such as {@code evt_01HX4J1SQ93Y9F6VBQ4JPZW66S}: a prefix and a ULID
 * (48 bits of milliseconds and 80 random bits in Crockford base32, 26 characters). Within one millisecond the
 * random part is incremented, so the ids of one generator are strictly increasing.
 */
public class SortableIdGenerator {

	/** Prefix of event ids. */
	public static final String EVENT_PREFIX = "evt_";

	private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final long RANDOM_HIGH_MASK = 0xFFFFL;

	// one generator per thread, drawn from outside the lock: a shared SecureRandom serialises every publishing
	// thread on its own lock and on the system entropy source
	private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

	private final Clock clock;

	private long lastMillis = -1;

	private long randomHigh;

	private long randomLow;

	/** Create a generator on the system clock. */
	public SortableIdGenerator() {
		this(Clock.systemUTC());
	}

	/**
	 * Create a generator.
	 * @param clock the clock whose milliseconds start each id
	 */
	public SortableIdGenerator(Clock clock) {
		this.clock = clock;
	}

	/**
	 * A new event id.
	 * @return {@code evt_} and a ULID
	 */
	public String nextEventId() {
		return nextId(EVENT_PREFIX);
	}

	/**
	 * A new id.
	 * @param prefix the prefix, such as {@code ep_}
	 * @return the prefix and a ULID
	 */
	public String nextId(String prefix) {
		long millis;
		long high;
		long low;
		SecureRandom random = RANDOM.get();
		long freshHigh = random.nextInt() & RANDOM_HIGH_MASK;
		long freshLow = random.nextLong();
		synchronized (this) {
			millis = Math.max(this.clock.millis(), this.lastMillis);
			if (millis == this.lastMillis) {
				this.randomLow++;
				if (this.randomLow == 0) {
					this.randomHigh = (this.randomHigh + 1) & RANDOM_HIGH_MASK;
					if (this.randomHigh == 0) {
						// the 80 random bits overflowed within one millisecond: borrow the next one
						millis++;
					}
				}
			}
			else {
				this.randomHigh = freshHigh;
				this.randomLow = freshLow;
			}
			this.lastMillis = millis;
			high = this.randomHigh;
			low = this.randomLow;
		}
		char[] chars = new char[prefix.length() + 26];
		prefix.getChars(0, prefix.length(), chars, 0);
		int at = prefix.length();
		// 10 characters of time (50 bits, the top 2 always zero for 48-bit millis)
		for (int i = 9; i >= 0; i--) {
			chars[at + i] = CROCKFORD[(int) (millis & 31)];
			millis >>>= 5;
		}
		// 16 characters of randomness: 80 bits = 16 high bits followed by 64 low bits
		at += 10;
		for (int i = 15; i >= 0; i--) {
			chars[at + i] = CROCKFORD[(int) (low & 31)];
			low = (low >>> 5) | ((high & 31) << 59);
			high >>>= 5;
		}
		return new String(chars);
	}

}
