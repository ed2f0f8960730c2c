package dev.marketdata.adapter.kafka;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.relay.RelayOutboxService;
import dev.marketdata.application.relay.RelayOutboxSettings;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.testsupport.CountingPublisher;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class OutboxRelayVerticleIT {
  private static final int BATCH = 10;

  private final PriceEventCodec codec = new PriceEventCodec();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private Vertx vertx;
  private KafkaPriceEventPublisher kafkaPublisher;
  private CountingPublisher publisher;
  private KafkaSettings settings;

  @BeforeEach
  void setUp(TestKafka kafka) throws Exception {
    vertx = Vertx.vertx();
    settings = KafkaTestSupport.settings(kafka);
    result(KafkaTopics.ensure(vertx, settings));
    kafkaPublisher = KafkaPriceEventPublisher.create(vertx, settings, codec);
    publisher = new CountingPublisher(kafkaPublisher);
  }

  @AfterEach
  void tearDown(TestKafka kafka) throws Exception {
    if (kafka.restartable()) {
      kafka.startBroker(); // in case a test failed while the broker was down
    }
    result(kafkaPublisher.closeAsync());
    result(vertx.close());
  }

  @Test
  void givenWaitingRows_relay_publishesAllAndMarksThemPublished(TestKafka kafka) throws Exception {
    List<PriceEvent> events =
        KafkaTestSupport.events(List.of("AAPL", "MSFT", "GOOG"), List.of(ProviderId.FINNHUB), 9);
    events.forEach(outbox::add);

    result(vertx.deployVerticle(relayVerticle()));

    until("the outbox is drained", () -> outbox.depthNow() == 0);
    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestSupport.readAll(kafka, settings.topic(), events.size());
    assertThat(rawIds(records)).isEqualTo(rawIds(events));
    assertThat(publisher.failures.get()).isZero();
  }

  @Test
  void givenTheBrokerDown_rowsWait_andAllArriveAfterItIsBack(TestKafka kafka) throws Exception {
    List<PriceEvent> before =
        KafkaTestSupport.events(List.of("AAPL"), List.of(ProviderId.YAHOO), 5);
    List<PriceEvent> during =
        KafkaTestSupport.events(List.of("AAPL", "TSLA"), List.of(ProviderId.YAHOO), 12);
    before.forEach(outbox::add);
    String deployment = result(vertx.deployVerticle(relayVerticle()));
    until("the first rows are published", () -> outbox.depthNow() == 0);

    kafka.stopBroker();
    during.forEach(outbox::add);
    until("the relay has seen publishing fail", () -> publisher.failures.get() >= 1);
    // Nothing was acknowledged, so nothing may be marked published.
    assertThat(outbox.depthNow()).isEqualTo(during.size());
    kafka.startBroker();

    until("the outbox is drained after the restart", () -> outbox.depthNow() == 0);
    result(vertx.undeploy(deployment));
    int total = before.size() + during.size();
    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestSupport.readAll(kafka, settings.topic(), total);
    Set<UUID> expected = rawIds(before);
    expected.addAll(rawIds(during));
    assertThat(rawIds(records)).isEqualTo(expected); // every event at least once
  }

  private OutboxRelayVerticle relayVerticle() {
    RelayOutboxService relay =
        new RelayOutboxService(
            outbox,
            publisher,
            Clock.systemUTC(),
            new RelayOutboxSettings(BATCH, Duration.ofSeconds(30), "relay-it"));
    return new OutboxRelayVerticle(
        relay,
        new RelaySettings(
            BATCH,
            Duration.ofMillis(50),
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1))));
  }

  private Set<UUID> rawIds(List<?> recordsOrEvents) {
    return recordsOrEvents.stream()
        .map(
            o ->
                o instanceof PriceEvent e
                    ? e.rawResponseId()
                    : codec.decode(((ConsumerRecord<?, byte[]>) o).value()).rawResponseId())
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }
}
