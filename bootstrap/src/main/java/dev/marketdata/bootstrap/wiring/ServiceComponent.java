package dev.marketdata.bootstrap.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.marketdata.adapter.kafka.KafkaModule;
import dev.marketdata.adapter.persistence.PersistenceModule;
import dev.marketdata.adapter.persistence.PgConnectionConfig;
import dev.marketdata.adapter.provider.ProvidersModule;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.runtime.EmbeddedServers.Endpoints;
import dev.marketdata.bootstrap.runtime.Lifecycle;
import dev.marketdata.bootstrap.runtime.RoleDeployer;
import dev.marketdata.bootstrap.runtime.Shutdown;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

/** The object graph of one process: every adapter wired into the use cases, and the verticles. */
@Singleton
@Component(
    modules = {
      ApplicationModule.class,
      RuntimeModule.class,
      ConnectionsModule.class,
      VerticlesModule.class,
      LiveModule.class,
      PersistenceModule.class,
      ProvidersModule.class,
      KafkaModule.class
    })
public interface ServiceComponent {
  /** Deploys the verticles of this process's roles. */
  RoleDeployer roles();

  /** Stops them, and everything registered with the lifecycle, in order. */
  Shutdown shutdown();

  /** Creates the graph; what it opens is registered with {@code lifecycle} for shutdown. */
  @Component.Factory
  interface Factory {
    ServiceComponent create(
        @BindsInstance Vertx vertx,
        @BindsInstance ServiceConfig config,
        @BindsInstance PgConnectionConfig database,
        @BindsInstance Endpoints endpoints,
        @BindsInstance PrometheusMeterRegistry meters,
        @BindsInstance Lifecycle lifecycle,
        @BindsInstance OpenTelemetry telemetry);
  }
}
