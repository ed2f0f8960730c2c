package dev.marketdata.application.backfill;

import java.util.concurrent.CompletionStage;

/** One pass of the backfill runner: claims the due jobs and works on them. */
public interface RunBackfillsUseCase {
  /** Completes, with how many jobs were worked on, when each has finished, paused or stopped. */
  CompletionStage<Integer> runDue();

  /** Makes running jobs stop after the symbol in flight, saving their progress. */
  void stopRuns();
}
