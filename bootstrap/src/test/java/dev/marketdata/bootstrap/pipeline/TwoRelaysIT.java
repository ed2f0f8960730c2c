package dev.marketdata.bootstrap.pipeline;

import static dev.marketdata.bootstrap.pipeline.Quotes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.adapter.persistence.PgOutbox;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.port.PriceEventPublisher;
import dev.marketdata.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two relays on one database and one broker, as two relay replicas run: one leads the outbox at a
 * time (ADR 0016), each stored event reaches {@code price-events} once, and when the leader dies
 * the other takes over once its lease ended, repeating at most the batch the dead one had in
 * flight.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class TwoRelaysIT {
  private static final int WAVES = 12;
  private static final int SYMBOLS = 20;
  private static final Duration LEASE = Duration.ofSeconds(3);

  private Pipeline pipeline;

  @BeforeEach
  void start(PostgresDatabase database, TestKafka kafka) {
    pipeline = Pipeline.start(database, kafka);
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  @Test
  void givenTwoRelaysRunning_eachStoredEvent_isOnTheTopicOnce() {
    pipeline.deployRelay();
    pipeline.deployRelay();
    pipeline.deployConsumer();

    // Waves of a 20-symbol job while both relays poll, so they compete for the same new rows.
    int stored = 0;
    for (int wave = 0; wave < WAVES; wave++) {
      pipeline.ingestAll(wave(wave));
      stored += SYMBOLS;
    }
    pipeline.awaitSettled();

    assertThat(recordsOnTopic()).as("records on the topic").isEqualTo(stored);
    assertThat(distinctEventsOnTopic(stored)).hasSize(stored);
    assertThat(pipeline.tables.storedAverages()).isEqualTo(pipeline.tables.expectedAverages());
    pipeline.tables.assertEveryRawRowHasOnePricePointAndOneOutboxRow(stored);
  }

  @Test
  void givenTheLeaderKilledMidPublish_theOtherRelay_publishesEverythingAndRepeatsAtMostOneBatch() {
    // The leader's second batch reaches the broker, but the relay dies before it moves the
    // position: its step never completes, and it never steps again.
    CompletableFuture<Void> killed = new CompletableFuture<>();
    AtomicInteger batches = new AtomicInteger();
    PriceEventPublisher dying =
        events -> {
          CompletionStage<Void> sent = pipeline.publisher.publish(events);
          return batches.incrementAndGet() == 2 ? sent.thenCompose(v -> killed) : sent;
        };
    try {
      pipeline.deployRelay(dying, LEASE);
      List<FetchedQuote> quotes = new ArrayList<>();
      for (int wave = 0; wave < 3; wave++) {
        quotes.addAll(wave(wave));
      }
      pipeline.ingestAll(quotes);
      Await.until("the leader is stuck in its second batch", () -> batches.get() >= 2);
      pipeline.deployRelay();
      pipeline.deployConsumer();
      pipeline.awaitSettled();

      long records = recordsOnTopic();
      assertThat(distinctEventsOnTopic(records)).hasSize(quotes.size());
      assertThat(records)
          .as("records on the topic: the dead leader's batch at most twice")
          .isBetween((long) quotes.size(), (long) quotes.size() + Pipeline.RELAY_BATCH);
      assertThat(pipeline.tables.storedAverages()).isEqualTo(pipeline.tables.expectedAverages());
    } finally {
      killed.completeExceptionally(new IllegalStateException("the relay was killed"));
    }
  }

  @Test
  void givenALeaderThatDied_theOtherRelays_publishOnlyOnceItsLeaseEnded() {
    List<FetchedQuote> quotes = new ArrayList<>();
    for (int wave = 0; wave < 3; wave++) {
      quotes.addAll(wave(wave));
    }
    pipeline.ingestAll(quotes);
    // A relay that took the outbox's lease and died before publishing anything.
    Instant leasedFrom = Instant.now();
    assertThat(Await.result(new PgOutbox(pipeline.pool).lead("crashed", LEASE))).isPresent();

    pipeline.deployRelay();
    pipeline.deployRelay();
    pipeline.deployConsumer();
    pipeline.awaitSettled();

    assertThat(Instant.now())
        .as("nothing could go out before the dead leader's lease ended")
        .isAfterOrEqualTo(leasedFrom.plus(LEASE));
    assertThat(
            pipeline
                .tables
                .query("SELECT holder FROM relay_positions WHERE outbox = 'outbox'")
                .get(0)
                .getString(0))
        .startsWith("relay-");
    assertThat(recordsOnTopic()).isEqualTo(quotes.size());
    assertThat(distinctEventsOnTopic(quotes.size())).hasSize(quotes.size());
    assertThat(pipeline.tables.storedAverages()).isEqualTo(pipeline.tables.expectedAverages());
  }

  private static List<FetchedQuote> wave(int wave) {
    List<FetchedQuote> quotes = new ArrayList<>();
    for (int s = 0; s < SYMBOLS; s++) {
      quotes.addAll(Quotes.simulated("SYM" + s, T0.plusSeconds(wave), 1));
    }
    return quotes;
  }

  private long recordsOnTopic() {
    return pipeline.plain.endOffsets(pipeline.settings.topic()).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  private List<UUID> distinctEventsOnTopic(long records) {
    List<ConsumerRecord<String, byte[]>> read =
        pipeline.plain.readUntil(
            pipeline.settings.topic(), records + " records", r -> r.size() >= records);
    return read.stream()
        .map(r -> pipeline.codec.decode(r.value()))
        .map(PriceEvent::rawResponseId)
        .distinct()
        .toList();
  }
}
