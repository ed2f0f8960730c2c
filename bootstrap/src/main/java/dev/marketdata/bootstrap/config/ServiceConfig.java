package dev.marketdata.bootstrap.config;

import dev.marketdata.adapter.http.TrustedProxies;
import dev.marketdata.adapter.kafka.KafkaClientProperties;
import dev.marketdata.adapter.persistence.PgConnectionConfig;
import dev.marketdata.adapter.provider.HttpProviderConfig;
import dev.marketdata.adapter.provider.ProvidersConfig;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.quality.QualityRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * Everything the service reads at startup, one record per area, parsed and checked by {@link
 * ConfigParser} before anything starts; {@code retention} says how long stored data is kept, {@code
 * quality} how fetched prices are judged and flagged (ADR 0014). Without {@code MDS_DATABASE_URL}
 * and {@code MDS_KAFKA_BOOTSTRAP_SERVERS} it runs embedded: PostgreSQL and Kafka in-process, data
 * under {@code MDS_DATA_DIR}.
 */
public record ServiceConfig(
    Instance instance,
    Http http,
    Database database,
    Kafka kafka,
    ProvidersConfig providers,
    Prices prices,
    Poll poll,
    Relay relay,
    Consumer consumer,
    Shutdown shutdown,
    Logging logging,
    RetentionPolicy retention,
    Stream stream,
    QualityRules quality,
    Tracing tracing) {

  /** Parses and checks every setting; throws a {@link ConfigException} listing each bad one. */
  public static ServiceConfig from(ConfigSource source) {
    return ConfigParser.parse(source);
  }

  /**
   * What this process runs and under which name.
   *
   * @param id this replica's name on job leases and Kafka client ids
   * @param dataDir where embedded mode keeps PostgreSQL and Kafka data between runs
   */
  public record Instance(Set<Role> roles, String id, Path dataDir) {}

  /**
   * The listener, its optional write key, the per-client token bucket, the proxies trusted to name
   * the client and the browser origins allowed by CORS.
   */
  public record Http(
      int port,
      Optional<String> apiKey,
      int rateLimitCapacity,
      int rateLimitPerSecond,
      TrustedProxies trustedProxies,
      List<String> corsOrigins) {
    @Override
    public String toString() {
      return "Http[port="
          + port
          + ", apiKey="
          + (apiKey.isPresent() ? "set" : "unset")
          + ", trustedProxies="
          + trustedProxies
          + ", corsOrigins="
          + corsOrigins
          + "]";
    }
  }

  /**
   * An external PostgreSQL ({@code url}, checked to parse, its TLS options included) or, without
   * one, the embedded one.
   *
   * @param user replaces the URL's user when present
   * @param password replaces the URL's password when present (given directly, or read from a file
   *     such as a container secret)
   */
  public record Database(
      Optional<String> url, int poolSize, Optional<String> user, Optional<String> password) {
    public boolean embedded() {
      return url.isEmpty();
    }

    /** How to reach the database at {@code url} (the configured one, or the embedded one's). */
    public PgConnectionConfig connection(String url) {
      return PgConnectionConfig.of(url, user, password, poolSize);
    }

    @Override
    public String toString() {
      return "Database["
          + (url.isPresent() ? "external" : "embedded")
          + ", user="
          + user.orElse("from URL")
          + ", password="
          + (password.isPresent() ? "set" : "from URL")
          + "]";
    }
  }

  /**
   * An external broker or, without one, the embedded one; how topics are created; and the
   * operator's client properties (TLS, SASL, tuning), whose secrets {@code toString} hides.
   */
  public record Kafka(
      Optional<String> bootstrapServers,
      int partitions,
      short replicationFactor,
      KafkaClientProperties clientProperties) {
    public boolean embedded() {
      return bootstrapServers.isEmpty();
    }
  }

  /**
   * Serving and storing prices.
   *
   * @param freshness a fetched price is served again for this long
   * @param quoteMaxFutureSkew how far past the time a quote or price event was received its quote
   *     time may lie; later ones are rejected (a bad provider answer, a dead-lettered event)
   * @param marketTimeZone the time zone whose calendar days {@code 1d} bars follow
   * @param barCloseGrace how long after a bucket's end its bars are closed for the price-bars topic
   *     and the live streams (ADR 0013)
   * @param fallbackProviders asked in order after the default provider when a latest-price request
   *     names no provider and the one before failed in a way that allows it (ADR 0015); empty: none
   * @param batchMaxSymbols how many distinct symbols one {@code GET /prices/latest?symbols=} asks
   */
  public record Prices(
      Duration freshness,
      int latestCacheMaxEntries,
      int ingestQueueLimit,
      Duration ingestQueueMaxWait,
      Duration quoteMaxFutureSkew,
      MarketTimeZone marketTimeZone,
      Duration barCloseGrace,
      List<ProviderId> fallbackProviders,
      int batchMaxSymbols) {}

  /** The poll scheduler: how often it ticks and how it claims and runs jobs. */
  public record Poll(
      Duration tick,
      int claimLimit,
      Duration lease,
      int maxConcurrentFetches,
      int ingestBatchSize,
      Backpressure backpressure) {
    /**
     * Chunks wait while the pipeline's backlog is at or above {@code high} events (0: never), until
     * it is down to {@code low}; the backlog is read at most once per {@code checkEvery}.
     */
    public record Backpressure(long high, long low, Duration checkEvery) {}
  }

  /**
   * The outbox relays: rows per step, the pause after a step with nothing pending, the longest
   * pause an idle relay backs off to, and how long a relay's lease on an outbox lasts unless
   * renewed before another replica may take over (ADR 0016).
   */
  public record Relay(int batchSize, Duration pollInterval, Duration idleMax, Duration lease) {}

  /** The moving-average consumer: events per transaction, and the windows it maintains. */
  public record Consumer(int maxPollRecords, SortedSet<Integer> averageWindows) {}

  /** The deadline every step of a graceful stop shares. */
  public record Shutdown(Duration timeout) {}

  /**
   * The live streams (README "Live data"): symbols per stream, open streams per replica and per
   * client, ping and idle times, how long a client may stay behind, and how far back a
   * Last-Event-ID is honoured.
   */
  public record Stream(
      int maxSymbols,
      int maxConnections,
      int maxConnectionsPerClient,
      Duration ping,
      Duration idle,
      Duration maxBehind,
      Duration resumeWindow) {}

  /** Log line format and the level of the service's own loggers. */
  public record Logging(Format format, String level) {
    /** {@code text} for people, {@code json} for one JSON object a line (ELK). */
    public enum Format {
      TEXT,
      JSON
    }
  }

  /**
   * OpenTelemetry tracing, read from the standard {@code OTEL_*} variables: off (a no-op tracer,
   * nothing recorded) unless {@code otlpEndpoint} is set; then spans are exported over OTLP to it.
   *
   * @param otlpEndpoint the collector's base URL ({@code OTEL_EXPORTER_OTLP_ENDPOINT})
   * @param protocol {@code http/protobuf} (port 4318) or {@code grpc} (port 4317)
   * @param headers sent with every export, e.g. a vendor's key ({@code key=value,...})
   * @param serviceName the {@code service.name} resource attribute
   * @param sampleRatio the share of new traces kept; a request that arrives with a sampled {@code
   *     traceparent} is always kept (parent-based)
   */
  public record Tracing(
      Optional<java.net.URI> otlpEndpoint,
      Protocol protocol,
      java.util.Map<String, String> headers,
      String serviceName,
      double sampleRatio) {
    public enum Protocol {
      HTTP_PROTOBUF,
      GRPC
    }

    public boolean enabled() {
      return otlpEndpoint.isPresent();
    }

    /** Off: the tracer is a no-op. */
    public static Tracing off() {
      return new Tracing(
          Optional.empty(), Protocol.HTTP_PROTOBUF, java.util.Map.of(), "market-data-service", 1.0);
    }

    /** Safe to log: the headers (which may hold a key) only by name. */
    @Override
    public String toString() {
      return "Tracing[endpoint="
          + otlpEndpoint.map(Object::toString).orElse("off")
          + ", protocol="
          + protocol
          + ", headers="
          + headers.keySet()
          + ", serviceName="
          + serviceName
          + ", sampleRatio="
          + sampleRatio
          + "]";
    }
  }

  /** The same configuration listening on {@code port}. */
  public ServiceConfig withHttpPort(int port) {
    return new ServiceConfig(
        instance,
        new Http(
            port,
            http.apiKey(),
            http.rateLimitCapacity(),
            http.rateLimitPerSecond(),
            http.trustedProxies(),
            http.corsOrigins()),
        database,
        kafka,
        providers,
        prices,
        poll,
        relay,
        consumer,
        shutdown,
        logging,
        retention,
        stream,
        quality,
        tracing);
  }

  /**
   * How long a replica's lease on a (symbol, provider) lasts while it fetches that latest price
   * (ADR 0007), and so how long other replicas wait for its answer at most: longer than the slowest
   * fetch the provider settings allow (every attempt running to the call timeout, the longest pause
   * between attempts) plus the longest wait to be stored, plus 5 s. A lease that ended while its
   * holder was still fetching would let a second replica call.
   */
  public Duration latestFetchLease() {
    Duration slowest = Duration.ZERO;
    for (HttpProviderConfig http :
        List.of(providers.alphaVantage(), providers.finnhub(), providers.yahoo())) {
      int attempts = http.retry().maxAttempts();
      Duration worst =
          http.timeouts()
              .call()
              .multipliedBy(attempts)
              .plus(http.retry().maxDelay().multipliedBy(attempts - 1L));
      slowest = worst.compareTo(slowest) > 0 ? worst : slowest;
    }
    return slowest.plus(prices.ingestQueueMaxWait()).plus(Duration.ofSeconds(5));
  }

  /** True when neither external server is configured: start both in-process. */
  public boolean embedded() {
    return database.embedded() && kafka.embedded();
  }

  public boolean runs(Role role) {
    return instance.roles().contains(role);
  }

  /** Safe to log: no API key, no database password, none of the raw settings. */
  @Override
  public String toString() {
    return "ServiceConfig[httpPort="
        + http.port()
        + ", database="
        + (database.embedded() ? "embedded" : "external")
        + ", kafka="
        + kafka.bootstrapServers().orElse("embedded")
        + (kafka.clientProperties().isEmpty() ? "" : " " + kafka.clientProperties())
        + ", roles="
        + instance.roles()
        + ", apiKey="
        + (http.apiKey().isPresent() ? "set" : "unset")
        + ", dataDir="
        + instance.dataDir()
        + ", instanceId="
        + instance.id()
        + "]";
  }
}
