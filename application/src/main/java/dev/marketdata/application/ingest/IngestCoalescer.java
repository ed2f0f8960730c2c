package dev.marketdata.application.ingest;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.failure.Overloaded;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.port.IngestionRepository;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for single quotes: concurrent {@link #ingest} calls share transactions.
 *
 * <p>Up to {@code maxInFlight} transactions run at once. A quote that finds one free is sent at
 * once, alone, so a quiet service adds no wait. The others queue, and when a transaction finishes
 * everything queued so far (up to {@code maxBatch}) goes in the next one. Under load (many {@code
 * GET /prices/latest} misses at once) that turns one transaction per quote into one per batch; each
 * caller still completes only after its own quote is committed.
 *
 * <p>A batch fails as a whole. When the database is unavailable every caller gets that failure; any
 * other failure (one quote the database refused) is retried quote by quote, so one bad quote never
 * fails the callers it happened to share a transaction with.
 *
 * <p>The queue is bounded: with {@code queueLimit} quotes waiting, the next caller fails at once
 * with {@link Overloaded}, and a quote that waited {@code maxWait} without its transaction starting
 * fails the same way (its place is freed when the next batch is taken). So a slow or stuck database
 * costs bounded memory and callers a prompt 503, not an ever-growing queue of requests that hang.
 */
final class IngestCoalescer {
  /** What callers refused for want of room are told to wait. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  /**
   * {@code admitted} completes when the quote is taken into a transaction, or fails when it has
   * waited too long; whichever happens first wins, so a quote is never both sent and timed out.
   */
  private record Pending(
      FetchedQuote quote, CompletableFuture<PricePoint> result, CompletableFuture<Void> admitted) {}

  private final IngestionRepository repository;
  private final int maxInFlight;
  private final int maxBatch;
  private final int queueLimit;
  private final Duration maxWait;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by this
  private int inFlight; // guarded by this

  IngestCoalescer(
      IngestionRepository repository, int maxInFlight, int maxBatch, IngestSettings settings) {
    if (maxInFlight < 1 || maxBatch < 1) {
      throw new IllegalArgumentException(
          "maxInFlight and maxBatch must be at least 1: " + maxInFlight + ", " + maxBatch);
    }
    this.repository = repository;
    this.maxInFlight = maxInFlight;
    this.maxBatch = maxBatch;
    this.queueLimit = settings.queueLimit();
    this.maxWait = settings.maxWait();
  }

  CompletionStage<PricePoint> ingest(FetchedQuote quote) {
    Pending pending = new Pending(quote, new CompletableFuture<>(), new CompletableFuture<>());
    List<Pending> batch = null;
    synchronized (this) {
      if (inFlight < maxInFlight) {
        queue.add(pending);
        inFlight++;
        batch = takeBatch();
      } else if (queue.size() < queueLimit) {
        queue.add(pending);
      } else {
        return CompletableFuture.failedFuture(
            new Overloaded(
                "ingest queue", RETRY_AFTER, queueLimit + " quotes already wait to be stored"));
      }
    }
    if (batch != null) {
      send(batch);
    } else {
      expireAfterMaxWait(pending);
    }
    return pending.result();
  }

  /** Quotes in the queue, including any that timed out and are not yet swept. */
  synchronized int waiting() {
    return queue.size();
  }

  private void expireAfterMaxWait(Pending pending) {
    pending
        .admitted()
        .orTimeout(maxWait.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (ignored, timedOut) -> {
              if (timedOut != null) {
                pending
                    .result()
                    .completeExceptionally(
                        new Overloaded(
                            "ingest queue",
                            RETRY_AFTER,
                            "waited " + maxWait.toMillis() + " ms for a transaction"));
              }
            });
  }

  private void send(List<Pending> batch) {
    List<FetchedQuote> quotes = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      quotes.add(p.quote());
    }
    Futures.defer(() -> repository.ingestAll(quotes))
        .whenComplete(
            (stored, failure) -> {
              if (failure == null) {
                for (int i = 0; i < batch.size(); i++) {
                  batch.get(i).result().complete(stored.get(i));
                }
              } else {
                failed(batch, Futures.unwrap(failure));
              }
              List<Pending> next;
              synchronized (this) {
                next = takeBatch();
                if (next == null) {
                  inFlight--;
                }
              }
              if (next != null) {
                send(next);
              }
            });
  }

  private void failed(List<Pending> batch, Throwable failure) {
    if (batch.size() == 1 || failure instanceof DependencyUnavailable) {
      batch.forEach(p -> p.result().completeExceptionally(failure));
      return;
    }
    // Outside the group: each quote alone, so only the one the database refuses fails.
    for (Pending p : batch) {
      Futures.defer(() -> repository.ingest(p.quote()))
          .whenComplete(
              (point, alone) -> {
                if (alone == null) {
                  p.result().complete(point);
                } else {
                  p.result().completeExceptionally(Futures.unwrap(alone));
                }
              });
    }
  }

  /** Up to {@code maxBatch} quotes that have not timed out, or null when none is waiting. */
  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
    while (batch.size() < maxBatch && !queue.isEmpty()) {
      Pending next = queue.poll();
      if (next.admitted().complete(null)) {
        batch.add(next);
      }
    }
    return batch.isEmpty() ? null : batch;
  }
}
