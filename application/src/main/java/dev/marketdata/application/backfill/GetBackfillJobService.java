package dev.marketdata.application.backfill;

import dev.marketdata.domain.failure.JobNotFound;
import dev.marketdata.domain.model.BackfillJob;
import dev.marketdata.domain.port.BackfillJobRepository;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Reads one backfill job or fails with {@link JobNotFound}. */
public final class GetBackfillJobService implements GetBackfillJobUseCase {
  private final BackfillJobRepository jobs;

  @Inject
  public GetBackfillJobService(BackfillJobRepository jobs) {
    this.jobs = jobs;
  }

  @Override
  public CompletionStage<BackfillJob> get(UUID jobId) {
    return jobs.find(jobId)
        .thenApply(found -> found.orElseThrow(() -> new JobNotFound(jobId, "backfill job")));
  }
}
