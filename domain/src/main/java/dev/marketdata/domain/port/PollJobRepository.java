package dev.marketdata.domain.port;

import dev.marketdata.domain.model.PollJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Durable poll jobs, with leases so that several replicas never run the same tick. */
public interface PollJobRepository {
  CompletionStage<PollJob> create(PollJob job);

  CompletionStage<Optional<PollJob>> find(UUID id);

  /** Every job, newest first. */
  CompletionStage<List<PollJob>> list();

  /** Marks the job stopped; empty when there is no such job. Stopping twice is harmless. */
  CompletionStage<Optional<PollJob>> stop(UUID id, Instant now);

  /**
   * Leases up to {@code limit} active jobs due at {@code now} (whose lease is free or expired) to
   * {@code owner} until {@code now + lease}; a job leased to one owner is never returned to another
   * until the lease is released or expires.
   */
  CompletionStage<List<PollJob>> claimDue(Instant now, int limit, String owner, Duration lease);

  /**
   * Saves a run's outcome (last run, next run, error, counts) and frees the lease, if {@code owner}
   * still holds it. A job stopped meanwhile stays stopped.
   */
  CompletionStage<Void> complete(PollJob afterRun, String owner);
}
