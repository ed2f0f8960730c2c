package dev.marketdata.domain.port;

import dev.marketdata.domain.model.BackfillJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Durable backfill jobs, leased like poll jobs so that one runs on one replica at a time: the owner
 * renews the lease while it works and frees it when it stops; a lease nobody renews expires and the
 * job is taken up again where its saved progress left it.
 */
public interface BackfillJobRepository {
  CompletionStage<BackfillJob> create(BackfillJob job);

  CompletionStage<Optional<BackfillJob>> find(UUID id);

  /**
   * Leases up to {@code limit} unfinished jobs due at {@code now} whose lease is free or expired to
   * {@code owner} until {@code now + lease}; a leased job is never returned to another owner until
   * the lease is released or expires.
   */
  CompletionStage<List<BackfillJob>> claimDue(Instant now, int limit, String owner, Duration lease);

  /**
   * Saves the job's progress and extends the lease to {@code now + lease}, if {@code owner} still
   * holds it; false means another owner took the job and this one must stop.
   */
  CompletionStage<Boolean> saveProgress(BackfillJob job, String owner, Instant now, Duration lease);

  /** Saves the job and frees its lease, if {@code owner} still holds it; true when it did. */
  CompletionStage<Boolean> release(BackfillJob job, String owner);
}
