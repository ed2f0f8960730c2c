package dev.marketdata.bootstrap.runtime;

import dev.marketdata.adapter.persistence.PgConnectionConfig;
import dev.marketdata.bootstrap.config.ConfigException;
import dev.marketdata.bootstrap.config.ConfigException.Problem;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.runtime.EmbeddedServerStarter.Started;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts in this process whichever server the configuration names none for (PostgreSQL, Kafka),
 * data under {@code MDS_DATA_DIR}, and registers each with the lifecycle to stop last. The servers
 * come from the {@link EmbeddedServerStarter} on the class path: the dev jar has one, the slim jar
 * none, and there a setting left for an embedded server is a configuration error.
 */
public final class EmbeddedServers {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

  /** Where the database and the broker are, configured or started here. */
  public record Endpoints(String databaseUrl, String kafkaBootstrapServers) {}

  private EmbeddedServers() {}

  /**
   * Refuses settings that leave a server to embedded mode when this jar cannot start it (the slim
   * jar), naming each variable to set; called with the other checks, before anything starts.
   */
  public static void requireStartable(ServiceConfig config) {
    if (needsAny(config)) {
      requireStartable(config, starter());
    }
  }

  static void requireStartable(ServiceConfig config, Optional<EmbeddedServerStarter> starter) {
    if (starter.isPresent()) {
      return;
    }
    List<Problem> problems = new ArrayList<>();
    if (config.database().embedded()) {
      problems.add(new Problem("MDS_DATABASE_URL", "", noEmbedded("PostgreSQL")));
    }
    if (config.kafka().embedded()) {
      problems.add(new Problem("MDS_KAFKA_BOOTSTRAP_SERVERS", "", noEmbedded("Kafka")));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private static String noEmbedded(String server) {
    return "must be set: this is the slim jar, which has no embedded "
        + server
        + " (embedded mode needs the dev jar, market-data-service.jar)";
  }

  private static boolean needsAny(ServiceConfig config) {
    return config.database().embedded() || config.kafka().embedded();
  }

  private static Optional<EmbeddedServerStarter> starter() {
    return ServiceLoader.load(EmbeddedServerStarter.class).findFirst();
  }

  public static Endpoints startMissing(ServiceConfig config, Lifecycle lifecycle) {
    Optional<EmbeddedServerStarter> starter = needsAny(config) ? starter() : Optional.empty();
    requireStartable(config, starter);
    Path dataDir = config.instance().dataDir();
    String databaseUrl;
    if (config.database().embedded()) {
      Started postgres = starter.orElseThrow().startPostgres(dataDir.resolve("postgres"));
      lifecycle.addBlocking("embedded PostgreSQL", postgres.server());
      databaseUrl = postgres.address();
    } else {
      databaseUrl = config.database().url().orElseThrow();
    }
    String kafkaServers;
    if (config.kafka().embedded()) {
      Started kafka = starter.orElseThrow().startKafka(dataDir.resolve("kafka"));
      lifecycle.addBlocking("embedded Kafka", kafka.server());
      kafkaServers = kafka.address();
    } else {
      kafkaServers = config.kafka().bootstrapServers().orElseThrow();
    }
    if (config.embedded()) {
      PgConnectOptions postgres = PgConnectionConfig.fromUrl(databaseUrl, 1).connectOptions();
      log.info(
          "Embedded mode: PostgreSQL {}:{} and Kafka {} run in this process, data in {};"
              + " default provider {}. Set MDS_DATABASE_URL and MDS_KAFKA_BOOTSTRAP_SERVERS"
              + " to use real servers.",
          postgres.getHost(),
          postgres.getPort(),
          kafkaServers,
          dataDir,
          config.providers().defaultProvider());
    } else {
      log.info(
          "External mode: PostgreSQL {} ({}), Kafka {} ({})",
          config.database().connection(databaseUrl),
          config.database().embedded() ? "embedded" : "MDS_DATABASE_URL",
          kafkaServers,
          config.kafka().embedded()
              ? "embedded"
              : "MDS_KAFKA_BOOTSTRAP_SERVERS, "
                  + config.kafka().clientProperties().describeSecurity());
    }
    return new Endpoints(databaseUrl, kafkaServers);
  }
}
