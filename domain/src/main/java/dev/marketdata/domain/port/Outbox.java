package dev.marketdata.domain.port;

import dev.marketdata.domain.model.OutboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Events stored with their prices and not yet published, oldest first. */
public interface Outbox {
  CompletionStage<List<OutboxEntry>> unpublished(int limit);

  CompletionStage<Void> markPublished(List<Long> ids, Instant publishedAt);

  /** How many events wait to be published. */
  CompletionStage<Long> depth();
}
