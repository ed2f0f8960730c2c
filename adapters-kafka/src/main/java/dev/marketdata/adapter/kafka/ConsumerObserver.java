package dev.marketdata.adapter.kafka;

import org.apache.kafka.clients.consumer.Consumer;

/**
 * What the service's metrics see of the moving-average consumer: its Kafka client (for the client's
 * own metrics) and each dead letter. Kept free of any metrics library, so this adapter stays so.
 */
public interface ConsumerObserver {
  /** Observes nothing. */
  ConsumerObserver NONE = new ConsumerObserver() {};

  /**
   * Called once per verticle start with the client it polls with; what it returns is closed when
   * the verticle stops (a metrics binder unregisters the client's meters).
   */
  default AutoCloseable clientStarted(Consumer<?, ?> client) {
    return () -> {};
  }

  /** Called once for each record the dead-letter topic acknowledged. */
  default void deadLettered() {}
}
