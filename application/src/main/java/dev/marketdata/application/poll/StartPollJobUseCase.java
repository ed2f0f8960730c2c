package dev.marketdata.application.poll;

import java.util.concurrent.CompletionStage;

/**
 * Accepts a poll job. Fails with {@code UnservableRequest} on field {@code interval} when the
 * provider's per-minute (or shorter) budget cannot sustain it, naming an interval that would fit;
 * accepts with a warning when it would exhaust a daily budget.
 */
public interface StartPollJobUseCase {
  CompletionStage<StartedPollJob> start(PollRequest request);
}
