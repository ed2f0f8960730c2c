package dev.marketdata.domain.port;

import dev.marketdata.domain.model.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Events stored with their prices and not yet published, oldest first. Any number of relays may
 * share one outbox: each {@linkplain #claim claims} a batch under a lease, so no two relays hold
 * the same row at once, and a crashed relay's rows are free again once its lease expired.
 */
public interface Outbox {
  /**
   * Claims up to {@code limit} of the oldest unpublished rows that no other owner's live lease
   * holds, for {@code owner} until {@code lease} from now; rows another relay holds are skipped,
   * not waited for. Rows {@code owner} already holds are included: a relay runs one step at a time,
   * so those are rows a failed step left unmarked (the database was away), and they go out again at
   * once rather than after the lease.
   */
  CompletionStage<List<OutboxEntry>> claim(String owner, int limit, Duration lease);

  /**
   * Marks rows published that {@code owner} still holds; a row whose lease expired and that another
   * relay claimed since is left to that relay.
   */
  CompletionStage<Void> markPublished(String owner, List<Long> ids, Instant publishedAt);

  /**
   * Gives up {@code owner}'s claim on rows it could not publish, so any relay may take them now.
   */
  CompletionStage<Void> release(String owner, List<Long> ids);

  /** The oldest unpublished rows, claimed or not, without claiming them (for inspection). */
  CompletionStage<List<OutboxEntry>> unpublished(int limit);

  /** How many events wait to be published. */
  CompletionStage<Long> depth();
}
