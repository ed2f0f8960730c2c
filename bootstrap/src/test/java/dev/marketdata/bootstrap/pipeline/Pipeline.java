package dev.marketdata.bootstrap.pipeline;

import dev.marketdata.adapter.kafka.AverageEventCodec;
import dev.marketdata.adapter.kafka.Backoff;
import dev.marketdata.adapter.kafka.BarEventCodec;
import dev.marketdata.adapter.kafka.KafkaAveragePublisher;
import dev.marketdata.adapter.kafka.KafkaBarPublisher;
import dev.marketdata.adapter.kafka.KafkaClientProperties;
import dev.marketdata.adapter.kafka.KafkaPriceEventPublisher;
import dev.marketdata.adapter.kafka.KafkaSettings;
import dev.marketdata.adapter.kafka.KafkaTopics;
import dev.marketdata.adapter.kafka.MovingAverageConsumerVerticle;
import dev.marketdata.adapter.kafka.OutboxRelayVerticle;
import dev.marketdata.adapter.kafka.PriceEventCodec;
import dev.marketdata.adapter.kafka.RecordContractInterceptor;
import dev.marketdata.adapter.kafka.RelaySettings;
import dev.marketdata.adapter.persistence.PgAverageOutbox;
import dev.marketdata.adapter.persistence.PgBarOutbox;
import dev.marketdata.adapter.persistence.PgConnectionConfig;
import dev.marketdata.adapter.persistence.PgIngestionRepository;
import dev.marketdata.adapter.persistence.PgMovingAverageRepository;
import dev.marketdata.adapter.persistence.PgOutbox;
import dev.marketdata.adapter.persistence.PgPools;
import dev.marketdata.application.average.ApplyPriceEventsService;
import dev.marketdata.application.average.ApplyPriceEventsUseCase;
import dev.marketdata.application.average.AverageWindows;
import dev.marketdata.application.ingest.IngestQuoteService;
import dev.marketdata.application.price.LatestPriceCache;
import dev.marketdata.application.relay.RelayAveragesService;
import dev.marketdata.application.relay.RelayBarsService;
import dev.marketdata.application.relay.RelayOutboxService;
import dev.marketdata.application.relay.RelayOutboxSettings;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.port.PriceEventPublisher;
import dev.marketdata.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The streaming half of the service wired by hand from the real adapters, on one Vert.x instance:
 * ingestion into PostgreSQL, the outbox relay to Kafka and the moving-average consumer, each on
 * topics and a consumer group of its own so tests cannot see each other's records.
 */
final class Pipeline implements AutoCloseable {
  static final int RELAY_BATCH = 20;
  static final Duration RELAY_LEASE = Duration.ofSeconds(30);

  final Vertx vertx;
  final Pool pool;
  final Tables tables;
  final PlainKafka plain;
  final KafkaSettings settings;
  final PriceEventCodec codec = new PriceEventCodec();
  final KafkaPriceEventPublisher publisher;
  private final IngestQuoteService ingest;

