package dev.marketdata.bootstrap.metrics;

import dev.marketdata.application.poll.Backpressure;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The poller's back-pressure (ADR 0017), read from the valve's own counts when scraped, so a chunk
 * pays nothing for them: {@code mds_poll_backpressure_backlog} (events behind as this replica last
 * read them; -1 unknown), {@code mds_poll_backpressure_waits_total} (chunks that waited), {@code
 * mds_poll_backpressure_wait_seconds_total} and {@code mds_poll_backpressure_unknown_total}
 * (readings that failed, so did not hold polling back).
 */
final class BackpressureMeters {
  private BackpressureMeters() {}

  static void register(MeterRegistry meters, Backpressure valve) {
    Gauge.builder("mds.poll.backpressure.backlog", valve, Backpressure::backlogSeen)
        .description("Events behind in the pipeline (outbox plus consumer lag) as the poller saw")
        .register(meters);
    FunctionCounter.builder("mds.poll.backpressure.waits", valve, Backpressure::waits)
        .description("Poll chunks that waited for the pipeline's backlog")
        .register(meters);
    FunctionCounter.builder("mds.poll.backpressure.wait", valve, Backpressure::secondsWaited)
        .description("Time poll chunks spent waiting for the pipeline's backlog, added up")
        .baseUnit("seconds")
        .register(meters);
    FunctionCounter.builder("mds.poll.backpressure.unknown", valve, Backpressure::unknownReadings)
        .description("Readings of the pipeline's backlog that failed (no back-pressure then)")
        .register(meters);
  }
}
