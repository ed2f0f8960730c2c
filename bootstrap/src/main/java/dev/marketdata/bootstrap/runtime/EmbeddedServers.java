package dev.marketdata.bootstrap.runtime;

import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts in this process whichever server the configuration names none for (PostgreSQL, Kafka),
 * data under {@code MDS_DATA_DIR}, and registers each with the lifecycle to stop last.
 */
public final class EmbeddedServers {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

  /** Where the database and the broker are, configured or started here. */
  public record Endpoints(String databaseUrl, String kafkaBootstrapServers) {}

  private EmbeddedServers() {}

  public static Endpoints startMissing(ServiceConfig config, Lifecycle lifecycle) {
    EmbeddedPostgres postgres = null;
    String databaseUrl;
    if (config.database().embedded()) {
      postgres =
          EmbeddedPostgres.startPersistentOwnedByCaller(
              config.instance().dataDir().resolve("postgres"));
      lifecycle.addBlocking("embedded PostgreSQL", postgres);
      databaseUrl = postgres.adminDatabase().postgresqlUrl();
    } else {
      databaseUrl = config.database().url().orElseThrow();
    }
    String kafkaServers;
    if (config.kafka().embedded()) {
      EmbeddedKafka kafka = EmbeddedKafka.start(config.instance().dataDir().resolve("kafka"));
      lifecycle.addBlocking("embedded Kafka", kafka);
      kafkaServers = kafka.bootstrapServers();
    } else {
      kafkaServers = config.kafka().bootstrapServers().orElseThrow();
    }
    if (postgres != null && config.kafka().embedded()) {
      log.info(
          "Embedded mode: PostgreSQL {}:{} and Kafka {} run in this process, data in {};"
              + " default provider {}. Set MDS_DATABASE_URL and MDS_KAFKA_BOOTSTRAP_SERVERS"
              + " to use real servers.",
          postgres.host(),
          postgres.port(),
          kafkaServers,
          config.instance().dataDir(),
          config.providers().defaultProvider());
    } else {
      log.info(
          "External mode: PostgreSQL {} ({}), Kafka {} ({})",
          config.database().connection(databaseUrl),
          postgres == null ? "MDS_DATABASE_URL" : "embedded",
          kafkaServers,
          config.kafka().embedded()
              ? "embedded"
              : "MDS_KAFKA_BOOTSTRAP_SERVERS, "
                  + config.kafka().clientProperties().describeSecurity());
    }
    return new Endpoints(databaseUrl, kafkaServers);
  }
}
