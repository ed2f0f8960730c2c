package dev.marketdata.bootstrap.config;

import dev.marketdata.adapter.http.HttpConfig;
import dev.marketdata.adapter.http.TrustedProxies;
import dev.marketdata.adapter.provider.ProvidersConfig;
import dev.marketdata.bootstrap.config.ServiceConfig.Consumer;
import dev.marketdata.bootstrap.config.ServiceConfig.Database;
import dev.marketdata.bootstrap.config.ServiceConfig.Http;
import dev.marketdata.bootstrap.config.ServiceConfig.Instance;
import dev.marketdata.bootstrap.config.ServiceConfig.Kafka;
import dev.marketdata.bootstrap.config.ServiceConfig.Logging;
import dev.marketdata.bootstrap.config.ServiceConfig.Poll;
import dev.marketdata.bootstrap.config.ServiceConfig.Prices;
import dev.marketdata.bootstrap.config.ServiceConfig.Relay;
import dev.marketdata.bootstrap.config.ServiceConfig.Shutdown;
import dev.marketdata.bootstrap.config.ServiceConfig.Stream;
import dev.marketdata.bootstrap.config.ServiceConfig.Tracing;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.QuoteTimes;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.quality.QualityRules;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place settings are read: every variable, its default and its allowed values. All bad
 * values are collected and reported together, each naming its variable.
 */
public final class ConfigParser {
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  private ConfigParser() {}

  /** The configuration, or a {@link ConfigException} naming every bad setting. */
  static ServiceConfig parse(ConfigSource source) {
    ConfigReader read = new ConfigReader(source);
    ServiceConfig config = read(read);
    read.failOnProblems();
    return config;
  }

