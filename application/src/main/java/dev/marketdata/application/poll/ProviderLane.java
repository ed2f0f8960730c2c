package dev.marketdata.application.poll;

import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What every poll run on one provider shares on this replica: a few chunk slots (so a slow provider
 * holds only its own) and, when the provider has a per-second limit, the pacing of its calls.
 *
 * <p>The plan for one run of a job of {@code n} symbols every {@code interval}:
 *
 * <ul>
 *   <li>No per-second limit, or {@code n} calls fit in one second of it: the job goes at once, in
 *       chunks of {@code ingestBatchSize} (each chunk fetched, then stored in one transaction).
 *   <li>Otherwise its symbols are spread evenly over the interval, one at a time: symbol {@code i}
 *       at {@code i × interval / n}. The budget check keeps {@code n / interval} within the limit,
 *       so a lone job never waits; several jobs on the provider meet in its pacing.
 * </ul>
 *
 * Every call to a provider with a per-second limit also takes the next free slot of its pacing,
 * {@code period / permits} apart for the tightest such limit, whichever job makes it; a call whose
 * slot would come after its run's deadline is not made (the run records it as missed).
 */
final class ProviderLane {
  /** A run's chunk: fetched together, stored together, started {@code offset} into the run. */
  record Chunk(List<Symbol> symbols, Duration offset) {}

  private final Gate gate;
  private final Duration callSpacing; // null without a per-second limit
  private final double callsPerSecond;
  private Instant nextCall = Instant.EPOCH; // guarded by this

  ProviderLane(List<RateLimit> limits, int chunksInFlight) {
    this.gate = new Gate(chunksInFlight);
    Duration spacing = null;
    double perSecond = Double.POSITIVE_INFINITY;
    for (RateLimit limit : limits) {
      if (limit.period().compareTo(Duration.ofSeconds(1)) <= 0) {
        Duration apart = limit.period().dividedBy(limit.permits());
        if (spacing == null || apart.compareTo(spacing) > 0) {
          spacing = apart;
        }
        perSecond =
            Math.min(perSecond, limit.permits() * 1_000_000_000.0 / limit.period().toNanos());
      }
    }
    this.callSpacing = spacing;
    this.callsPerSecond = perSecond;
  }

  Gate gate() {
    return gate;
  }

  boolean paced() {
    return callSpacing != null;
  }

  List<Chunk> plan(List<Symbol> symbols, Duration interval, int batchSize) {
    List<Chunk> chunks = new ArrayList<>();
    int n = symbols.size();
    if (n <= callsPerSecond) {
      for (int from = 0; from < n; from += batchSize) {
        chunks.add(new Chunk(symbols.subList(from, Math.min(n, from + batchSize)), Duration.ZERO));
      }
      return chunks;
    }
    Duration apart = interval.dividedBy(n);
    for (int i = 0; i < n; i++) {
      chunks.add(new Chunk(symbols.subList(i, i + 1), apart.multipliedBy(i)));
    }
    return chunks;
  }

  /**
   * The time the next call may go ({@code now} or later), or null when that would be after {@code
   * deadline}, in which case no slot is taken.
   */
  synchronized Instant nextCallSlot(Instant now, Instant deadline) {
    if (callSpacing == null) {
      return now;
    }
    Instant at = nextCall.isAfter(now) ? nextCall : now;
    if (at.isAfter(deadline)) {
      return null;
    }
    nextCall = at.plus(callSpacing);
    return at;
  }
}
