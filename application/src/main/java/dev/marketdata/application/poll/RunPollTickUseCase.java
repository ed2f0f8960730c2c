package dev.marketdata.application.poll;

import java.util.concurrent.CompletionStage;

/**
 * One scheduler tick: lease the due jobs this replica has room for and start a run of each, without
 * waiting for any. Each run fetches and stores its job's symbols on its own, renews its lease while
 * it lasts, and records its outcome and next run when it ends.
 */
public interface RunPollTickUseCase {
  CompletionStage<TickReport> runTick();

  /**
   * Ends every running run now (what it has not fetched is recorded as missed) and claims nothing
   * more; completes when their outcomes are saved. For shutdown.
   */
  CompletionStage<Void> stopRuns();

  /**
   * What a tick did, for logs and metrics.
   *
   * @param started runs this tick started
   * @param running runs in progress on this replica after the tick
   * @param unrecorded runs that ended since the last tick without their outcome saved (the store
   *     failed); their leases expire and the jobs run again
   */
  record TickReport(int started, int running, int unrecorded) {}
}
