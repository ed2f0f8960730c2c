package dev.marketdata.application.poll;

import dev.marketdata.domain.model.PollJob;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Stops a poll job (stopping twice is harmless); fails with {@code JobNotFound}. */
public interface StopPollJobUseCase {
  CompletionStage<PollJob> stop(UUID jobId);
}
