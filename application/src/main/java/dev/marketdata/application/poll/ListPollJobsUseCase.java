package dev.marketdata.application.poll;

import dev.marketdata.domain.model.PollJob;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Every poll job, newest first. */
public interface ListPollJobsUseCase {
  CompletionStage<List<PollJob>> list();
}
