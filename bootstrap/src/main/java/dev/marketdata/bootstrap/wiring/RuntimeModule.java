package dev.marketdata.bootstrap.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marketdata.adapter.http.HealthCheck;
import dev.marketdata.adapter.http.HttpConfig;
import dev.marketdata.adapter.http.HttpObserver;
import dev.marketdata.adapter.http.MetricsScraper;
import dev.marketdata.adapter.http.ServiceInfo;
import dev.marketdata.adapter.kafka.ConsumerLagProbe;
import dev.marketdata.adapter.kafka.KafkaAveragePublisher;
import dev.marketdata.adapter.kafka.KafkaBarPublisher;
import dev.marketdata.adapter.kafka.KafkaClusterProbe;
import dev.marketdata.adapter.kafka.KafkaPriceEventPublisher;
import dev.marketdata.adapter.kafka.PriceEventCodec;
import dev.marketdata.adapter.persistence.PgPollJobRepository;
import dev.marketdata.adapter.persistence.PgProviderThrottles;
import dev.marketdata.adapter.provider.ProviderRegistry;
import dev.marketdata.adapter.provider.ProvidersConfig;
import dev.marketdata.application.average.ApplyPriceEventsService;
import dev.marketdata.application.average.ApplyPriceEventsUseCase;
import dev.marketdata.application.price.LatestPriceObserver;
import dev.marketdata.application.quality.QualityObserver;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.metrics.MeteredApplyPriceEvents;
import dev.marketdata.bootstrap.metrics.MeteredHttp;
import dev.marketdata.bootstrap.metrics.MeteredLatestPrice;
import dev.marketdata.bootstrap.metrics.MeteredPublisher;
import dev.marketdata.bootstrap.metrics.MeteredQuality;
import dev.marketdata.bootstrap.metrics.MeteredQuoteProviders;
import dev.marketdata.bootstrap.runtime.BuildInfo;
import dev.marketdata.bootstrap.runtime.Lifecycle;
import dev.marketdata.bootstrap.runtime.LoggingPollJobs;
import dev.marketdata.bootstrap.runtime.OutboxAndLagBacklog;
import dev.marketdata.bootstrap.tracing.Telemetry;
import dev.marketdata.bootstrap.tracing.TracedQuoteProviders;
import dev.marketdata.domain.model.QuoteTimes;
import dev.marketdata.domain.port.AverageEventPublisher;
import dev.marketdata.domain.port.BarEventPublisher;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PipelineBacklog;
import dev.marketdata.domain.port.PollJobRepository;
import dev.marketdata.domain.port.PriceEventPublisher;
import dev.marketdata.domain.port.ProviderThrottles;
import dev.marketdata.domain.port.QuoteProviders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the ports to their adapters with metrics around them, and turns the service configuration
 * into each adapter's settings.
 */
@Module
public abstract class RuntimeModule {
  private static final Logger log = LoggerFactory.getLogger(RuntimeModule.class);

  /** How often a replica reads the throttles the others heard (its own are known at once). */
  static final Duration THROTTLES_REFRESH = Duration.ofSeconds(1);

  /** Longer than a broker's usual answer, short enough that a missing one only costs a reading. */
  static final Duration LAG_TIMEOUT = Duration.ofSeconds(2);

  private RuntimeModule() {}

  @Binds
  abstract MeterRegistry meterRegistry(PrometheusMeterRegistry registry);

  @Provides
  static MetricsScraper scraper(PrometheusMeterRegistry registry) {
    return registry::scrape;
  }

  @Provides
  static HttpConfig httpConfig(ServiceConfig config) {
    return new HttpConfig(
        "0.0.0.0",
        config.http().port(),
        64 * 1024,
        new HttpConfig.RateLimitConfig(
            true,
            config.http().rateLimitCapacity(),
            config.http().rateLimitPerSecond(),
            Duration.ofSeconds(1),
            10_000),
        config.http().apiKey(),
        config.http().trustedProxies(),
        config.http().corsOrigins());
  }

  @Provides
  static QuoteTimes quoteTimes(ServiceConfig config) {
    return new QuoteTimes(config.prices().quoteMaxFutureSkew());
  }

  @Provides
  static ProvidersConfig providersConfig(ServiceConfig config) {
    return config.providers();
  }

  /** The consumer's codec: it rejects events whose quote time {@link QuoteTimes} disbelieves. */
  @Provides
  static PriceEventCodec priceEventCodec(QuoteTimes quoteTimes, Clock clock) {
    return new PriceEventCodec(quoteTimes, clock);
  }

  @Provides
  @Singleton
  static QuoteProviders quoteProviders(
      ProviderRegistry registry, MeterRegistry meters, Lifecycle lifecycle, Tracer tracer) {
    lifecycle.addBlocking("quote providers", registry);
    return new TracedQuoteProviders(new MeteredQuoteProviders(registry, meters), tracer);
  }