  private Pipeline(
      PostgresDatabase database, TestKafka kafka, int maxPollRecords, VertxOptions options) {
    vertx = Vertx.vertx(options);
    pool = PgPools.migrateAndOpen(vertx, PgConnectionConfig.fromUrl(database.postgresqlUrl(), 8));
    tables = new Tables(pool);
    tables.truncateAll();
    plain = new PlainKafka(kafka.bootstrapServers());
    String topic = kafka.uniqueTopicName(KafkaSettings.DEFAULT_TOPIC);
    settings =
        KafkaSettings.defaults(kafka.bootstrapServers())
            .withTopics(topic, topic + ".dlq")
            .withGroupId(kafka.uniqueTopicName(KafkaSettings.DEFAULT_GROUP))
            .withMaxPollRecords(maxPollRecords)
            // Short, so a send to a stopped broker fails and is retried within the test.
            .withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(2), Duration.ofSeconds(3))
            // Every record the pipeline sends is checked against docs/asyncapi.yaml.
            .withClientProperties(KafkaClientProperties.of(RecordContractInterceptor.PROPERTIES));
    Await.result(KafkaTopics.ensure(vertx, settings));
    publisher = KafkaPriceEventPublisher.create(vertx, settings, codec);
    ingest = new IngestQuoteService(new PgIngestionRepository(pool), new LatestPriceCache());
  }

  static Pipeline start(PostgresDatabase database, TestKafka kafka) {
    return new Pipeline(database, kafka, 500, new VertxOptions());
  }

  /** With small polls, so a run is many consumer batches. */
  static Pipeline start(PostgresDatabase database, TestKafka kafka, int maxPollRecords) {
    return new Pipeline(database, kafka, maxPollRecords, new VertxOptions());
  }

  /** With Vert.x options of the test's own, such as a stricter blocked-thread check. */
  static Pipeline start(
      PostgresDatabase database, TestKafka kafka, int maxPollRecords, VertxOptions options) {
    return new Pipeline(database, kafka, maxPollRecords, options);
  }

  /** Stores every quote through the ingestion use case, all at once, as a poller would. */
  void ingestAll(List<FetchedQuote> quotes) {
    CompletableFuture<?>[] stored =
        quotes.stream()
            .map(q -> ingest.ingest(q).toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    Await.result(CompletableFuture.allOf(stored));
  }

  String deployRelay() {
    return deployRelay(publisher);
  }

  String deployRelay(PriceEventPublisher via) {
    return deployRelay(via, RELAY_LEASE);
  }

  /** A relay whose lease on the outbox lasts {@code lease} unless renewed. */
  String deployRelay(PriceEventPublisher via, Duration lease) {
    RelayOutboxService relay =
        new RelayOutboxService(
            new PgOutbox(pool),
            via,
            Clock.systemUTC(),
            new RelayOutboxSettings(RELAY_BATCH, lease, "relay-" + UUID.randomUUID()));
    RelaySettings loop =
        new RelaySettings(
            RELAY_BATCH,
            Duration.ofMillis(50),
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    return Await.result(vertx.deployVerticle(new OutboxRelayVerticle(relay, loop)));
  }

  /** The relay of changed averages to {@code settings.averagesTopic()}, on the shared producer. */
  String deployAverageRelay() {
    RelayAveragesService relay =
        new RelayAveragesService(
            new PgAverageOutbox(pool),
            new KafkaAveragePublisher(publisher, settings.averagesTopic(), new AverageEventCodec()),
            Clock.systemUTC(),
            new RelayOutboxSettings(
                RELAY_BATCH, RELAY_LEASE, "average-relay-" + UUID.randomUUID()));
    RelaySettings loop =
        new RelaySettings(
            RELAY_BATCH,
            Duration.ofMillis(50),
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    return Await.result(vertx.deployVerticle(new OutboxRelayVerticle(relay, loop)));
  }

  /** The relay of closed bars to {@code settings.barsTopic()}, on the shared producer. */
  String deployBarRelay() {
    RelayBarsService relay =
        new RelayBarsService(
            new PgBarOutbox(pool),
            new KafkaBarPublisher(publisher, settings.barsTopic(), new BarEventCodec()),
            Clock.systemUTC(),
            new RelayOutboxSettings(RELAY_BATCH, RELAY_LEASE, "bar-relay-" + UUID.randomUUID()));
    RelaySettings loop =
        new RelaySettings(
            RELAY_BATCH,
            Duration.ofMillis(50),
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    return Await.result(vertx.deployVerticle(new OutboxRelayVerticle(relay, loop)));
  }

  /** The use case the consumer runs in production: the real repository, window 5. */
  ApplyPriceEventsUseCase applyEvents() {
    return new ApplyPriceEventsService(
        new PgMovingAverageRepository(pool), AverageWindows.defaults());
  }

  String deployConsumer() {
    return deployConsumer(applyEvents());
  }

  String deployConsumer(ApplyPriceEventsUseCase applyEvents) {
    return deployConsumer(settings, applyEvents);
  }

  String deployConsumer(KafkaSettings consumerSettings, ApplyPriceEventsUseCase applyEvents) {
    return Await.result(
        vertx.deployVerticle(
            new MovingAverageConsumerVerticle(
                consumerSettings,
                applyEvents,
                codec,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))));
  }

  void undeploy(String deploymentId) {
    Await.result(vertx.undeploy(deploymentId));
  }

  /**
   * Waits until every stored event was published and the consumer group committed every record of
   * the topic, which it does only after the database applied them.
   */
  void awaitSettled() {
    awaitSettled(settings.groupId());
  }

  void awaitSettled(String group) {
    Await.until(
        "the outbox is drained and group " + group + " has committed all of " + settings.topic(),
        () -> tables.outboxDepth() == 0 && plain.lag(settings.topic(), group) == 0);
  }

  @Override
  public void close() {
    try {
      // Verticles first: they finish their batch in flight, which needs the pool and the broker.
      for (String deployment : vertx.deploymentIDs()) {
        Await.result(vertx.undeploy(deployment));
      }
      Await.result(publisher.closeAsync());
      plain.close();
      Await.result(pool.close());
    } finally {
      Await.result(vertx.close());
    }
  }
}
