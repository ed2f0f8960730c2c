package dev.marketdata.application.poll;

import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.port.PollJobRepository;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Lists every job, newest first. */
public final class ListPollJobsService implements ListPollJobsUseCase {
  private final PollJobRepository jobs;

  @Inject
  public ListPollJobsService(PollJobRepository jobs) {
    this.jobs = jobs;
  }

  @Override
  public CompletionStage<List<PollJob>> list() {
    return jobs.list();
  }
}
