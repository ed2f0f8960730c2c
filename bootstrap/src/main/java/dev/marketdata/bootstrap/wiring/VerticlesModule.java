package dev.marketdata.bootstrap.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.marketdata.adapter.http.HttpApi;
import dev.marketdata.adapter.http.HttpServerVerticle;
import dev.marketdata.adapter.kafka.Backoff;
import dev.marketdata.adapter.kafka.KafkaSettings;
import dev.marketdata.adapter.kafka.MovingAverageConsumerVerticle;
import dev.marketdata.adapter.kafka.OutboxRelayVerticle;
import dev.marketdata.adapter.kafka.PriceEventCodec;
import dev.marketdata.adapter.kafka.RelaySettings;
import dev.marketdata.adapter.scheduler.BackfillSchedulerVerticle;
import dev.marketdata.adapter.scheduler.BarCloseVerticle;
import dev.marketdata.adapter.scheduler.PollSchedulerVerticle;
import dev.marketdata.adapter.scheduler.StorageMaintenanceVerticle;
import dev.marketdata.application.average.ApplyPriceEventsUseCase;
import dev.marketdata.application.backfill.RunBackfillsUseCase;
import dev.marketdata.application.bar.CloseBarsUseCase;
import dev.marketdata.application.poll.RunPollTickUseCase;
import dev.marketdata.application.relay.RelayAveragesUseCase;
import dev.marketdata.application.relay.RelayBarsUseCase;
import dev.marketdata.application.relay.RelayOutboxUseCase;
import dev.marketdata.application.retention.MaintainStorageUseCase;
import dev.marketdata.bootstrap.config.Role;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.metrics.MeteredConsumer;
import dev.marketdata.bootstrap.runtime.InProcessDoorbell;
import dev.marketdata.bootstrap.runtime.ShutdownDeadline;
import dev.marketdata.domain.port.OutboxDoorbell;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.inject.Named;
import java.time.Duration;

/**
 * The verticles of the roles, a new one on each request (the HTTP one is deployed once per core),
 * each given its settings from the configuration.
 */
@Module
public interface VerticlesModule {
  /** Writers ring the relays this process deploys; none deployed, the ring does nothing. */
  @Binds
  OutboxDoorbell doorbell(InProcessDoorbell doorbell);

  @Provides
  static MovingAverageConsumerVerticle consumer(
      KafkaSettings kafka,
      ApplyPriceEventsUseCase applyEvents,
      PriceEventCodec codec,
      Tracer tracer,
      MeterRegistry meters) {
    return new MovingAverageConsumerVerticle(
        kafka, applyEvents, codec, Backoff.defaults(), tracer, new MeteredConsumer(meters));
  }

  @Provides
  static OutboxRelayVerticle relay(RelayOutboxUseCase relay, ServiceConfig config) {
    return new OutboxRelayVerticle(relay, relaySettings(config));
  }

  /** The relay of changed averages: the same loop and settings over its own queue. */
  @Provides
  @Named("averages")
  static OutboxRelayVerticle averageRelay(RelayAveragesUseCase relay, ServiceConfig config) {
    return new OutboxRelayVerticle(relay, relaySettings(config));
  }

  /** The relay of closed bars: the same loop and settings over its own queue (ADR 0013). */
  @Provides
  @Named("bars")
  static OutboxRelayVerticle barRelay(RelayBarsUseCase relay, ServiceConfig config) {
    return new OutboxRelayVerticle(relay, relaySettings(config));
  }

  /** The three relays loop alike: same batch size, poll interval and idle backoff. */
  private static RelaySettings relaySettings(ServiceConfig config) {
    return new RelaySettings(
        config.relay().batchSize(),
        config.relay().pollInterval(),
        Backoff.defaults(),
        config.relay().idleMax());
  }

  @Provides
  static PollSchedulerVerticle scheduler(RunPollTickUseCase tick, ServiceConfig config) {
    return new PollSchedulerVerticle(tick, config.poll().tick());
  }

  /** A backfill pass at the poll tick's pace: a due job waits at most one tick. */
  @Provides
  static BackfillSchedulerVerticle backfills(RunBackfillsUseCase backfills, ServiceConfig config) {
    return new BackfillSchedulerVerticle(backfills, config.poll().tick());
  }

  /**
   * Every ten minutes: partitions are made three days ahead, so a pass may fail for days without
   * harm, and a pass that leaves a backlog is followed at once.
   */
  @Provides
  static StorageMaintenanceVerticle maintenance(MaintainStorageUseCase maintenance) {
    return new StorageMaintenanceVerticle(maintenance, Duration.ofMinutes(10));
  }

  /** Every second: a bar goes out about a second after its bucket's end plus the grace. */
  @Provides
  static BarCloseVerticle barClose(CloseBarsUseCase closer) {
    return new BarCloseVerticle(closer, Duration.ofSeconds(1));
  }

  /** Without the API role it serves only health and metrics. */
  @Provides
  static HttpServerVerticle http(HttpApi api, ServiceConfig config, ShutdownDeadline shutdown) {
    return new HttpServerVerticle(api, !config.runs(Role.API), shutdown::drainGrace);
  }
}
