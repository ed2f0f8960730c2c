package dev.marketdata.application.poll;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.PollJob;
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
 * Checks the job, together with the provider's other active jobs, against the provider's budget,
 * then stores it due at once.
 */
public final class StartPollJobService implements StartPollJobUseCase {
  private final QuoteProviders providers;
  private final PollJobRepository jobs;
  private final Clock clock;

  @Inject
  public StartPollJobService(QuoteProviders providers, PollJobRepository jobs, Clock clock) {
    this.providers = providers;
    this.jobs = jobs;
    this.clock = clock;
  }

  @Override
  public CompletionStage<StartedPollJob> start(PollRequest request) {
    return Futures.defer(
        () -> {
          ProviderId providerId = request.provider().orElseGet(providers::defaultProvider);
          QuoteProvider provider = providers.get(providerId);
          return jobs.activeOn(providerId)
              .thenCompose(
                  others -> {
                    Instant now = clock.instant();
                    List<String> warnings =
                        PollBudgetCheck.check(
                            providerId,
                            provider.status().limits(),
                            others,
                            request.symbols().size(),
                            request.interval(),
                            now);
                    PollJob job =
                        PollJob.start(
                            Ids.newUuidV7(clock),
                            request.symbols(),
                            request.interval(),
                            providerId,
                            now);
                    return jobs.create(job).thenApply(saved -> new StartedPollJob(saved, warnings));
                  });
        });
  }
}
