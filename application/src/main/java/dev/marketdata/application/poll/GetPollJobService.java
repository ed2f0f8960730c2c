package dev.marketdata.application.poll;

import dev.marketdata.domain.failure.JobNotFound;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.port.PollJobRepository;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Reads one job or fails with {@link JobNotFound}. */
public final class GetPollJobService implements GetPollJobUseCase {
  private final PollJobRepository jobs;

  @Inject
  public GetPollJobService(PollJobRepository jobs) {
    this.jobs = jobs;
  }

  @Override
  public CompletionStage<PollJob> get(UUID jobId) {
    return jobs.find(jobId).thenApply(found -> found.orElseThrow(() -> new JobNotFound(jobId)));
  }
}