  /** The tracer every adapter records its spans with; a no-op one when tracing is off. */
  @Provides
  @Singleton
  static Tracer tracer(OpenTelemetry telemetry) {
    return telemetry.getTracer(Telemetry.SCOPE);
  }

  /**
   * The providers' throttles shared by every replica, the copy in memory refreshed every second
   * until shutdown. Only a process that calls providers builds it.
   */
  @Provides
  @Singleton
  static ProviderThrottles providerThrottles(
      Vertx vertx, Pool pool, Clock clock, Lifecycle lifecycle) {
    PgProviderThrottles throttles = new PgProviderThrottles(pool, clock);
    long timer =
        vertx.setPeriodic(
            1,
            THROTTLES_REFRESH.toMillis(),
            id ->
                throttles
                    .refresh()
                    .whenComplete(
                        (ignored, failure) -> {
                          if (failure != null) {
                            log.debug("provider throttles not refreshed: {}", failure.toString());
                          }
                        }));
    lifecycle.add(
        "provider throttles refresh",
        () -> CompletableFuture.completedFuture(vertx.cancelTimer(timer)));
    return throttles;
  }

  /** {@code GET /info}: the build, this process's roles and the providers it can call. */
  @Provides
  @Singleton
  static ServiceInfo serviceInfo(ServiceConfig config, QuoteProviders providers) {
    return BuildInfo.fromClasspath().describe(config.instance().roles(), providers.statuses());
  }

  @Provides
  @Singleton
  static PriceEventPublisher publisher(
      KafkaPriceEventPublisher kafka, MeterRegistry meters, Lifecycle lifecycle) {
    lifecycle.add("Kafka publisher", () -> kafka.closeAsync().toCompletionStage());
    // The producer's own metrics (kafka_producer_*), the dashboard's Kafka panels.
    KafkaClientMetrics clientMetrics = new KafkaClientMetrics(kafka.client());
    clientMetrics.bindTo(meters);
    lifecycle.addBlocking("Kafka producer metrics", clientMetrics);
    return new MeteredPublisher(kafka, meters);
  }

  /**
   * Sends on the price-event publisher's producer, closed with it: the relay role that uses this
   * always builds that publisher too.
   */
  @Provides
  @Singleton
  static AverageEventPublisher averagePublisher(KafkaAveragePublisher kafka) {
    return kafka;
  }

  /** As the averages': on the price-event publisher's producer. */
  @Provides
  @Singleton
  static BarEventPublisher barPublisher(KafkaBarPublisher kafka) {
    return kafka;
  }

  @Provides
  @Singleton
  static ApplyPriceEventsUseCase applyEvents(
      ApplyPriceEventsService service, MeterRegistry meters, Clock clock) {
    return new MeteredApplyPriceEvents(service, meters, clock);
  }

  @Provides
  @Singleton
  static PollJobRepository pollJobs(PgPollJobRepository repository) {
    return new LoggingPollJobs(repository);
  }

  /**
   * What the poller's back-pressure reads (ADR 0017): the shared outbox's depth and the consumer
   * group's committed lag, from the process's one lag probe. Its admin client is opened on the
   * first reading (a process whose poller never runs a chunk opens none) and closed on shutdown.
   */
  @Provides
  @Singleton
  static PipelineBacklog pipelineBacklog(
      Outbox outbox, Provider<ConsumerLagProbe> lagProbe, Lifecycle lifecycle) {
    AtomicBoolean opened = new AtomicBoolean();
    return new OutboxAndLagBacklog(
        outbox,
        () -> {
          ConsumerLagProbe probe = lagProbe.get();
          if (opened.compareAndSet(false, true)) {
            lifecycle.addBlocking("consumer lag probe (back-pressure)", probe);
          }
          return probe.committedLag();
        },
        LAG_TIMEOUT);
  }

  @Provides
  @Singleton
  static LatestPriceObserver latestPriceObserver(MeterRegistry meters) {
    return new MeteredLatestPrice(meters);
  }

  @Provides
  @Singleton
  static HttpObserver httpObserver(MeterRegistry meters) {
    return new MeteredHttp(meters);
  }

  @Provides
  @Singleton
  static QualityObserver qualityObserver(MeterRegistry meters) {
    return new MeteredQuality(meters);
  }

  @Provides
  @IntoSet
  static HealthCheck postgres(Pool pool) {
    return new HealthCheck() {
      @Override
      public String name() {
        return "postgresql";
      }

      @Override
      public CompletionStage<Boolean> check() {
        return pool.query("SELECT 1").execute().map(rows -> true).toCompletionStage();
      }
    };
  }

  @Provides
  @IntoSet
  static HealthCheck kafka(KafkaClusterProbe probe, Lifecycle lifecycle) {
    lifecycle.addBlocking("Kafka probe", probe);
    return new HealthCheck() {
      @Override
      public String name() {
        return "kafka";
      }

      @Override
      public CompletionStage<Boolean> check() {
        return probe.reachable().toCompletionStage();
      }
    };
  }
}
