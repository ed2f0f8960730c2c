package dev.marketdata.bootstrap.runtime;

import dev.marketdata.application.poll.Backpressure;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.PollJobRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs poll job lifecycle and failed runs with {@code job_id} and {@code provider} as structured
 * fields; storage is the wrapped repository's.
 */
public final class LoggingPollJobs implements PollJobRepository {
  private static final Logger log = LoggerFactory.getLogger("dev.marketdata.poll");

  private static final long HELD_LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final PollJobRepository delegate;
  private final AtomicLong heldLoggedAt = new AtomicLong(System.nanoTime() - HELD_LOG_EVERY_NANOS);
  private final AtomicLong heldSinceLogged = new AtomicLong();

  public LoggingPollJobs(PollJobRepository delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletionStage<PollJob> create(PollJob job) {
    return delegate
        .create(job)
        .thenApply(
            saved -> {
              log.atInfo()
                  .addKeyValue("job_id", saved.id())
                  .addKeyValue("provider", saved.providers().wire())
                  .addKeyValue("market_hours", saved.marketHours().wire())
                  .addKeyValue("symbols", saved.symbols().size())
                  .addKeyValue("interval_s", saved.interval().toSeconds())
                  .log("poll job started");
              return saved;
            });
  }

  @Override
  public CompletionStage<Optional<PollJob>> find(UUID id) {
    return delegate.find(id);
  }

  @Override
  public CompletionStage<List<PollJob>> list() {
    return delegate.list();
  }

  @Override
  public CompletionStage<List<PollJob>> activeOn(ProviderId provider) {
    return delegate.activeOn(provider);
  }

  @Override
  public CompletionStage<Optional<PollJob>> stop(UUID id, Instant now) {
    return delegate
        .stop(id, now)
        .thenApply(
            stopped -> {
              stopped.ifPresent(
                  job ->
                      log.atInfo()
                          .addKeyValue("job_id", job.id())
                          .addKeyValue("provider", job.provider().value())
                          .log("poll job stopped"));
              return stopped;
            });
  }

  @Override
  public CompletionStage<List<PollJob>> claimDue(
      Instant now, int limit, String owner, Duration lease) {
    return delegate.claimDue(now, limit, owner, lease);
  }

  @Override
  public CompletionStage<Boolean> renew(UUID id, String owner, Instant now, Duration lease) {
    return delegate.renew(id, owner, now, lease);
  }

  @Override
  public CompletionStage<Void> complete(PollJob afterRun, String owner) {
    // A save that only moved the job to its next open is not a run: its old error is not news.
    boolean ran = afterRun.updatedAt().equals(afterRun.lastRunAt());
    if (!ran) {
      afterRun
          .waiting()
          .ifPresent(
              reason ->
                  log.atInfo()
                      .addKeyValue("job_id", afterRun.id())
                      .addKeyValue("market_hours", afterRun.marketHours().wire())
                      .addKeyValue("resumes_at", afterRun.nextRunAt())
                      .log("poll job waits for its market hours: {}", reason));
      return delegate.complete(afterRun, owner);
    }
    // Every failed run of a backing-off job is logged; its back-off keeps this to a trickle.
    // Runs held back for the pipeline do not back off (ADR 0017): every job would log every
    // interval, so those are logged once a minute for the whole process, counting the rest.
    afterRun
        .error()
        .filter(error -> !heldBackQuietly(error))
        .ifPresent(
            error ->
                log.atWarn()
                    .addKeyValue("job_id", afterRun.id())
                    .addKeyValue("provider", afterRun.provider().value())
                    .addKeyValue("error_count", afterRun.errorCount())
                    .addKeyValue("next_run_at", afterRun.nextRunAt())
                    .log("poll job run failed: {}", error));
    return delegate.complete(afterRun, owner);
  }

  /**
   * True for a run whose only trouble was back-pressure, unless it is the first such run in a
   * minute: that one is logged, with how many were not.
   */
  private boolean heldBackQuietly(String error) {
    if (!error.contains(Backpressure.MISSED_NOTE) || error.contains("; ")) {
      return false; // other symbols failed too: logged as any failed run
    }
    long now = System.nanoTime();
    long last = heldLoggedAt.get();
    if (now - last < HELD_LOG_EVERY_NANOS || !heldLoggedAt.compareAndSet(last, now)) {
      heldSinceLogged.incrementAndGet();
      return true;
    }
    long quiet = heldSinceLogged.getAndSet(0);
    log.atWarn()
        .addKeyValue("held_runs_not_logged", quiet)
        .log(
            "poll runs are held back by the pipeline's backlog (mds_poll_backpressure_*); {} such"
                + " run(s) since the last line were not logged",
            quiet);
    return false;
  }
}
