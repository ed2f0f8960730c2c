package dev.marketdata.adapter.kafka;

import dagger.Module;
import dagger.Provides;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

/**
 * Builds the Kafka publisher and probe (bootstrap binds them to the ports, with metrics around);
 * the component supplies {@link Vertx} and {@link KafkaSettings}. The publisher is built on first
 * use, so a process that does not relay never opens a producer.
 */
@Module
public final class KafkaModule {
  private KafkaModule() {}

  @Provides
  @Singleton
  static KafkaPriceEventPublisher kafkaPublisher(
      Vertx vertx, KafkaSettings settings, Tracer tracer) {
    return KafkaPriceEventPublisher.create(vertx, settings, new PriceEventCodec(), tracer);
  }

  @Provides
  @Singleton
  static KafkaAveragePublisher averagePublisher(
      KafkaPriceEventPublisher producer, KafkaSettings settings, Tracer tracer) {
    return new KafkaAveragePublisher(
        producer, settings.averagesTopic(), new AverageEventCodec(), tracer);
  }

  @Provides
  @Singleton
  static KafkaBarPublisher barPublisher(KafkaPriceEventPublisher producer, KafkaSettings settings) {
    return new KafkaBarPublisher(producer, settings.barsTopic(), new BarEventCodec());
  }

  @Provides
  @Singleton
  static KafkaClusterProbe probe(Vertx vertx, KafkaSettings settings) {
    return new KafkaClusterProbe(vertx, settings);
  }

  @Provides
  @Singleton
  static ConsumerLagProbe lagProbe(Vertx vertx, KafkaSettings settings) {
    return new ConsumerLagProbe(vertx, settings);
  }
}
