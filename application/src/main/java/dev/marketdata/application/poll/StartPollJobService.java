package dev.marketdata.application.poll;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.PollJobRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Checks the job, together with the other active jobs whose first provider is its first provider,
 * against that provider's budget (counting the calls the job's market hours allow), then stores it
 * due at once, or at its next open when its hours do not allow now (so its status says so at once).
 * Every provider of the chain must be enabled; {@code simulated} is in a chain only if named.
 */
public final class StartPollJobService implements StartPollJobUseCase {
  private final QuoteProviders providers;
  private final PollJobRepository jobs;
  private final Clock clock;
  private final TradingCalendar calendar;
  private final MarketSchedule schedule;

  @Inject
  public StartPollJobService(
      QuoteProviders providers, PollJobRepository jobs, Clock clock, TradingCalendar calendar) {
    this.providers = providers;
    this.jobs = jobs;
    this.clock = clock;
    this.calendar = calendar;
    this.schedule = new MarketSchedule(calendar);
  }

  private void requireEnabled(ProviderId fallback) {
    try {
      providers.get(fallback);
    } catch (ProviderUnavailable missingKey) {
      // Enabled but unusable for now: a run falls back past it (Fallback.eligible).
    }
  }

  @Override
  public CompletionStage<StartedPollJob> start(PollRequest request) {
    return Futures.defer(
        () -> {
          ProviderChain chain =
              request.providers().orElseGet(() -> ProviderChain.of(providers.defaultProvider()));
          ProviderId providerId = chain.first();
          QuoteProvider provider = providers.get(providerId);
          // A fallback that is not enabled is a client's mistake now, not a failure at 3 a.m.
          // (one enabled but missing its key is accepted: runs fall back past it).
          chain.providers().stream().skip(1).forEach(this::requireEnabled);
          return jobs.activeOn(providerId)
              .thenCompose(
                  others -> {
                    Instant now = clock.instant();
                    List<String> warnings =
                        PollBudgetCheck.check(
                            providerId,
                            provider.status().limits(),
                            others,
                            new PollBudgetCheck.Load(
                                request.symbols().size(),
                                request.interval(),
                                request.marketHours()),
                            calendar,
                            now);
                    PollJob job =
                        PollJob.start(
                            Ids.newUuidV7(clock),
                            request.symbols(),
                            request.interval(),
                            chain,
                            request.marketHours(),
                            now);
                    job = schedule.place(job, now);
                    return jobs.create(job).thenApply(saved -> new StartedPollJob(saved, warnings));
                  });
        });
  }
}
