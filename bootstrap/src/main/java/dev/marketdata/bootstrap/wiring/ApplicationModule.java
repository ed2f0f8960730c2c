package dev.marketdata.bootstrap.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.marketdata.application.average.AverageWindows;
import dev.marketdata.application.average.GetMovingAverageService;
import dev.marketdata.application.average.GetMovingAverageUseCase;
import dev.marketdata.application.backfill.BackfillSettings;
import dev.marketdata.application.backfill.GetBackfillJobService;
import dev.marketdata.application.backfill.GetBackfillJobUseCase;
import dev.marketdata.application.backfill.RunBackfillsService;
import dev.marketdata.application.backfill.RunBackfillsUseCase;
import dev.marketdata.application.backfill.StartBackfillService;
import dev.marketdata.application.backfill.StartBackfillUseCase;
import dev.marketdata.application.bar.BarCloseSettings;
import dev.marketdata.application.bar.CloseBarsService;
import dev.marketdata.application.bar.CloseBarsUseCase;
import dev.marketdata.application.bar.GetBarsService;
import dev.marketdata.application.bar.GetBarsUseCase;
import dev.marketdata.application.indicator.GetIndicatorService;
import dev.marketdata.application.indicator.GetIndicatorUseCase;
import dev.marketdata.application.ingest.IngestQuoteService;
import dev.marketdata.application.ingest.IngestQuoteUseCase;
import dev.marketdata.application.ingest.IngestSettings;
import dev.marketdata.application.market.GetMarketStatusService;
import dev.marketdata.application.market.GetMarketStatusUseCase;
import dev.marketdata.application.poll.Backpressure;
import dev.marketdata.application.poll.BackpressureSettings;
import dev.marketdata.application.poll.GetPollJobService;
import dev.marketdata.application.poll.GetPollJobUseCase;
import dev.marketdata.application.poll.ListPollJobsService;
import dev.marketdata.application.poll.ListPollJobsUseCase;
import dev.marketdata.application.poll.PollSettings;
import dev.marketdata.application.poll.RunPollTickService;
import dev.marketdata.application.poll.RunPollTickUseCase;
import dev.marketdata.application.poll.StartPollJobService;
import dev.marketdata.application.poll.StartPollJobUseCase;
import dev.marketdata.application.poll.StopPollJobService;
import dev.marketdata.application.poll.StopPollJobUseCase;
import dev.marketdata.application.price.BatchSettings;
import dev.marketdata.application.price.FallbackSettings;
import dev.marketdata.application.price.GetLatestPriceService;
import dev.marketdata.application.price.GetLatestPriceUseCase;
import dev.marketdata.application.price.GetLatestPricesService;
import dev.marketdata.application.price.GetLatestPricesUseCase;
import dev.marketdata.application.price.GetPriceHistoryService;
import dev.marketdata.application.price.GetPriceHistoryUseCase;
import dev.marketdata.application.price.LatestPriceSettings;
import dev.marketdata.application.price.ServeLatestPriceService;
import dev.marketdata.application.price.ServeLatestPriceUseCase;
import dev.marketdata.application.provider.ListProvidersService;
import dev.marketdata.application.provider.ListProvidersUseCase;
import dev.marketdata.application.relay.RelayAveragesService;
import dev.marketdata.application.relay.RelayAveragesUseCase;
import dev.marketdata.application.relay.RelayBarsService;
import dev.marketdata.application.relay.RelayBarsUseCase;
import dev.marketdata.application.relay.RelayListener;
import dev.marketdata.application.relay.RelayOutboxService;
import dev.marketdata.application.relay.RelayOutboxSettings;
import dev.marketdata.application.relay.RelayOutboxUseCase;
import dev.marketdata.application.retention.MaintainStorageService;
import dev.marketdata.application.retention.MaintainStorageUseCase;
import dev.marketdata.application.support.Delay;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.runtime.RelayLog;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.port.PipelineBacklog;
import dev.marketdata.domain.quality.QualityRules;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Binds every use case to its service and builds the application's settings from config. */
@Module
public interface ApplicationModule {
  @Binds
  @Singleton
  GetLatestPriceUseCase latestPrice(GetLatestPriceService service);

  @Binds
  @Singleton
  ServeLatestPriceUseCase serveLatestPrice(ServeLatestPriceService service);

  @Binds
  @Singleton
  GetLatestPricesUseCase latestPrices(GetLatestPricesService service);

  @Binds
  @Singleton
  GetPriceHistoryUseCase history(GetPriceHistoryService service);

  @Binds
  @Singleton
  IngestQuoteUseCase ingest(IngestQuoteService service);

  @Binds
  @Singleton
  StartPollJobUseCase startPoll(StartPollJobService service);

  @Binds
  @Singleton
  GetPollJobUseCase getPoll(GetPollJobService service);

  @Binds
  @Singleton
  ListPollJobsUseCase listPolls(ListPollJobsService service);

  @Binds
  @Singleton
  StopPollJobUseCase stopPoll(StopPollJobService service);

  @Binds
  @Singleton
  RunPollTickUseCase tick(RunPollTickService service);

  @Binds
  @Singleton
  GetMovingAverageUseCase movingAverage(GetMovingAverageService service);

