package dev.marketdata.application.backfill;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.BackfillJob;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.BackfillJobRepository;
import dev.marketdata.domain.port.QuoteProviders;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CompletionStage;

/**
 * Checks that the provider is enabled and offers daily history (never calling it), and that the
 * range has begun, then stores the job due at once.
 */
public final class StartBackfillService implements StartBackfillUseCase {
  static final ZoneId MARKET_ZONE = ZoneId.of("America/New_York");

  private final QuoteProviders providers;
  private final BackfillJobRepository jobs;
  private final Clock clock;

  @Inject
  public StartBackfillService(QuoteProviders providers, BackfillJobRepository jobs, Clock clock) {
    this.providers = providers;
    this.jobs = jobs;
    this.clock = clock;
  }

  @Override
  public CompletionStage<BackfillJob> start(BackfillRequest request) {
    return Futures.defer(
        () -> {
          ProviderId id = request.provider().orElseGet(providers::defaultProvider);
          if (providers.get(id).history().isEmpty()) {
            throw new InvalidInput(
                "provider", id, "offers no daily history (its candles are a paid endpoint)");
          }
          LocalDate today = LocalDate.now(clock.withZone(MARKET_ZONE));
          if (request.from().isAfter(today)) {
            throw new InvalidInput("from", request.from(), "must not be in the future");
          }
          return jobs.create(
              BackfillJob.accept(
                  Ids.newUuidV7(clock),
                  request.symbols(),
                  id,
                  request.from(),
                  request.to(),
                  clock.instant()));
        });
  }
}
