package dev.marketdata.adapter.persistence;

import dagger.Binds;
import dagger.Module;
import dev.marketdata.domain.port.AverageOutbox;
import dev.marketdata.domain.port.BarRepository;
import dev.marketdata.domain.port.FetchLeases;
import dev.marketdata.domain.port.IngestionRepository;
import dev.marketdata.domain.port.LiveEventLog;
import dev.marketdata.domain.port.MovingAverageRepository;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.ProviderBudgets;
import dev.marketdata.domain.port.RawResponseRepository;
import dev.marketdata.domain.port.StorageMaintenance;
import jakarta.inject.Singleton;

/**
 * Binds the storage ports to their PostgreSQL repositories (poll jobs are bound by bootstrap, which
 * adds logging around {@link PgPollJobRepository}, and the providers' throttles, which it refreshes
 * on a timer: {@link PgProviderThrottles}); the component supplies the {@code Pool} and the clock.
 */
@Module
public interface PersistenceModule {
  @Binds
  @Singleton
  IngestionRepository ingestion(PgIngestionRepository repository);

  @Binds
  @Singleton
  PricePointRepository pricePoints(PgPricePointRepository repository);

  @Binds
  @Singleton
  BarRepository bars(PgBarRepository repository);

  @Binds
  @Singleton
  RawResponseRepository rawResponses(PgRawResponseRepository repository);

  @Binds
  @Singleton
  MovingAverageRepository movingAverages(PgMovingAverageRepository repository);

  @Binds
  @Singleton
  Outbox outbox(PgOutbox outbox);

  @Binds
  @Singleton
  AverageOutbox averageOutbox(PgAverageOutbox outbox);

  @Binds
  @Singleton
  LiveEventLog liveEventLog(PgLiveEventLog log);

  @Binds
  @Singleton
  FetchLeases fetchLeases(PgFetchLeases leases);

  @Binds
  @Singleton
  StorageMaintenance maintenance(PgStorageMaintenance maintenance);

  @Binds
  @Singleton
  ProviderBudgets providerBudgets(PgProviderBudgets budgets);
}
