package dev.marketdata.bootstrap.config;

import dev.marketdata.domain.model.QuoteTimes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything the service reads at startup. Without {@code MDS_DATABASE_URL} and {@code
 * MDS_KAFKA_BOOTSTRAP_SERVERS} it runs embedded: PostgreSQL and Kafka in-process, data under {@code
 * MDS_DATA_DIR}.
 *
 * @param quoteMaxFutureSkew how far past the time a quote or price event was received its quote
 *     time may lie; later ones are rejected (a bad provider answer, a dead-lettered event)
 */
public record ServiceConfig(
    int httpPort,
    Optional<String> databaseUrl,
    int databasePoolSize,
    Optional<String> kafkaBootstrapServers,
    int kafkaPartitions,
    Set<Role> roles,
    Optional<String> apiKey,
    Path dataDir,
    Duration freshness,
    SortedSet<Integer> averageWindows,
    Duration pollTick,
    Duration shutdownTimeout,
    String instanceId,
    int rateLimitCapacity,
    int rateLimitPerSecond,
    int ingestQueueLimit,
    Duration ingestQueueMaxWait,
    int latestCacheMaxEntries,
    Duration quoteMaxFutureSkew,
    ConfigSource source) {

  public static ServiceConfig from(ConfigSource source) {
    return new ServiceConfig(
        source.getInt("MDS_HTTP_PORT", 8080, 0, 65535),
        source.get("MDS_DATABASE_URL"),
        source.getInt("MDS_DATABASE_POOL_SIZE", 8, 1, 256),
        source.get("MDS_KAFKA_BOOTSTRAP_SERVERS"),
        source.getInt("MDS_KAFKA_PARTITIONS", 3, 1, 1000),
        Role.parse(source.get("MDS_ROLES", "api,poller,relay,consumer")),
        source.get("MDS_API_KEY"),
        Path.of(source.get("MDS_DATA_DIR", "data")).toAbsolutePath(),
        Duration.ofMillis(source.getInt("MDS_FRESHNESS_MILLIS", 5000, 0, 86_400_000)),
        windows(source.get("MDS_MA_WINDOWS", "5")),
        Duration.ofMillis(source.getInt("MDS_POLL_TICK_MILLIS", 250, 10, 60_000)),
        Duration.ofSeconds(source.getInt("MDS_SHUTDOWN_TIMEOUT_SECONDS", 30, 1, 600)),
        source.get("MDS_INSTANCE_ID").orElseGet(ServiceConfig::defaultInstanceId),
        source.getInt("MDS_RATE_LIMIT_CAPACITY", 200, 1, 1_000_000),
        source.getInt("MDS_RATE_LIMIT_PER_SECOND", 100, 1, 1_000_000),
        source.getInt("MDS_INGEST_QUEUE_LIMIT", 10_000, 1, 1_000_000),
        Duration.ofMillis(source.getInt("MDS_INGEST_QUEUE_MAX_WAIT_MILLIS", 5000, 1, 600_000)),
        source.getInt("MDS_LATEST_CACHE_MAX_ENTRIES", 100_000, 1, 10_000_000),
        Duration.ofSeconds(
            source.getInt(
                "MDS_QUOTE_MAX_FUTURE_SKEW_SECONDS",
                (int) QuoteTimes.DEFAULT_MAX_FUTURE_SKEW.toSeconds(),
                0,
                (int) QuoteTimes.MAX_FUTURE_SKEW_LIMIT.toSeconds())),
        source);
  }

  /** The same configuration listening on {@code port}. */
  public ServiceConfig withHttpPort(int port) {
    return new ServiceConfig(
        port,
        databaseUrl,
        databasePoolSize,
        kafkaBootstrapServers,
        kafkaPartitions,
        roles,
        apiKey,
        dataDir,
        freshness,
        averageWindows,
        pollTick,
        shutdownTimeout,
        instanceId,
        rateLimitCapacity,
        rateLimitPerSecond,
        ingestQueueLimit,
        ingestQueueMaxWait,
        latestCacheMaxEntries,
        quoteMaxFutureSkew,
        source);
  }

  /** True when neither external server is configured: start both in-process. */
  public boolean embedded() {
    return embeddedDatabase() && embeddedKafka();
  }

  /** No database URL: PostgreSQL runs in-process. */
  public boolean embeddedDatabase() {
    return databaseUrl.isEmpty();
  }

  /** No bootstrap servers: a Kafka broker runs in-process. */
  public boolean embeddedKafka() {
    return kafkaBootstrapServers.isEmpty();
  }

  public boolean runs(Role role) {
    return roles.contains(role);
  }

  /** Safe to log: no API key, no database password, none of the raw settings. */
  @Override
  public String toString() {
    return "ServiceConfig[httpPort="
        + httpPort
        + ", database="
        + (databaseUrl.isPresent() ? "external" : "embedded")
        + ", kafka="
        + kafkaBootstrapServers.orElse("embedded")
        + ", roles="
        + roles
        + ", apiKey="
        + (apiKey.isPresent() ? "set" : "unset")
        + ", dataDir="
        + dataDir
        + ", instanceId="
        + instanceId
        + "]";
  }

  private static SortedSet<Integer> windows(String csv) {
    SortedSet<Integer> sizes = new TreeSet<>();
    for (String part : csv.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        int size = Integer.parseInt(part.strip());
        if (size < 1 || size > 1000) {
          throw new ConfigException("MDS_MA_WINDOWS", csv, "sizes must be between 1 and 1000");
        }
        sizes.add(size);
      } catch (NumberFormatException e) {
        throw new ConfigException("MDS_MA_WINDOWS", csv, "must be whole numbers such as 5,20");
      }
    }
    if (sizes.isEmpty()) {
      throw new ConfigException("MDS_MA_WINDOWS", csv, "must name at least one window size");
    }
    return sizes;
  }

  private static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
