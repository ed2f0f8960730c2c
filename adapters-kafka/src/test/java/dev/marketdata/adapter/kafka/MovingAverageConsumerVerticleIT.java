package dev.marketdata.adapter.kafka;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.average.ApplyPriceEventsService;
import dev.marketdata.application.average.AverageWindows;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class MovingAverageConsumerVerticleIT {
  private static final Backoff FAST_RETRY =
      new Backoff(Duration.ofMillis(50), Duration.ofMillis(500));

  private final PriceEventCodec codec = new PriceEventCodec();
  private Vertx vertx;
  private KafkaSettings settings;
  private KafkaPriceEventPublisher publisher;

  @BeforeEach
  void setUp(TestKafka kafka) throws Exception {
    vertx = Vertx.vertx();
    // Small polls so a run is many batches and a restart lands mid-stream.
    settings = KafkaTestSupport.settings(kafka).withMaxPollRecords(20);
    result(KafkaTopics.ensure(vertx, settings));
    // The publisher only feeds the consumer under test: give it the production timeouts, not the
    // 6 s that the outage tests need, which a loaded CI machine overran on 200 events (flaky).
    publisher =
        KafkaPriceEventPublisher.create(
            vertx,
            settings.withTimeouts(
                Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30)),
            codec);
  }

  @AfterEach
  void tearDown() throws Exception {
    result(publisher.closeAsync());
    result(vertx.close());
  }

  @Test
  void givenPublishedEvents_consumer_storesTheMeanOfTheLastFivePrices() throws Exception {
    List<PriceEvent> events =
        KafkaTestSupport.events(
            List.of("AAPL", "MSFT"), List.of(ProviderId.FINNHUB, ProviderId.YAHOO), 12);
    result(publisher.publish(events));
    ControlledMovingAverageRepository repository = new ControlledMovingAverageRepository();

    result(vertx.deployVerticle(consumer(settings, repository)));

    until("every event is applied", () -> repository.distinctEventsApplied() == events.size());
    assertThat(values(repository)).isEqualTo(KafkaTestSupport.expectedAverages(events));
  }

  @Test
  void givenASuspectPriceAmongFive_consumer_averagesTheFiveThatCount() throws Exception {
    Instant start = Instant.parse("2024-03-20T10:30:00Z");
    String[] prices = {"100", "101", "99", "150", "102", "98"};
    List<PriceEvent> events = new ArrayList<>();
    for (int i = 0; i < prices.length; i++) {
      events.add(
          new PriceEvent(
              Symbol.of("QUAL"),
              new BigDecimal(prices[i]),
              start.plusSeconds(60L * i),
              ProviderId.FINNHUB,
              UUID.randomUUID(),
              prices[i].equals("150")));
    }
    result(publisher.publish(events));
    ControlledMovingAverageRepository repository = new ControlledMovingAverageRepository();

    result(vertx.deployVerticle(consumer(settings, repository)));

    // The suspect 150 travels with "suspect": true and never reaches the averages (ADR 0014).
    until("the five that count are applied", () -> repository.distinctEventsApplied() == 5);
    assertThat(repository.snapshot().values())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.value()).isEqualByComparingTo("100");
              assertThat(a.sampleCount()).isEqualTo(5);
            });
  }

  @Test
  void givenEveryEventDeliveredTwice_averages_areUnchanged() throws Exception {
    List<PriceEvent> events =
        KafkaTestSupport.events(List.of("AAPL", "BTC-USD"), List.of(ProviderId.FINNHUB), 9);
    result(publisher.publish(events));
    result(publisher.publish(events.subList(3, 9))); // the relay re-sending after a lost ack
    result(publisher.publish(List.of(events.get(0)))); // and an old one, late
    int delivered = events.size() + 6 + 1;
    ControlledMovingAverageRepository repository = new ControlledMovingAverageRepository();

    result(vertx.deployVerticle(consumer(settings, repository)));

    until("every delivery is handed over", () -> repository.eventsHanded() == delivered);
    assertThat(repository.distinctEventsApplied()).isEqualTo(events.size());
    assertThat(values(repository)).isEqualTo(KafkaTestSupport.expectedAverages(events));
    assertThat(repository.snapshot().values())
        .allSatisfy(a -> assertThat(a.sampleCount()).isEqualTo(5));
  }

  @Test
  void givenAPoisonRecord_itGoesToTheDeadLetterTopic_andLaterRecordsAreApplied(TestKafka kafka)
      throws Exception {
    List<PriceEvent> good = KafkaTestSupport.events(List.of("AAPL"), List.of(ProviderId.YAHOO), 3);
    String negativePrice =
        new String(codec.encode(good.get(0)), StandardCharsets.UTF_8)
            .replace("\"price\":" + good.get(0).price().toPlainString(), "\"price\":-5");
    List<byte[]> partitionZero =
        List.of(
            codec.encode(good.get(0)),
            "{not json".getBytes(StandardCharsets.UTF_8),
            codec.encode(good.get(1)),
            negativePrice.getBytes(StandardCharsets.UTF_8),
            codec.encode(good.get(2)));
    sendRaw(kafka, settings.topic(), 0, "AAPL", partitionZero);
    ControlledMovingAverageRepository repository = new ControlledMovingAverageRepository();
    java.util.concurrent.atomic.AtomicInteger deadLettered =
        new java.util.concurrent.atomic.AtomicInteger();

    result(
        vertx.deployVerticle(
            new MovingAverageConsumerVerticle(
                settings,
                new ApplyPriceEventsService(repository, AverageWindows.defaults()),
                codec,
                FAST_RETRY,
                new ConsumerObserver() {
                  @Override
                  public void deadLettered() {
                    deadLettered.incrementAndGet();
                  }
                })));

    until("the good records are applied", () -> repository.distinctEventsApplied() == 3);
    List<ConsumerRecord<String, byte[]>> letters =
        KafkaTestSupport.readAll(kafka, settings.deadLetterTopic(), 2);
    assertThat(letters).hasSize(2);
    assertThat(deadLettered).as("dead letters acknowledged and counted").hasValue(2);
    assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(header(letters.get(0), "original_topic")).isEqualTo(settings.topic());
    assertThat(header(letters.get(0), "original_partition")).isEqualTo("0");
    assertThat(header(letters.get(0), "original_offset")).isEqualTo("1");
    assertThat(header(letters.get(0), "error")).contains("value is not valid JSON");
    assertThat(header(letters.get(1), "original_offset")).isEqualTo("3");
    assertThat(header(letters.get(1), "error")).contains("price must be greater than 0");
    assertThat(letters.get(1).key()).isEqualTo("AAPL");
    assertThat(values(repository)).isEqualTo(KafkaTestSupport.expectedAverages(good));
  }

  @Test
  void givenTheConsumerRestartedMidStream_finalAverages_equalAnUndisturbedRun(TestKafka kafka)
      throws Exception {
    List<PriceEvent> events =
        KafkaTestSupport.events(
            List.of("AAPL", "MSFT", "GOOG", "TSLA"),
            List.of(ProviderId.FINNHUB, ProviderId.YAHOO),
            25);
    result(publisher.publish(events));

    ControlledMovingAverageRepository interrupted = new ControlledMovingAverageRepository();
    // Hold the stream after 40 events so the restart lands mid-stream, with a batch uncommitted.
    interrupted.holdAfter(40);
    String first = result(vertx.deployVerticle(consumer(settings, interrupted)));
    until("part of the stream is applied", () -> interrupted.distinctEventsApplied() >= 40);
    result(vertx.undeploy(first));
    int appliedBeforeRestart = interrupted.distinctEventsApplied();
    interrupted.release();
    result(vertx.deployVerticle(consumer(settings, interrupted)));
    until("the rest is applied", () -> interrupted.distinctEventsApplied() == events.size());

    ControlledMovingAverageRepository undisturbed = new ControlledMovingAverageRepository();
    KafkaSettings otherGroup = settings.withGroupId(kafka.uniqueTopicName("ma-consumer"));
    result(vertx.deployVerticle(consumer(otherGroup, undisturbed)));
    until(
        "the undisturbed run is done", () -> undisturbed.distinctEventsApplied() == events.size());

    assertThat(appliedBeforeRestart).isLessThan(events.size());
    assertThat(interrupted.snapshot()).isEqualTo(undisturbed.snapshot());
    assertThat(values(undisturbed)).isEqualTo(KafkaTestSupport.expectedAverages(events));
  }

  @Test
  void givenTheDatabaseFailing_batchIsReRead_andNothingIsSkipped() throws Exception {
    List<PriceEvent> events =
        KafkaTestSupport.events(List.of("AAPL", "MSFT"), List.of(ProviderId.FINNHUB), 15);
    result(publisher.publish(events));
    ControlledMovingAverageRepository repository = new ControlledMovingAverageRepository();
    repository.failNextCalls(3);

    result(vertx.deployVerticle(consumer(settings, repository)));

    until("every event is applied", () -> repository.distinctEventsApplied() == events.size());
    assertThat(values(repository)).isEqualTo(KafkaTestSupport.expectedAverages(events));
  }

  private MovingAverageConsumerVerticle consumer(
      KafkaSettings settings, ControlledMovingAverageRepository repository) {
    return new MovingAverageConsumerVerticle(
        settings,
        new ApplyPriceEventsService(repository, AverageWindows.defaults()),
        codec,
        FAST_RETRY);
  }

  private static Map<String, BigDecimal> values(ControlledMovingAverageRepository repository) {
    Map<String, BigDecimal> out = new TreeMap<>();
    for (Map.Entry<String, MovingAverage> e : repository.snapshot().entrySet()) {
      out.put(e.getKey(), e.getValue().value());
    }
    return out;
  }

  private static void sendRaw(
      TestKafka kafka, String topic, int partition, String key, List<byte[]> values)
      throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
      for (byte[] value : values) {
        sends.add(producer.send(new ProducerRecord<>(topic, partition, key, value)));
      }
      for (java.util.concurrent.Future<?> send : sends) {
        send.get();
      }
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
