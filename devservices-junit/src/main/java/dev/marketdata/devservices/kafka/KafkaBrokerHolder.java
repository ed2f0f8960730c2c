package dev.marketdata.devservices.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broker a test run uses: the in-JVM one, or an external one named by the environment. */
final class KafkaBrokerHolder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaBrokerHolder.class);

  private final EmbeddedKafka embedded; // null when the broker is external
  private final String bootstrapServers;

  private KafkaBrokerHolder(EmbeddedKafka embedded, String bootstrapServers) {
    this.embedded = embedded;
    this.bootstrapServers = bootstrapServers;
  }

  static KafkaBrokerHolder connect() {
    String external = System.getenv(TestKafka.EXTERNAL_ENV);
    if (external != null && !external.isBlank()) {
      log.info("Tests use the external Kafka broker at {}", external.strip());
      return new KafkaBrokerHolder(null, external.strip());
    }
    EmbeddedKafka kafka = EmbeddedKafka.start();
    return new KafkaBrokerHolder(kafka, kafka.bootstrapServers());
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** The in-JVM broker, or null when tests run against an external one. */
  EmbeddedKafka embedded() {
    return embedded;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
