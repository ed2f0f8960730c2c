package dev.marketdata.application.ingest;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.port.IngestionRepository;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
 */
final class IngestCoalescer {
  private record Pending(FetchedQuote quote, CompletableFuture<PricePoint> result) {}

  private final IngestionRepository repository;
  private final int maxInFlight;
  private final int maxBatch;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by this
  private int inFlight; // guarded by this

  IngestCoalescer(IngestionRepository repository, int maxInFlight, int maxBatch) {
    if (maxInFlight < 1 || maxBatch < 1) {
      throw new IllegalArgumentException(
          "maxInFlight and maxBatch must be at least 1: " + maxInFlight + ", " + maxBatch);
    }
    this.repository = repository;
    this.maxInFlight = maxInFlight;
    this.maxBatch = maxBatch;
  }

  CompletionStage<PricePoint> ingest(FetchedQuote quote) {
    Pending pending = new Pending(quote, new CompletableFuture<>());
    List<Pending> batch = null;
    synchronized (this) {
      queue.add(pending);
      if (inFlight < maxInFlight) {
        inFlight++;
        batch = takeBatch();
      }
    }
    if (batch != null) {
      send(batch);
    }
    return pending.result();
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
                next = queue.isEmpty() ? null : takeBatch();
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

  private List<Pending> takeBatch() {
    int n = Math.min(queue.size(), maxBatch);
    List<Pending> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      batch.add(queue.poll());
    }
    return batch;
  }
}
