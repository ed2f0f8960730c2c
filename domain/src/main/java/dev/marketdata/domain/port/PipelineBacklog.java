package dev.marketdata.domain.port;

import dev.marketdata.domain.model.Backlog;
import java.util.concurrent.CompletionStage;

/**
 * How far the pipeline behind the poller (outbox relay, then the moving-average consumer) is
 * behind, read from the shared outbox and consumer group, so every poller replica sees the same.
 */
public interface PipelineBacklog {
  /** The backlog now; fails when the outbox cannot be read. */
  CompletionStage<Backlog> current();
}
