package dev.marketdata.bench;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latencies in 100 µs buckets up to 60 s (beyond: the last bucket), safe to record from several
 * event loops; the exact maximum is kept beside the buckets.
 */
final class LatencyHistogram {
  private static final long MICROS_PER_BUCKET = 100;
  private static final int BUCKETS = 600_000;

  private final AtomicIntegerArray buckets = new AtomicIntegerArray(BUCKETS);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong negative = new AtomicLong();
  private final AtomicLong maxMicros = new AtomicLong();

  void record(long micros) {
    if (micros < 0) {
      negative.incrementAndGet(); // receipt before the stamp: clocks disagree; counted as 0
      micros = 0;
    }
    buckets.incrementAndGet((int) Math.min(BUCKETS - 1, micros / MICROS_PER_BUCKET));
    count.incrementAndGet();
    maxMicros.accumulateAndGet(micros, Math::max);
  }

  /** Starts over (a measurement window begins); a record racing with it may be lost. */
  void reset() {
    for (int i = 0; i < BUCKETS; i++) {
      buckets.set(i, 0);
    }
    count.set(0);
    negative.set(0);
    maxMicros.set(0);
  }

  long count() {
    return count.get();
  }

  /** The upper bound of the bucket holding the {@code q} quantile, in ms; NaN when empty. */
  double quantileMillis(double q) {
    long total = count.get();
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += buckets.get(i);
      if (seen >= rank) {
        return (i + 1) * MICROS_PER_BUCKET / 1000.0;
      }
    }
    return BUCKETS * MICROS_PER_BUCKET / 1000.0;
  }

  double maxMillis() {
    return count.get() == 0 ? Double.NaN : maxMicros.get() / 1000.0;
  }

  /** Quantiles in ms; each is null when nothing was recorded (JSON has no NaN). */
  JsonObject toJson() {
    if (count() == 0) {
      return new JsonObject().put("count", 0).put("receipt_before_stamp", negative.get());
    }
    return new JsonObject()
        .put("count", count())
        .put("p50_ms", Report.round(quantileMillis(0.50)))
        .put("p90_ms", Report.round(quantileMillis(0.90)))
        .put("p99_ms", Report.round(quantileMillis(0.99)))
        .put("p999_ms", Report.round(quantileMillis(0.999)))
        .put("max_ms", Report.round(maxMillis()))
        .put("receipt_before_stamp", negative.get());
  }
}
