package dev.marketdata.domain.port;

import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Durable poll jobs, with leases so that a job runs on one replica at a time: the owner renews the
 * lease while the run lasts and frees it when the run is recorded; a lease nobody renews expires.
 */
public interface PollJobRepository {
  CompletionStage<PollJob> create(PollJob job);

  CompletionStage<Optional<PollJob>> find(UUID id);

  /** Every job, newest first. */
  CompletionStage<List<PollJob>> list();

  /** The active jobs on one provider, in any order: what its rate budget is shared by. */
  CompletionStage<List<PollJob>> activeOn(ProviderId provider);

  /** Marks the job stopped; empty when there is no such job. Stopping twice is harmless. */
  CompletionStage<Optional<PollJob>> stop(UUID id, Instant now);

  /**
   * Leases up to {@code limit} active jobs due at {@code now} (whose lease is free or expired) to
   * {@code owner} until {@code now + lease}; a job leased to one owner is never returned to another
   * until the lease is released or expires.
   */
  CompletionStage<List<PollJob>> claimDue(Instant now, int limit, String owner, Duration lease);

  /**
   * Extends the lease of a running job to {@code now + lease}, if {@code owner} still holds it and
   * the job is still active; true when it did. False means the run should stop fetching: another
   * owner took the job after the lease expired, or the job was stopped.
   */
  CompletionStage<Boolean> renew(UUID id, String owner, Instant now, Duration lease);

  /**
   * Saves a run's outcome (last run, next run, error, counts) and frees the lease, if {@code owner}
   * still holds it. A job stopped meanwhile stays stopped.
   */
  CompletionStage<Void> complete(PollJob afterRun, String owner);
}
