package dev.marketdata.application.backfill;

import dev.marketdata.domain.model.BackfillJob;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** One backfill job and its progress. */
public interface GetBackfillJobUseCase {
  CompletionStage<BackfillJob> get(UUID jobId);
}
