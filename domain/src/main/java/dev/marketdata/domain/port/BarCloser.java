package dev.marketdata.domain.port;

import dev.marketdata.domain.model.BarCloseReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletionStage;

/**
 * Closes bars: queues, once, the bars of every bucket that has ended for good, for the price-bars
 * topic and the live streams (ADR 0013). Any number of processes may call it at once; one at a time
 * does the work, the others report that they skipped.
 */
public interface BarCloser {
  /**
   * Queues the bars of every bucket, of every interval, whose end plus {@code grace} is at or
   * before {@code now} and which was not closed before; each (symbol, provider) with points in a
   * bucket gets one bar. A store that never closed an interval starts at the bucket holding {@code
   * now} (it does not backfill history). {@code 1d} buckets are calendar days in {@code zone}.
   */
  CompletionStage<BarCloseReport> close(Instant now, Duration grace, ZoneId zone);
}
