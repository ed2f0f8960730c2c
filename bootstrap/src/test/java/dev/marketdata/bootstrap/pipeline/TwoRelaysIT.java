package dev.marketdata.bootstrap.pipeline;

import static dev.marketdata.bootstrap.pipeline.Quotes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.adapter.persistence.PgOutbox;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two relays on one database and one broker, as two relay replicas run: each stored event reaches
 * {@code price-events} once, and a relay that died holding a batch leaves it to the other.
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
  void givenRelayDiedHoldingABatch_theOtherRelay_publishesItOnceTheLeaseEnded() {
    List<FetchedQuote> quotes = new ArrayList<>();
    for (int wave = 0; wave < 3; wave++) {
      quotes.addAll(wave(wave));
    }
    pipeline.ingestAll(quotes);
    // A relay that claimed the oldest batch and died before publishing or marking it.
    Instant claimedFrom = Instant.now();
    List<OutboxEntry> held = Await.result(new PgOutbox(pipeline.pool).claim("crashed", 25, LEASE));
    assertThat(held).hasSize(25);

    pipeline.deployRelay();
    pipeline.deployRelay();
    pipeline.deployConsumer();
    pipeline.awaitSettled();

    Long[] heldIds = held.stream().map(OutboxEntry::id).toArray(Long[]::new);
    OffsetDateTime heldPublished =
        pipeline
            .tables
            .query("SELECT min(published_at) FROM outbox WHERE id = ANY($1)", (Object) heldIds)
            .get(0)
            .getOffsetDateTime(0);
    assertThat(heldPublished.toInstant())
        .as("the dead relay's batch waits for its lease")
        .isAfterOrEqualTo(claimedFrom.plus(LEASE));
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
