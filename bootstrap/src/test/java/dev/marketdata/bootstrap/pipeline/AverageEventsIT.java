package dev.marketdata.bootstrap.pipeline;

import static dev.marketdata.bootstrap.pipeline.Quotes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.adapter.persistence.PgAverageOutbox;
import dev.marketdata.bootstrap.OutboxSql;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.AverageOutboxEntry;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.testsupport.Await;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Changed averages through the consumer to {@code price-averages}: each one the consumer committed
 * reaches the topic keyed by symbol, as the REST API's average JSON with an event id and schema
 * version; a replayed batch publishes nothing; a relay that died holding averages loses none.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class AverageEventsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
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
  void givenEventsIn_eachCommittedAverage_isOnPriceAveragesAsTheApiRendersIt() {
    pipeline.deployRelay();
    pipeline.deployConsumer();
    pipeline.deployAverageRelay();

    List<FetchedQuote> quotes = new ArrayList<>();
    quotes.addAll(Quotes.series("AAPL", ProviderId.FINNHUB, T0, 3, "150.25", "151.10", "149.875"));
    quotes.addAll(Quotes.series("MSFT", ProviderId.FINNHUB, T0, 2, "410.5", "411"));
    pipeline.ingestAll(quotes);
    pipeline.awaitSettled();
    long queued = awaitAveragesPublished();

    List<ConsumerRecord<String, byte[]>> records = readAverages(queued);
    assertThat(records).hasSize((int) queued);
    Set<String> eventIds = new HashSet<>();
    Map<String, JsonNode> lastBySymbol = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      JsonNode value = json(record.value());
      assertThat(fieldNames(value))
          .containsExactly(
              "symbol", "provider", "window_size", "value", "sample_count", "timestamp");
      assertThat(record.key()).isEqualTo(value.get("symbol").asText());
      assertThat(value.get("value").isNumber()).as("value is a JSON number").isTrue();
      assertThat(PlainKafka.header(record, "schema_version")).isEqualTo("1");
      String eventId = PlainKafka.header(record, "event_id");
      assertThat(UUID.fromString(eventId)).isNotNull();
      eventIds.add(eventId);
      // One partition per symbol, so its averages arrive in the order they were committed.
      lastBySymbol.put(record.key(), value);
    }
    assertThat(eventIds).as("one event id per change").hasSize(records.size());

    // The newest average per symbol is what symbol_averages (and so GET /prices/moving-average)
    // holds, field by field.
    for (Row row :
        pipeline.tables.query(
            "SELECT symbol, provider, window_size, value, sample_count, as_of"
                + " FROM symbol_averages")) {
      JsonNode last = lastBySymbol.get(row.getString("symbol"));
      assertThat(last).as("an average of " + row.getString("symbol")).isNotNull();
      assertThat(last.get("provider").asText()).isEqualTo(row.getString("provider"));
      assertThat(last.get("window_size").asInt()).isEqualTo(row.getInteger("window_size"));
      assertThat(last.get("value").decimalValue()).isEqualByComparingTo(row.getBigDecimal("value"));
      assertThat(last.get("sample_count").asInt()).isEqualTo(row.getInteger("sample_count"));
      assertThat(last.get("timestamp").asText())
          .isEqualTo(row.getOffsetDateTime("as_of").toInstant().toString());
    }
    assertThat(lastBySymbol.get("AAPL").get("sample_count").asInt()).isEqualTo(3);
    assertThat(lastBySymbol.get("AAPL").get("timestamp").asText())
        .isEqualTo("2024-03-20T10:30:02Z");
    assertThat(lastBySymbol.get("MSFT").get("value").decimalValue())
        .isEqualByComparingTo(new BigDecimal("410.75"));
  }

  @Test
  void givenTheBatchesReplayed_nothingNew_isPublished() {
    pipeline.deployRelay();
    pipeline.deployConsumer();
    pipeline.deployAverageRelay();
    pipeline.ingestAll(Quotes.series("AAPL", ProviderId.FINNHUB, T0, 4, "150.25", "151.10"));
    pipeline.awaitSettled();
    long before = awaitAveragesPublished();
    assertThat(before).isPositive();

    // A second group reads price-events from the start: every event applied again.
    String replay = pipeline.settings.groupId() + "-replay";
    pipeline.deployConsumer(pipeline.settings.withGroupId(replay), pipeline.applyEvents());
    pipeline.awaitSettled(replay);

    assertThat(queuedAverages()).as("averages queued after the replay").isEqualTo(before);
    assertThat(recordsOnAveragesTopic()).isEqualTo(before);
  }

  @Test
  void givenAverageRelayDiedLeading_itsAverages_arePublishedOnceItsLeaseEnded() {
    pipeline.deployRelay();
    pipeline.deployConsumer();
    pipeline.ingestAll(Quotes.series("AAPL", ProviderId.FINNHUB, T0, 6, "150.25", "151.10"));
    pipeline.ingestAll(Quotes.series("MSFT", ProviderId.FINNHUB, T0, 6, "410.5", "411"));
    pipeline.awaitSettled();
    long queued = queuedAverages();
    assertThat(queued).isPositive();

    // A relay that took the average outbox's lease and died before publishing anything.
    Instant leasedFrom = Instant.now();
    assertThat(Await.result(new PgAverageOutbox(pipeline.pool).lead("crashed", LEASE))).isPresent();
    List<AverageOutboxEntry> held =
        Await.result(new PgAverageOutbox(pipeline.pool).unpublished(1000));
    assertThat(held).hasSize((int) queued);

    pipeline.deployAverageRelay();
    awaitAveragesPublished();

    assertThat(Instant.now())
        .as("nothing could go out before the dead leader's lease ended")
        .isAfterOrEqualTo(leasedFrom.plus(LEASE));
    Set<String> onTopic = new HashSet<>();
    readAverages(queued).forEach(r -> onTopic.add(PlainKafka.header(r, "event_id")));
    Set<String> heldIds = new HashSet<>();
    held.forEach(e -> heldIds.add(e.event().eventId().toString()));
    assertThat(onTopic).containsAll(heldIds);
  }

  /** Waits until every queued average was published; returns how many were queued. */
  private long awaitAveragesPublished() {
    Await.until(
        "every queued average is published",
        () -> pipeline.tables.query(OutboxSql.waiting("average_outbox")).get(0).getLong(0) == 0);
    return queuedAverages();
  }

  private long queuedAverages() {
    return pipeline.tables.query("SELECT count(*) FROM average_outbox").get(0).getLong(0);
  }

  private long recordsOnAveragesTopic() {
    return pipeline.plain.endOffsets(pipeline.settings.averagesTopic()).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  private List<ConsumerRecord<String, byte[]>> readAverages(long count) {
    List<ConsumerRecord<String, byte[]>> records =
        pipeline.plain.readUntil(
            pipeline.settings.averagesTopic(), count + " averages", r -> r.size() >= count);
    // In the order each symbol's were committed: offsets within a partition.
    records.sort(
        (a, b) ->
            a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
    return records;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode json(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
