package dev.marketdata.application.poll;

import java.util.concurrent.CompletionStage;

/**
 * Accepts a poll job. Fails with {@code UnservableRequest} on field {@code interval} when the
 * provider's per-second, per-minute (or any shorter than daily) budget cannot sustain it together
 * with the provider's other active jobs, naming an interval that would fit or saying none does;
 * accepts with a warning when they would exhaust a daily budget.
 */
public interface StartPollJobUseCase {
  CompletionStage<StartedPollJob> start(PollRequest request);
}
