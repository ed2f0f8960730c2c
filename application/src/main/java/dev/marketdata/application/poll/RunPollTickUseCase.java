package dev.marketdata.application.poll;

import java.util.concurrent.CompletionStage;

/**
 * One scheduler tick: lease the due jobs, fetch each due (symbol, provider) once however many jobs
 * want it, store what came back, and record every job's outcome and next run.
 */
public interface RunPollTickUseCase {
  CompletionStage<TickReport> runTick();

  /** What a tick did, for logs and metrics. */
  record TickReport(int jobs, int fetches, int failures) {}
}