  /**
   * Variables that look like ours ({@code MDS_...}) but that nothing reads, most likely misspelt;
   * the test-only {@code MDS_TEST_...} ones are not counted.
   */
  public static SortedSet<String> unknownVariables(ConfigSource source) {
    List<ConfigReader.Setting> known = settings();
    return source.names().stream()
        .filter(name -> name.startsWith("MDS_") && !name.startsWith("MDS_TEST_"))
        .filter(name -> known.stream().noneMatch(setting -> setting.covers(name)))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every variable the service reads, with its default; what the README's table must list. */
  static List<ConfigReader.Setting> settings() {
    ConfigReader read = new ConfigReader(ConfigSource.of(Map.of()));
    read(read);
    return read.settings();
  }

  private static ServiceConfig read(ConfigReader r) {
    r.optional(ConfigSource.CONFIG_FILE); // merged by ConfigSource; listed here to be documented
    Instance instance =
        new Instance(
            r.value("MDS_ROLES", "api,poller,relay,consumer", Role::parse),
            r.optional("MDS_INSTANCE_ID").orElseGet(ConfigParser::defaultInstanceId),
            r.value("MDS_DATA_DIR", "data", ConfigParser::directory));
    Http http =
        new Http(
            r.integer("MDS_HTTP_PORT", 8080, 0, 65535),
            r.optional("MDS_API_KEY"),
            r.integer("MDS_RATE_LIMIT_CAPACITY", 200, 1, 1_000_000),
            r.integer("MDS_RATE_LIMIT_PER_SECOND", 100, 1, 1_000_000),
            r.optional("MDS_TRUSTED_PROXIES", ConfigParser::trustedProxies)
                .orElse(TrustedProxies.none()),
            r.optional("MDS_CORS_ORIGINS", ConfigParser::corsOrigins).orElse(List.of()));
    Database database = ConnectionsParser.database(r);
    Kafka kafka = ConnectionsParser.kafka(r);
    Prices prices =
        new Prices(
            r.millis("MDS_FRESHNESS_MILLIS", 5000, 0, 86_400_000),
            r.integer("MDS_LATEST_CACHE_MAX_ENTRIES", 100_000, 1, 10_000_000),
            r.integer("MDS_INGEST_QUEUE_LIMIT", 10_000, 1, 1_000_000),
            r.millis("MDS_INGEST_QUEUE_MAX_WAIT_MILLIS", 5000, 1, 600_000),
            r.seconds(
                "MDS_QUOTE_MAX_FUTURE_SKEW_SECONDS",
                (int) QuoteTimes.DEFAULT_MAX_FUTURE_SKEW.toSeconds(),
                0,
                (int) QuoteTimes.MAX_FUTURE_SKEW_LIMIT.toSeconds()),
            r.value("MDS_MARKET_TIME_ZONE", "America/New_York", ConfigParser::marketTimeZone),
            // Quotes carry their quote time and arrive a little after it (ADR 0013).
            r.seconds("MDS_BAR_CLOSE_GRACE_SECONDS", 5, 0, 3600),
            // No fallback unless the operator names one (ADR 0015); never simulated by default.
            r.optional("MDS_FALLBACK_PROVIDERS", ConfigParser::fallbackProviders).orElse(List.of()),
            r.integer("MDS_BATCH_MAX_SYMBOLS", 100, 1, 1000));
    var providers = ProvidersParser.read(r, new QuoteTimes(prices.quoteMaxFutureSkew()));
    checkFallbacks(r, prices.fallbackProviders(), providers);
    Poll poll =
        new Poll(
            r.millis("MDS_POLL_TICK_MILLIS", 250, 10, 60_000),
            r.integer("MDS_POLL_CLAIM_LIMIT", 500, 1, 100_000),
            r.seconds("MDS_POLL_LEASE_SECONDS", 60, 1, 3600),
            r.integer("MDS_POLL_MAX_CONCURRENT_FETCHES", 32, 1, 10_000),
            r.integer("MDS_POLL_INGEST_BATCH_SIZE", 200, 1, 10_000),
            backpressure(r));
    // The relay's and the consumer's batch sizes were chosen by measurement: benchmarks/README.md.
    Relay relay =
        new Relay(
            r.integer("MDS_RELAY_BATCH_SIZE", 2000, 1, 100_000),
            r.millis("MDS_RELAY_POLL_MILLIS", 50, 1, 60_000),
            // Idle, the pause doubles up to this; a writer in the same process wakes the relay
            // at once, one in another process waits out at most this long after a quiet spell.
            r.millis("MDS_RELAY_IDLE_MAX_MILLIS", 500, 1, 600_000),
            // A crashed leader stalls its outbox until its lease ends, so short; a publish slower
            // than the lease (a broker outage) can repeat one batch, never lose it: ADR 0016.
            r.seconds("MDS_RELAY_LEASE_SECONDS", 15, 1, 3600));
    if (relay.idleMax().compareTo(relay.pollInterval()) < 0) {
      r.reject(
          "MDS_RELAY_IDLE_MAX_MILLIS",
          r.rawOf("MDS_RELAY_IDLE_MAX_MILLIS"),
          "must be at least MDS_RELAY_POLL_MILLIS ("
              + relay.pollInterval().toMillis()
              + "); equal to it, an idle relay does not back off");
    }
    Consumer consumer =
        new Consumer(
            r.integer("MDS_CONSUMER_MAX_POLL_RECORDS", 2000, 1, 100_000),
            r.value("MDS_MA_WINDOWS", "5", ConfigParser::windows));
    Shutdown shutdown = new Shutdown(r.seconds("MDS_SHUTDOWN_TIMEOUT_SECONDS", 30, 1, 600));
    Logging logging =
        new Logging(
            r.value("MDS_LOG_FORMAT", "text", ConfigParser::logFormat),
            r.value("MDS_LOG_LEVEL", "INFO", ConfigParser::logLevel));
    // Defaults (ADR 0009): raw responses are the bulk of the bytes and are read only to trace a
    // price, a month covers finding and fixing a bad parse; a year of prices serves year-long
    // history charts; a published outbox row is on Kafka already, an hour is enough to look at
    // it. 0 keeps forever.
    RetentionPolicy retention =
        new RetentionPolicy(
            forever(r.integer("MDS_RETENTION_RAW_DAYS", 30, 0, 36_500), Duration::ofDays),
            forever(r.integer("MDS_RETENTION_PRICES_DAYS", 365, 0, 36_500), Duration::ofDays),
            forever(r.integer("MDS_RETENTION_OUTBOX_HOURS", 1, 0, 876_000), Duration::ofHours));
    Stream stream = stream(r, retention);
    Tracing tracing = TracingParser.read(r);
    QualityRules quality = quality(r);
    return new ServiceConfig(
        instance, http, database, kafka, providers, prices, poll, relay, consumer, shutdown,
        logging, retention, stream, quality, tracing);
  }

  /**
   * Back-pressure from the pipeline's backlog to polling (ADR 0017). The default high mark is far
   * above what a healthy service queues (the relay's backlog stayed near one 2,000-row step at
   * 12,000 events/s) and well below the 200,000 rows a saturated one reached; the low mark defaults
   * to half of it, so it follows a high mark set on its own.
   */
  private static Poll.Backpressure backpressure(ConfigReader r) {
    int high = r.integer("MDS_POLL_BACKPRESSURE_HIGH", 50_000, 0, 1_000_000_000);
    Optional<Integer> low =
        r.optional("MDS_POLL_BACKPRESSURE_LOW", text -> Values.integer(text, 0, 1_000_000_000));
    Duration every = r.millis("MDS_POLL_BACKPRESSURE_CHECK_MILLIS", 500, 50, 60_000);
    if (high > 0 && low.isPresent() && low.get() >= high) {
      r.reject(
          "MDS_POLL_BACKPRESSURE_LOW",
          r.rawOf("MDS_POLL_BACKPRESSURE_LOW"),
          "must be below MDS_POLL_BACKPRESSURE_HIGH (" + high + ")");
      low = Optional.empty();
    }
    return new Poll.Backpressure(high, low.orElse(high / 2), every);
  }

  /** {@code finnhub,yahoo}: providers this service knows, each once. */
  private static List<ProviderId> fallbackProviders(String text) {
    List<ProviderId> list;
    try {
      list = ProviderChain.parse("MDS_FALLBACK_PROVIDERS", text).providers();
    } catch (InvalidInput e) {
      throw new IllegalArgumentException(e.reason());
    }
    for (ProviderId id : list) {
      if (!ProvidersConfig.KNOWN.contains(id)) {
        throw new IllegalArgumentException(
            "names an unknown provider '" + id + "'; known: simulated,finnhub,alpha_vantage,yahoo");
      }
    }
    return list;
  }

  /** Fallbacks must be enabled, and the default provider already comes first. */
  private static void checkFallbacks(
      ConfigReader r, List<ProviderId> fallbacks, ProvidersConfig providers) {
    for (ProviderId id : fallbacks) {
      if (!providers.enabled().contains(id)) {
        r.reject(
            "MDS_FALLBACK_PROVIDERS",
            r.rawOf("MDS_FALLBACK_PROVIDERS"),
            "names '" + id + "', which is not enabled (MDS_PROVIDERS)");
      } else if (id.equals(providers.defaultProvider())) {
        r.reject(
            "MDS_FALLBACK_PROVIDERS",
            r.rawOf("MDS_FALLBACK_PROVIDERS"),
            "names the default provider '" + id + "', which is always asked first");
      }
    }
  }

  /**
   * Data quality (ADR 0014). The two durations carry their unit in the value ({@code 15m}, {@code
   * 1h}), under the names the issue gave them.
   */
  private static QualityRules quality(ConfigReader r) {
    return new QualityRules(
        r.value(
            "MDS_OUTLIER_PERCENT",
            "20",
            text -> java.math.BigDecimal.valueOf(Values.decimal(text, 0.01, 10_000))),
        r.duration("MDS_OUTLIER_WINDOW", "1h", Duration.ZERO, Duration.ofDays(30)),
        r.value("MDS_INCLUDE_SUSPECT", "false", ConfigParser::bool),
        r.duration("MDS_STALE_AFTER", "15m", Duration.ofSeconds(1), Duration.ofDays(30)));
  }

  private static boolean bool(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  /**
   * The live streams' settings. A Last-Event-ID is resumed from the outbox tables, so the resume
   * window may not outlast their retention.
   */
  private static Stream stream(ConfigReader r, RetentionPolicy retention) {
    Stream stream =
        new Stream(
            r.integer("MDS_STREAM_MAX_SYMBOLS", 100, 1, 10_000),
            r.integer("MDS_STREAM_MAX_CONNECTIONS", 20_000, 1, 1_000_000),
            r.integer("MDS_STREAM_MAX_CONNECTIONS_PER_CLIENT", 50, 1, 1_000_000),
            r.seconds("MDS_STREAM_PING_SECONDS", 15, 1, 3600),
            r.seconds("MDS_STREAM_IDLE_SECONDS", 60, 1, 86_400),
            r.seconds("MDS_STREAM_MAX_BEHIND_SECONDS", 30, 1, 3600),
            Duration.ofMinutes(r.integer("MDS_STREAM_RESUME_MINUTES", 15, 5, 10_080)));
    Optional<Duration> kept = retention.publishedEvents();
    if (kept.isPresent() && stream.resumeWindow().compareTo(kept.get()) > 0) {
      r.reject(
          "MDS_STREAM_RESUME_MINUTES",
          r.rawOf("MDS_STREAM_RESUME_MINUTES"),
          "must not exceed the outbox retention (MDS_RETENTION_OUTBOX_HOURS = "
              + kept.get().toHours()
              + " h), whose rows a resuming stream replays");
    }
    if (stream.idle().compareTo(stream.ping()) <= 0) {
      r.reject(
          "MDS_STREAM_IDLE_SECONDS",
          r.rawOf("MDS_STREAM_IDLE_SECONDS"),
          "must be longer than MDS_STREAM_PING_SECONDS, or a socket that answers every ping is"
              + " closed as idle");
    }
    return stream;
  }

  /**
   * An IANA zone id such as America/New_York; a fixed offset ({@code -05:00}) is refused, since it
   * would silently ignore daylight saving.
   */
  private static MarketTimeZone marketTimeZone(String text) {
    if (ZoneId.getAvailableZoneIds().contains(text)) {
      return new MarketTimeZone(ZoneId.of(text));
    }
    throw new IllegalArgumentException(
        "must be an IANA time zone such as America/New_York or Europe/London");
  }

  /** A retention of {@code amount} units, where 0 means keeping forever. */
  private static Optional<Duration> forever(int amount, Function<Long, Duration> unit) {
    return amount == 0 ? Optional.empty() : Optional.of(unit.apply((long) amount));
  }

  private static Path directory(String text) {
    try {
      return Path.of(text).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("must be a directory path");
    }
  }

  private static TrustedProxies trustedProxies(String csv) {
    return commaSeparated(csv, TrustedProxies::parse);
  }

  private static List<String> corsOrigins(String csv) {
    return commaSeparated(csv, HttpConfig::parseCorsOrigins);
  }

  /** A comma-separated list parsed by an adapter's own rule, its refusal worded for a setting. */
  private static <T> T commaSeparated(String csv, Function<String, T> parse) {
    try {
      return parse.apply(csv);
    } catch (InvalidInput e) {
      throw new IllegalArgumentException(
          e.reason() + " (was " + e.rejectedValue() + "), comma-separated");
    }
  }

  private static SortedSet<Integer> windows(String csv) {
    SortedSet<Integer> sizes = new TreeSet<>();
    for (String part : csv.split(",")) {
      if (!part.isBlank()) {
        sizes.add(Values.integer(part, 1, 1000));
      }
    }
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("must name at least one window size, such as 5,20");
    }
    return sizes;
  }

  private static Logging.Format logFormat(String text) {
    try {
      return Logging.Format.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be text or json");
    }
  }

  private static String logLevel(String text) {
    String level = text.toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      throw new IllegalArgumentException("must be one of TRACE, DEBUG, INFO, WARN, ERROR");
    }
    return level;
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
