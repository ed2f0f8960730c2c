package dev.marketdata.application.poll;

import dev.marketdata.application.ingest.IngestQuoteUseCase;
import dev.marketdata.application.poll.ProviderLane.Chunk;
import dev.marketdata.application.support.Bounded;
import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.Fallback;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of one claimed job, on its own: it fetches and stores the job's symbols as its {@link
 * ProviderLane} plans them, renews the job's lease every third of a lease while it lasts, and ends
 * at the first of: every chunk done, its deadline (one interval after it started), the lease lost
 * or the job stopped, or the service stopping. Its outcome is then recorded and the lease freed;
 * symbols not fetched by then are named in last_error as missed.
 */
final class PollRun {
  /** Why a run ended before all its symbols were fetched. */
  enum End {
    DONE("not fetched within the run's deadline of one interval"),
    DEADLINE("not fetched within the run's deadline of one interval"),
    // A deadline met while chunks waited for the pipeline: said so, since it is not the provider.
    BACKPRESSURE(
        "not fetched within the run's deadline of one interval: polling waited for the"
            + " pipeline's backlog "
            + Backpressure.MISSED_NOTE),
    LEASE_LOST("not fetched: the job was stopped or its lease lost"),
    SHUTDOWN("not fetched: the service was stopping");

    private final String missed;

    End(String missed) {
      this.missed = missed;
    }
  }

  /** What one run did. {@code recorded} is false when its outcome could not be saved. */
  record Report(int fetched, int failed, int missed, boolean recorded) {}

  private final PollJob job;
  private final List<ProviderHop> hops;
  private final ProviderLane lane; // the first usable provider's: it plans and gates the chunks
  private final PollRunContext env;
  private final Instant deadline;
  private final Map<Symbol, Throwable> failures = new ConcurrentHashMap<>();
  private final Set<Symbol> stored = ConcurrentHashMap.newKeySet();
  private final Set<CompletableFuture<Void>> waitingForGate = ConcurrentHashMap.newKeySet();
  private final Set<CompletableFuture<Void>> waitingForBacklog = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final CompletableFuture<Report> report = new CompletableFuture<>();
  private int fallbacks; // guarded by this
  private PollJob.Fallbacks lastFallback; // guarded by this
  private volatile Instant leaseHeldUntil;

  /** {@code hops} holds at least one usable provider. */
  PollRun(PollJob job, List<ProviderHop> hops, PollRunContext env, Instant start) {
    this.job = job;
    this.hops = List.copyOf(hops);
    this.lane = hops.stream().filter(ProviderHop::isUsable).findFirst().orElseThrow().lane();
    this.env = env;
    this.deadline = start.plus(job.interval());
    this.leaseHeldUntil = start.plus(env.settings().lease());
  }

  PollJob job() {
    return job;
  }

  /** Completes once the run's outcome is recorded (or could not be). */
  CompletionStage<Report> report() {
    return report;
  }

  CompletionStage<Report> start() {
    try {
      dispatchAll();
    } catch (RuntimeException e) {
      end(End.DONE); // a bug, but the outcome is still recorded and the lease freed
    }
    return report;
  }

  private void dispatchAll() {
    Duration interval = job.interval();
    env.delay().after(interval).thenRun(() -> end(End.DEADLINE));
    Duration renewEvery = env.settings().lease().dividedBy(3);
    if (interval.compareTo(renewEvery) > 0) {
      renewLater(renewEvery);
    }
    List<Chunk> chunks = lane.plan(job.symbols(), interval, env.settings().ingestBatchSize());
    AtomicInteger left = new AtomicInteger(chunks.size());
    for (Chunk chunk : chunks) {
      CompletionStage<Void> started =
          chunk.offset().isZero()
              ? dispatch(chunk)
              : env.delay().after(chunk.offset()).thenCompose(ignored -> dispatch(chunk));
      started.whenComplete(
          (ignored, failure) -> {
            if (left.decrementAndGet() == 0) {
              end(End.DONE);
            }
          });
    }
  }

