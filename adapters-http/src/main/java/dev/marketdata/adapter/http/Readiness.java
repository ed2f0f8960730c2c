package dev.marketdata.adapter.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of the health checks, computed at most once per {@code maxAge}: callers within that
 * time get the last outcome, and callers while a run is under way share it (so a burst of probes
 * costs one database query and one broker round trip). Why a check is down goes to the log, once
 * per change of state, never to the caller: the message can name hosts and database users.
 */
final class Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  /** How long one outcome is served again. */
  static final Duration MAX_AGE = Duration.ofSeconds(1);

  /** One check's state: only its name and whether it is up. */
  record CheckState(String name, boolean up) {}

  /** Every check's state, sorted by name; ready when all are up. */
  record Outcome(List<CheckState> checks) {
    boolean ready() {
      return checks.stream().allMatch(CheckState::up);
    }
  }

  private static final class Run {
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    volatile long finishedAt;
  }

  private final List<HealthCheck> checks;
  private final long timeoutMillis;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final AtomicReference<Run> latest = new AtomicReference<>();
  private final Map<String, Boolean> lastLogged = new ConcurrentHashMap<>();

  Readiness(Set<HealthCheck> checks, Duration timeout, Duration maxAge, LongSupplier nanoTime) {
    this.checks = checks.stream().sorted(Comparator.comparing(HealthCheck::name)).toList();
    this.timeoutMillis = timeout.toMillis();
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The last outcome if recent, the run under way if any, else a new run. Never fails. */
  CompletionStage<Outcome> outcome() {
    while (true) {
      Run run = latest.get();
      if (run != null
          && (!run.outcome.isDone() || nanoTime.getAsLong() - run.finishedAt < maxAgeNanos)) {
        return run.outcome;
      }
      Run next = new Run();
      if (latest.compareAndSet(run, next)) {
        start(next);
        return next.outcome;
      }
    }
  }

  private void start(Run run) {
    List<CompletableFuture<CheckState>> running = new ArrayList<>(checks.size());
    for (HealthCheck check : checks) {
      running.add(run(check));
    }
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
        .whenComplete(
            (ignored, never) -> {
              List<CheckState> states = running.stream().map(CompletableFuture::join).toList();
              run.finishedAt = nanoTime.getAsLong();
              run.outcome.complete(new Outcome(states));
            });
  }

  /** Never fails: a throw, a failed stage, {@code false} or a timeout all mean down. */
  private CompletableFuture<CheckState> run(HealthCheck check) {
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    try {
      check
          .check()
          .whenComplete(
              (up, failure) -> {
                if (failure != null) {
                  answer.completeExceptionally(failure);
                } else {
                  answer.complete(up);
                }
              });
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
    return answer
        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .handle(
            (up, failure) -> {
              boolean isUp = failure == null && Boolean.TRUE.equals(up);
              log(check.name(), isUp, failure);
              return new CheckState(check.name(), isUp);
            });
  }

  private void log(String name, boolean up, Throwable failure) {
    Boolean before = lastLogged.put(name, up);
    if (before != null && before == up) {
      return;
    }
    if (up) {
      if (before != null) {
        LOG.info("readiness check {} is UP again", name);
      }
      return;
    }
    Throwable cause = failure == null ? null : ProblemMapper.unwrap(failure);
    if (cause == null) {
      LOG.warn("readiness check {} is DOWN: reported not ready", name);
    } else if (cause instanceof TimeoutException) {
      LOG.warn("readiness check {} is DOWN: no answer within {} ms", name, timeoutMillis);
    } else {
      LOG.warn("readiness check {} is DOWN", name, cause);
    }
  }
}
