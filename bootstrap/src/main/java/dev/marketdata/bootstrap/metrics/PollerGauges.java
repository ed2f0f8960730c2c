package dev.marketdata.bootstrap.metrics;

import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.port.PollJobRepository;
import dev.marketdata.domain.port.QuoteProviders;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the alerts on polling need, sampled by the poller role: {@code
 * mds_poll_jobs_active{provider}} (active jobs per provider) and {@code
 * mds_provider_budget_remaining{provider,period_seconds}} (calls left in each rate window, shared
 * by the whole deployment). Every poller replica reports the same shared numbers, so the alerts
 * take {@code max}/{@code min} over replicas rather than a sum.
 */
final class PollerGauges {
  private final MeterRegistry meters;
  private final QuoteProviders providers;
  private final PollJobRepository jobs;
  private final Map<String, AtomicLong> active = new ConcurrentHashMap<>();
  private final Map<List<String>, AtomicLong> remaining = new ConcurrentHashMap<>();

  PollerGauges(MeterRegistry meters, QuoteProviders providers, PollJobRepository jobs) {
    this.meters = meters;
    this.providers = providers;
    this.jobs = jobs;
  }

  /** One sample of every provider's active jobs and budget. */
  CompletionStage<Void> sample() {
    return providers
        .currentStatuses()
        .thenCompose(
            statuses -> {
              List<CompletableFuture<?>> counts = new ArrayList<>();
              for (ProviderStatus status : statuses) {
                String provider = status.id().value();
                for (BudgetState budget : status.budget()) {
                  String period = String.valueOf(budget.limit().period().toSeconds());
                  remaining
                      .computeIfAbsent(List.of(provider, period), this::budgetGauge)
                      .set(budget.remaining());
                }
                counts.add(
                    jobs.activeOn(status.id())
                        .thenAccept(
                            list ->
                                active
                                    .computeIfAbsent(provider, this::activeGauge)
                                    .set(list.size()))
                        .toCompletableFuture());
              }
              return CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new));
            });
  }

  private AtomicLong activeGauge(String provider) {
    AtomicLong holder = new AtomicLong();
    Gauge.builder("mds.poll.jobs.active", holder, AtomicLong::get)
        .description("Active poll jobs on the provider")
        .tag("provider", provider)
        .register(meters);
    return holder;
  }

  private AtomicLong budgetGauge(List<String> providerAndPeriod) {
    AtomicLong holder = new AtomicLong();
    Gauge.builder("mds.provider.budget.remaining", holder, AtomicLong::get)
        .description("Provider calls left in the current rate window, for the whole deployment")
        .tag("provider", providerAndPeriod.get(0))
        .tag("period_seconds", providerAndPeriod.get(1))
        .register(meters);
    return holder;
  }
}