  /** Ends the run now, if it has not ended yet; what is not fetched by now is missed. */
  void end(End why) {
    // Chunks queued for a slot behind chunks the valve holds are held back as well.
    if (why == End.DEADLINE && (!waitingForBacklog.isEmpty() || env.backpressure().holding())) {
      why = End.BACKPRESSURE;
    }
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    for (CompletableFuture<Void> waiter : waitingForGate) {
      waiter.cancel(false);
    }
    for (CompletableFuture<Void> waiter : waitingForBacklog) {
      waiter.cancel(false);
    }
    RunOutcome outcome = RunOutcome.of(job, stored, failures, why.missed);
    // Symbols held back for the pipeline are missed, not failed: backing the job off as for a
    // failing provider would keep it idle after the backlog drained (ADR 0017).
    boolean allFailed =
        why == End.BACKPRESSURE ? outcome.failed() == job.symbols().size() : outcome.allFailed();
    Instant now = env.clock().instant();
    PollJob after =
        job.afterRun(now, outcome.error(), allFailed, outcome.retryAfter())
            .withFallbacks(fallbackRecord());
    // A next run outside the job's hours moves to the next open, saying why it waits.
    PollJob placed = env.schedule().place(after, now);
    Futures.defer(() -> env.jobs().complete(placed, env.settings().owner()))
        .whenComplete(
            (ignored, failure) ->
                report.complete(
                    new Report(
                        stored.size(), outcome.failed(), outcome.missed(), failure == null)));
  }

  private synchronized void recordFallback(
      Symbol symbol, List<ProviderId> failed, ProviderId served) {
    fallbacks++;
    lastFallback = PollJob.Fallbacks.NONE.plus(env.clock().instant(), symbol, failed, served);
  }

  private synchronized PollJob.Fallbacks fallbackRecord() {
    PollJob.Fallbacks before = job.fallbacks();
    PollJob.Fallbacks last = lastFallback;
    if (fallbacks == 0 || last == null) {
      return before;
    }
    return new PollJob.Fallbacks(
        before.count() + fallbacks,
        last.lastAt(),
        last.lastSymbol(),
        last.lastFrom(),
        last.lastProvider());
  }

  private boolean ended() {
    return ended.get();
  }

  private void renewLater(Duration every) {
    env.delay()
        .after(every)
        .thenCompose(
            ignored ->
                ended()
                    ? CompletableFuture.completedFuture(null)
                    : Futures.defer(
                        () ->
                            env.jobs()
                                .renew(
                                    job.id(),
                                    env.settings().owner(),
                                    env.clock().instant(),
                                    env.settings().lease())))
        .whenComplete(
            (renewed, failure) -> {
              if (renewed == null && failure == null) {
                return; // the run had ended
              }
              Instant now = env.clock().instant();
              if (failure == null && renewed) {
                leaseHeldUntil = now.plus(env.settings().lease());
                renewLater(every);
              } else if (failure == null) {
                end(End.LEASE_LOST);
              } else if (now.plus(every).isBefore(leaseHeldUntil)) {
                renewLater(every); // the store blinked; the lease still holds until the next try
              } else {
                end(End.LEASE_LOST);
              }
            });
  }

