package dev.marketdata.application.poll;

import dev.marketdata.domain.failure.JobNotFound;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.port.PollJobRepository;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Marks a job stopped; the scheduler never claims a stopped job again. */
public final class StopPollJobService implements StopPollJobUseCase {
  private final PollJobRepository jobs;
  private final Clock clock;

  @Inject
  public StopPollJobService(PollJobRepository jobs, Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  @Override
  public CompletionStage<PollJob> stop(UUID jobId) {
    return jobs.stop(jobId, clock.instant())
        .thenApply(found -> found.orElseThrow(() -> new JobNotFound(jobId)));
  }
}
