package dev.marketdata.bootstrap.metrics;

import dev.marketdata.adapter.kafka.ConsumerObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The moving-average consumer on /metrics: its Kafka client's own metrics ({@code
 * kafka_consumer_*}, bound while the verticle runs) and {@code mds_dead_letters_total}, the records
 * moved to the dead-letter topic, which the DLQ alert watches (summed over consumer replicas).
 */
public final class MeteredConsumer implements ConsumerObserver {
  private final MeterRegistry meters;
  private final Counter deadLetters;

  public MeteredConsumer(MeterRegistry meters) {
    this.meters = meters;
    // Registered at start so the series exists (at 0) before the first dead letter: increase()
    // over it then sees the first one too.
    this.deadLetters =
        Counter.builder("mds.dead.letters")
            .description("Records of price-events moved to the dead-letter topic")
            .register(meters);
  }

  @Override
  public AutoCloseable clientStarted(Consumer<?, ?> client) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(client);
    metrics.bindTo(meters);
    return metrics;
  }

  @Override
  public void deadLettered() {
    deadLetters.increment();
  }
}