  /**
   * Waits for one of the provider's chunk slots, then for the pipeline's backlog to allow it, then
   * fetches and stores the chunk. The slot is held while the backlog holds the chunk back: every
   * chunk would wait alike, and this keeps the waiters per provider to the slots.
   */
  private CompletionStage<Void> dispatch(Chunk chunk) {
    if (ended()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> slot = lane.gate().acquire();
    waitingForGate.add(slot);
    return slot.handle(
            (ignored, cancelled) -> {
              waitingForGate.remove(slot);
              if (cancelled != null) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              if (ended()) {
                lane.gate().release();
                return CompletableFuture.<Void>completedFuture(null);
              }
              return whenBacklogAllows()
                  .thenCompose(go -> go ? runChunk(chunk) : CompletableFuture.completedFuture(null))
                  .handle(
                      (done, failure) -> {
                        lane.gate().release();
                        return (Void) null;
                      });
            })
        .thenCompose(stage -> stage);
  }

  /** True once the chunk may go; false when the run ended while it waited. */
  private CompletionStage<Boolean> whenBacklogAllows() {
    CompletableFuture<Void> open = env.backpressure().awaitOpen();
    if (open.isDone()) {
      return CompletableFuture.completedFuture(!ended());
    }
    waitingForBacklog.add(open);
    if (ended()) {
      open.cancel(false); // ended between the check and the add: end() may have missed it
    }
    return open.handle(
        (ignored, cancelled) -> {
          waitingForBacklog.remove(open);
          return cancelled == null && !ended();
        });
  }

  /** Fetches a chunk's quotes, then stores all that came back in one transaction. */
  private CompletionStage<Void> runChunk(Chunk chunk) {
    Map<Symbol, FetchedQuote> fetched = new ConcurrentHashMap<>();
    return Bounded.forEach(
            chunk.symbols(),
            env.settings().maxConcurrentFetches(),
            symbol ->
                fetchChain(symbol)
                    .whenComplete(
                        (quote, failure) -> {
                          if (failure != null) {
                            failures.put(symbol, Futures.unwrap(failure));
                          } else if (quote != null) {
                            fetched.put(symbol, quote);
                          }
                        }))
        .thenCompose(done -> store(chunk.symbols(), fetched));
  }

  private CompletionStage<Void> store(List<Symbol> chunk, Map<Symbol, FetchedQuote> fetched) {
    List<Symbol> ok = chunk.stream().filter(fetched::containsKey).toList();
    if (ok.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<FetchedQuote> quotes = ok.stream().map(fetched::get).toList();
    IngestQuoteUseCase ingest = env.ingest();
    return Futures.defer(() -> ingest.ingestAll(quotes))
        .handle(
            (points, failure) -> {
              if (failure == null) {
                stored.addAll(ok);
              } else {
                Throwable cause = Futures.unwrap(failure);
                ok.forEach(symbol -> failures.put(symbol, cause));
              }
              return null;
            });
  }

  /**
   * The symbol's quote from the first provider of the chain that serves it: the next provider is
   * tried only after a failure {@link Fallback#eligible} allows (down, slow, throttled, refusing
   * our key), never after not-found or bad input. The stored price names the provider that served
   * it, as its quote does. Null when a call was not made (its pacing slot fell after the deadline).
   */
  private CompletionStage<FetchedQuote> fetchChain(Symbol symbol) {
    return attempt(symbol, 0, List.of());
  }

  private CompletionStage<FetchedQuote> attempt(Symbol symbol, int index, List<ProviderId> failed) {
    ProviderHop hop = hops.get(index);
    CompletionStage<FetchedQuote> tried =
        hop.isUsable() ? pacedFetch(hop, symbol) : CompletableFuture.failedFuture(hop.unusable());
    return tried
        .handle(
            (quote, failure) -> {
              if (failure == null) {
                if (quote != null && index > 0 && !ended()) {
                  recordFallback(symbol, failed, hop.id());
                }
                return CompletableFuture.completedFuture(quote);
              }
              Throwable cause = Futures.unwrap(failure);
              // A provider disabled since the job started is as unavailable to it as one down.
              boolean eligible = !hop.isUsable() || Fallback.eligible(cause);
              if (index + 1 < hops.size() && eligible && !ended()) {
                List<ProviderId> triedSoFar = new ArrayList<>(failed);
                triedSoFar.add(hop.id());
                return attempt(symbol, index + 1, triedSoFar);
              }
              return CompletableFuture.<FetchedQuote>failedFuture(cause);
            })
        .thenCompose(stage -> stage);
  }

  /** The quote, or null when the call was not made (its pacing slot fell after the deadline). */
  private CompletionStage<FetchedQuote> pacedFetch(ProviderHop hop, Symbol symbol) {
    ProviderLane hopLane = hop.lane();
    if (!hopLane.paced()) {
      return fetch(hop, symbol, 0);
    }
    Instant now = env.clock().instant();
    Instant slot = hopLane.nextCallSlot(now, deadline);
    if (slot == null || ended()) {
      return CompletableFuture.completedFuture(null);
    }
    Duration wait = Duration.between(now, slot);
    if (wait.compareTo(Duration.ofMillis(1)) < 0) {
      return fetch(hop, symbol, 0);
    }
    return env.delay()
        .after(wait)
        .thenCompose(
            ignored -> ended() ? CompletableFuture.completedFuture(null) : fetch(hop, symbol, 0));
  }

  private CompletionStage<FetchedQuote> fetch(ProviderHop hop, Symbol symbol, int pacedRetries) {
    return Futures.defer(() -> hop.provider().fetch(symbol))
        .handle(
            (quote, failure) -> {
              if (failure == null) {
                return CompletableFuture.completedFuture(quote);
              }
              Throwable cause = Futures.unwrap(failure);
              if (cause instanceof ProviderThrottled t
                  && t.localBudget()
                  && pacedRetries < 3
                  && t.retryAfter().compareTo(env.settings().maxPacingWait()) <= 0
                  && env.clock().instant().plus(t.retryAfter()).isBefore(deadline)) {
                // Our own budget said "not yet" (another replica's or a request's calls used it):
                // wait for it within the run instead of failing.
                return env.delay()
                    .after(t.retryAfter())
                    .thenCompose(
                        ignored ->
                            ended()
                                ? CompletableFuture.<FetchedQuote>completedFuture(null)
                                : fetch(hop, symbol, pacedRetries + 1));
              }
              return CompletableFuture.<FetchedQuote>failedFuture(cause);
            })
        .thenCompose(stage -> stage);
  }
}
