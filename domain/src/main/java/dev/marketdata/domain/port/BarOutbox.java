package dev.marketdata.domain.port;

import dev.marketdata.domain.model.BarOutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Closed bars not yet published, oldest first. Claimed, marked and released exactly as the
 * averages: any number of relays share it, each holding its batch under a lease.
 */
public interface BarOutbox {
  /** Claims up to {@code limit} of the oldest unpublished rows no other live lease holds. */
  CompletionStage<List<BarOutboxEntry>> claim(String owner, int limit, Duration lease);

  /** Marks rows published that {@code owner} still holds. */
  CompletionStage<Void> markPublished(String owner, List<Long> ids, Instant publishedAt);

  /** Gives up {@code owner}'s claim on rows it could not publish. */
  CompletionStage<Void> release(String owner, List<Long> ids);

  /** How many closed bars wait to be published. */
  CompletionStage<Long> depth();
}
