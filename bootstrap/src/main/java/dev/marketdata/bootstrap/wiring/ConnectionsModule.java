package dev.marketdata.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marketdata.adapter.kafka.KafkaSettings;
import dev.marketdata.adapter.persistence.PgConnectionConfig;
import dev.marketdata.adapter.persistence.PgPools;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.runtime.EmbeddedServers.Endpoints;
import dev.marketdata.bootstrap.runtime.Lifecycle;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;

/** How the adapters reach the database and the broker, configured or embedded. */
@Module
public final class ConnectionsModule {
  private ConnectionsModule() {}

  /** Opened on first use; closed after the verticles that use it have stopped. */
  @Provides
  @Singleton
  static Pool pool(Vertx vertx, PgConnectionConfig database, Lifecycle lifecycle) {
    Pool pool = PgPools.open(vertx, database);
    lifecycle.add("PostgreSQL pool", () -> pool.close().toCompletionStage());
    return pool;
  }

  @Provides
  @Singleton
  static KafkaSettings kafkaSettings(ServiceConfig config, Endpoints endpoints) {
    KafkaSettings d = KafkaSettings.defaults(endpoints.kafkaBootstrapServers());
    return new KafkaSettings(
        d.bootstrapServers(),
        "mds-" + config.instance().id(),
        d.groupId(),
        d.topic(),
        d.deadLetterTopic(),
        config.kafka().partitions(),
        config.kafka().replicationFactor(),
        d.deliveryTimeout(),
        d.requestTimeout(),
        d.maxBlock(),
        config.consumer().maxPollRecords(),
        d.pollTimeout(),
        config.kafka().clientProperties());
  }
}
