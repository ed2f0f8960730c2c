package dev.marketdata.bootstrap.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.marketdata.adapter.http.HttpApi;
import dev.marketdata.adapter.kafka.KafkaModule;
import dev.marketdata.adapter.kafka.KafkaSettings;
import dev.marketdata.adapter.kafka.PriceEventCodec;
import dev.marketdata.adapter.persistence.PersistenceModule;
import dev.marketdata.adapter.provider.ProvidersModule;
import dev.marketdata.application.average.ApplyPriceEventsUseCase;
import dev.marketdata.application.poll.RunPollTickUseCase;
import dev.marketdata.application.relay.RelayOutboxUseCase;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.runtime.Lifecycle;
import dev.marketdata.domain.port.Outbox;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;

/** The object graph of one process: every adapter wired into the use cases. */
@Singleton
@Component(
    modules = {
      ApplicationModule.class,
      RuntimeModule.class,
      PersistenceModule.class,
      ProvidersModule.class,
      KafkaModule.class
    })
public interface ServiceComponent {
  HttpApi httpApi();

  RunPollTickUseCase pollTick();

  RelayOutboxUseCase relay();

  ApplyPriceEventsUseCase applyPriceEvents();

  PriceEventCodec priceEventCodec();

  Outbox outbox();

  dev.marketdata.adapter.kafka.ConsumerLagProbe consumerLag();

  /** Creates the graph; what it opens is registered with {@code lifecycle} for shutdown. */
  @Component.Factory
  interface Factory {
    ServiceComponent create(
        @BindsInstance Vertx vertx,
        @BindsInstance ServiceConfig config,
        @BindsInstance Pool pool,
        @BindsInstance KafkaSettings kafka,
        @BindsInstance PrometheusMeterRegistry meters,
        @BindsInstance Lifecycle lifecycle);
  }
}
