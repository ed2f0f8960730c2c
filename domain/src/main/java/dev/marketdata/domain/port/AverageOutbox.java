package dev.marketdata.domain.port;

import dev.marketdata.domain.model.AverageOutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Changed averages stored with the windows they came from and not yet published, oldest first.
 * Claimed, marked and released exactly as the price {@link Outbox}: any number of relays share it,
 * each holding its batch under a lease.
 */
public interface AverageOutbox {
  /** Claims up to {@code limit} of the oldest unpublished rows no other live lease holds. */
  CompletionStage<List<AverageOutboxEntry>> claim(String owner, int limit, Duration lease);

  /** Marks rows published that {@code owner} still holds. */
  CompletionStage<Void> markPublished(String owner, List<Long> ids, Instant publishedAt);

  /** Gives up {@code owner}'s claim on rows it could not publish. */
  CompletionStage<Void> release(String owner, List<Long> ids);

  /** How many changed averages wait to be published. */
  CompletionStage<Long> depth();
}
