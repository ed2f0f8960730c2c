package dev.marketdata.application.relay;

import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.port.PositionedOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What the three relays (price events, averages, bars) do alike (ADR 0016): lead the outbox by its
 * lease or stay a follower; as leader read the final rows after the position (final by the
 * observations the {@link RelayWatermark} keeps), publish them, and only once the broker
 * acknowledged them move the position by compare-and-set. A failed publish moves nothing (the rows
 * go out again on the next step); a compare-and-set that fails means another relay took over, and
 * this one becomes a follower.
 */
final class PositionRelay<E> {
  /** A watermark waiting this long is logged once: a long transaction holds publishing back. */
  static final Duration WARN_AFTER = Duration.ofSeconds(10);

  /**
   * How long rows that are not final yet make the step "waiting" (re-read after a short pause):
   * their writers usually commit within milliseconds; a longer wait (a long transaction elsewhere
   * on the server) is re-checked at the poll interval rather than by a loop of reads.
   */
  static final Duration EAGER_WAIT = Duration.ofSeconds(1);

  private final String name;
  private final PositionedOutbox<E> outbox;
  private final ToLongFunction<E> id;
  private final Function<List<E>, CompletionStage<Void>> publish;
  private final Clock clock;
  private final RelayOutboxSettings settings;
  private final RelayListener listener;
  private boolean leading;
  private long position;
  private Instant renewedAt = Instant.MIN;
  private RelayWatermark watermark = new RelayWatermark();
  private boolean warned;

  PositionRelay(
      String name,
      PositionedOutbox<E> outbox,
      ToLongFunction<E> id,
      Function<List<E>, CompletionStage<Void>> publish,
      Clock clock,
      RelayOutboxSettings settings,
      RelayListener listener) {
    this.name = name;
    this.outbox = outbox;
    this.id = id;
    this.publish = publish;
    this.clock = clock;
    this.settings = settings;
    this.listener = listener;
  }

  /** One step: take or keep the lease, then (leading) publish what is final and advance. */
  CompletionStage<RelayStep> step() {
    Instant now = clock.instant();
    boolean fresh = leading && now.isBefore(renewedAt.plus(settings.lease().dividedBy(2)));
    CompletionStage<Boolean> leads = fresh ? CompletableFuture.completedFuture(true) : lead(now);
    return leads.thenCompose(
        lead -> lead ? publishFinal() : CompletableFuture.completedFuture(RelayStep.IDLE));
  }

  /** Gives the lease up, so a follower leads at once (graceful stop). */
  CompletionStage<Void> resign() {
    boolean was = leading;
    follow();
    return outbox
        .resign(settings.owner())
        .thenRun(
            () -> {
              if (was) {
                listener.resigned(name);
              }
            });
  }

  private CompletionStage<Boolean> lead(Instant sent) {
    return outbox
        .lead(settings.owner(), settings.lease())
        .thenApply(
            taken -> {
              if (taken.isEmpty()) {
                if (leading) {
                  listener.lostLease(name, false);
                }
                follow();
                return false;
              }
              if (!leading || taken.getAsLong() != position) {
                // Another relay may have moved the position since this one last led.
                position = taken.getAsLong();
                watermark = new RelayWatermark();
                listener.leading(name, position);
              }
              leading = true;
              renewedAt = sent;
              return true;
            });
  }

  private CompletionStage<RelayStep> publishFinal() {
    long from = position;
    int limit = settings.batchSize();
    return outbox
        .readFinal(from, watermark.observations(), limit)
        .thenCompose(
            read -> {
              Instant now = clock.instant();
              RelayWatermark.Decision decision = decide(read, from, limit, now);
              boolean pending = read.entries().size() >= limit && decision.publish() > 0;
              // Only a step that could publish nothing waits briefly: after one that published,
              // the rows it left are read at the poll interval with the next ones.
              boolean waiting =
                  decision.publish() == 0
                      && decision.waiting()
                      && !waitedLongerThan(EAGER_WAIT, now);
              if (decision.position() == from) {
                return CompletableFuture.completedFuture(new RelayStep(0, pending, waiting));
              }
              List<E> out = read.entries();
              CompletionStage<Void> sent =
                  out.isEmpty() ? CompletableFuture.completedFuture(null) : publish.apply(out);
              return sent.thenCompose(
                  v -> advance(from, decision.position(), out.size(), pending, waiting));
            });
  }

  private RelayWatermark.Decision decide(OutboxRead<E> read, long from, int limit, Instant now) {
    long[] ids = read.entries().stream().mapToLong(id).toArray();
    RelayWatermark.Decision decision =
        watermark.accept(from, ids, limit, read.finalId(), read.observation(), now);
    if (!decision.waiting()) {
      warned = false;
    } else if (!warned && waitedLongerThan(WARN_AFTER, now)) {
      warned = true;
      listener.waiting(name, from, Duration.between(watermark.waitingSince().orElse(now), now));
    }
    return decision;
  }

  private boolean waitedLongerThan(Duration wait, Instant now) {
    return watermark.waitingSince().map(since -> since.plus(wait).isBefore(now)).orElse(false);
  }

  private CompletionStage<RelayStep> advance(
      long from, long to, int published, boolean pending, boolean waiting) {
    Instant sent = clock.instant();
    return outbox
        .advance(settings.owner(), from, to, settings.lease())
        .thenApply(
            moved -> {
              if (!moved) {
                // Published, but another relay leads now and may publish this batch again.
                listener.lostLease(name, true);
                follow();
                return new RelayStep(published, false);
              }
              position = to;
              renewedAt = sent;
              return new RelayStep(published, pending, waiting);
            });
  }

  private void follow() {
    leading = false;
    watermark = new RelayWatermark();
    warned = false;
  }
}
