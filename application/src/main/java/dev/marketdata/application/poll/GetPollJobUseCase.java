package dev.marketdata.application.poll;

import dev.marketdata.domain.model.PollJob;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** One poll job; fails with {@code JobNotFound}. */
public interface GetPollJobUseCase {
  CompletionStage<PollJob> get(UUID jobId);
}