  @Binds
  @Singleton
  RelayOutboxUseCase relay(RelayOutboxService service);

  @Binds
  @Singleton
  RelayAveragesUseCase relayAverages(RelayAveragesService service);

  @Binds
  @Singleton
  RelayBarsUseCase relayBars(RelayBarsService service);

  @Binds
  @Singleton
  ListProvidersUseCase providers(ListProvidersService service);

  @Binds
  @Singleton
  MaintainStorageUseCase maintainStorage(MaintainStorageService service);

  @Binds
  @Singleton
  GetBarsUseCase bars(GetBarsService service);

  @Binds
  @Singleton
  GetIndicatorUseCase indicators(GetIndicatorService service);

  @Binds
  @Singleton
  CloseBarsUseCase closeBars(CloseBarsService service);

  @Binds
  @Singleton
  GetMarketStatusUseCase marketStatus(GetMarketStatusService service);

  /**
   * The one trading calendar of the process (API, poller and anything else that asks); bundled and
   * deterministic, so N replicas agree without sharing anything. A malformed data file fails here.
   */
  @Provides
  @Singleton
  static TradingCalendar tradingCalendar() {
    return TradingCalendar.usEquities();
  }

  /** The data-quality rules (ADR 0014): ingest, averages, bars, indicators and staleness. */
  @Provides
  static QualityRules qualityRules(ServiceConfig config) {
    return config.quality();
  }

  @Provides
  static BarCloseSettings barCloseSettings(ServiceConfig config) {
    return new BarCloseSettings(config.prices().barCloseGrace());
  }

  @Provides
  static MarketTimeZone marketTimeZone(ServiceConfig config) {
    return config.prices().marketTimeZone();
  }

  @Provides
  static RetentionPolicy retention(ServiceConfig config) {
    return config.retention();
  }

  @Provides
  @Singleton
  static Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  static AverageWindows windows(ServiceConfig config) {
    return new AverageWindows(config.consumer().averageWindows());
  }

  @Provides
  static LatestPriceSettings latestPriceSettings(ServiceConfig config) {
    // The replica's name claims fetch leases, so a release never ends another replica's lease.
    return new LatestPriceSettings(
        config.prices().freshness(),
        config.prices().latestCacheMaxEntries(),
        config.latestFetchLease(),
        config.instance().id());
  }

  @Provides
  static FallbackSettings fallbackSettings(ServiceConfig config) {
    return new FallbackSettings(config.prices().fallbackProviders());
  }

  @Provides
  static BatchSettings batchSettings(ServiceConfig config) {
    return new BatchSettings(config.prices().batchMaxSymbols());
  }

  @Provides
  static IngestSettings ingestSettings(ServiceConfig config) {
    return new IngestSettings(
        config.prices().ingestQueueLimit(), config.prices().ingestQueueMaxWait());
  }

  @Binds
  @Singleton
  StartBackfillUseCase startBackfill(StartBackfillService service);

  @Binds
  @Singleton
  GetBackfillJobUseCase getBackfill(GetBackfillJobService service);

  @Binds
  @Singleton
  RunBackfillsUseCase runBackfills(RunBackfillsService service);

  /** Backfill jobs are leased by the replica's name, as long as poll jobs are. */
  @Provides
  static BackfillSettings backfillSettings(ServiceConfig config) {
    return new BackfillSettings(
        config.instance().id(), 4, config.poll().lease(), Duration.ofSeconds(5));
  }

  @Provides
  static PollSettings pollSettings(ServiceConfig config) {
    ServiceConfig.Poll poll = config.poll();
    return new PollSettings(
        config.instance().id(),
        poll.claimLimit(),
        poll.lease(),
        poll.maxConcurrentFetches(),
        Duration.ofSeconds(3),
        poll.ingestBatchSize());
  }

  @Provides
  static BackpressureSettings backpressureSettings(ServiceConfig config) {
    ServiceConfig.Poll.Backpressure b = config.poll().backpressure();
    return new BackpressureSettings(b.high(), b.low(), b.checkEvery());
  }

  /** One per replica: every run of this poller reads the same cached backlog (ADR 0017). */
  @Provides
  @Singleton
  static Backpressure backpressure(
      PipelineBacklog backlog, BackpressureSettings settings, Clock clock, Delay delay) {
    return new Backpressure(backlog, settings, clock, delay);
  }

  @Provides
  static RelayListener relayListener() {
    return new RelayLog();
  }

  @Provides
  static RelayOutboxSettings relaySettings(ServiceConfig config) {
    // The replica's name holds the leases, so each relay replica leads under its own.
    return new RelayOutboxSettings(
        config.relay().batchSize(), config.relay().lease(), config.instance().id());
  }

  /** The poll scheduler's timers: Vert.x timers, so no thread of our own waits. */
  @Provides
  @Singleton
  static Delay delay(Vertx vertx) {
    return wait -> {
      if (wait.isZero() || wait.isNegative()) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> fired = new CompletableFuture<>();
      long millis = Math.max(1, (wait.toNanos() + 999_999) / 1_000_000);
      vertx.setTimer(millis, id -> fired.complete(null));
      return fired;
    };
  }
}
