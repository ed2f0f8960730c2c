package dev.marketdata.application.fake;

import static dev.marketdata.application.fake.InMemoryMarketDataStore.micros;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.PollJobRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** In-memory poll jobs with leases, held honest by {@code PollJobRepositoryContract}. */
public final class InMemoryPollJobs implements PollJobRepository {
  private final Map<UUID, PollJob> jobs = new HashMap<>();
  private final Map<UUID, Lease> leases = new HashMap<>();

  @Override
  public synchronized CompletionStage<PollJob> create(PollJob job) {
    if (jobs.containsKey(job.id())) {
      return CompletableFuture.failedFuture(new InvalidInput("id", job.id(), "is already taken"));
    }
    PollJob stored = normalize(job);
    jobs.put(stored.id(), stored);
    return CompletableFuture.completedFuture(stored);
  }

  @Override
  public synchronized CompletionStage<Optional<PollJob>> find(UUID id) {
    return CompletableFuture.completedFuture(Optional.ofNullable(jobs.get(id)));
  }

  @Override
  public synchronized CompletionStage<List<PollJob>> list() {
    return CompletableFuture.completedFuture(
        jobs.values().stream()
            .sorted(
                Comparator.comparing(PollJob::createdAt)
                    .thenComparing(PollJob::id, Ids.UNSIGNED_ORDER)
                    .reversed())
            .toList());
  }

  @Override
  public synchronized CompletionStage<List<PollJob>> activeOn(ProviderId provider) {
    return CompletableFuture.completedFuture(
        jobs.values().stream()
            .filter(PollJob::active)
            .filter(j -> j.provider().equals(provider))
            .toList());
  }

  @Override
  public synchronized CompletionStage<Optional<PollJob>> stop(UUID id, Instant now) {
    PollJob job = jobs.get(id);
    if (job == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    if (job.active()) {
      job = job.stopped(micros(now));
      jobs.put(id, job);
    }
    return CompletableFuture.completedFuture(Optional.of(job));
  }

  @Override
  public synchronized CompletionStage<List<PollJob>> claimDue(
      Instant now, int limit, String owner, Duration lease) {
    Instant at = micros(now);
    List<PollJob> due =
        jobs.values().stream()
            .filter(PollJob::active)
            .filter(j -> !j.nextRunAt().isAfter(at))
            .filter(j -> free(j.id(), at))
            .sorted(
                Comparator.comparing(PollJob::nextRunAt)
                    .thenComparing(PollJob::id, Ids.UNSIGNED_ORDER))
            .limit(limit)
            .toList();
    for (PollJob job : due) {
      leases.put(job.id(), new Lease(owner, micros(now.plus(lease))));
    }
    return CompletableFuture.completedFuture(new ArrayList<>(due));
  }

  private boolean free(UUID id, Instant now) {
    Lease held = leases.get(id);
    return held == null || !held.expiresAt().isAfter(now);
  }

  @Override
  public synchronized CompletionStage<Boolean> renew(
      UUID id, String owner, Instant now, Duration lease) {
    Lease held = leases.get(id);
    PollJob job = jobs.get(id);
    if (held == null || job == null || !job.active() || !held.owner().equals(owner)) {
      return CompletableFuture.completedFuture(false);
    }
    leases.put(id, new Lease(owner, micros(now.plus(lease))));
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized CompletionStage<Void> complete(PollJob afterRun, String owner) {
    Lease held = leases.get(afterRun.id());
    PollJob current = jobs.get(afterRun.id());
    if (held == null || current == null || !held.owner().equals(owner)) {
      return CompletableFuture.completedFuture(null);
    }
    PollJob saved = normalize(afterRun);
    jobs.put(
        saved.id(),
        new PollJob(
            current.id(),
            current.symbols(),
            current.interval(),
            current.providers(),
            current.marketHours(),
            current.status(), // a run never changes the status: a stopped job stays stopped
            current.createdAt(),
            saved.updatedAt(),
            saved.lastRunAt(),
            saved.nextRunAt(),
            saved.lastError(),
            saved.runCount(),
            saved.errorCount(),
            saved.consecutiveFailures(),
            saved.waitingReason(),
            saved.calendarNote(),
            saved.fallbacks()));
    leases.remove(afterRun.id());
    return CompletableFuture.completedFuture(null);
  }

  /** The job as the database keeps it: instants to the microsecond, the interval to the ms. */
  public static PollJob normalize(PollJob j) {
    return new PollJob(
        j.id(),
        j.symbols(),
        Duration.ofMillis(j.interval().toMillis()),
        j.providers(),
        j.marketHours(),
        j.status(),
        micros(j.createdAt()),
        micros(j.updatedAt()),
        micros(j.lastRunAt()),
        micros(j.nextRunAt()),
        j.lastError(),
        j.runCount(),
        j.errorCount(),
        j.consecutiveFailures(),
        j.waitingReason(),
        j.calendarNote(),
        new PollJob.Fallbacks(
            j.fallbacks().count(),
            micros(j.fallbacks().lastAt()),
            j.fallbacks().lastSymbol(),
            j.fallbacks().lastFrom(),
            j.fallbacks().lastProvider()));
  }

  private record Lease(String owner, Instant expiresAt) {}
}
