package dev.marketdata.bootstrap.pipeline;

import static dev.marketdata.bootstrap.pipeline.Quotes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.adapter.persistence.PgBarCloser;
import dev.marketdata.adapter.persistence.PgBarRepository;
import dev.marketdata.bootstrap.OutboxSql;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closed bars through the bar relay to {@code price-bars} (ADR 0013): each bar the closer queued
 * reaches the topic once, keyed by symbol, as GET /prices/bars renders the bar plus its series,
 * with an event id and schema version.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class BarEventsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final ZoneId ZONE = ZoneId.of("America/New_York");

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
  void givenClosedBuckets_eachBar_isOnPriceBarsAsTheApiRendersIt() {
    PgBarCloser closer = new PgBarCloser(pipeline.pool);
    Await.result(closer.close(T0, GRACE, ZONE)); // T0 is a whole 5 minutes: the watermarks start
    List<FetchedQuote> quotes = new ArrayList<>();
    // 70 s of AAPL (two 1m buckets), 30 s of MSFT.
    quotes.addAll(Quotes.series("AAPL", ProviderId.FINNHUB, T0, 70, "150.25", "151.10", "149.875"));
    quotes.addAll(Quotes.series("MSFT", ProviderId.FINNHUB, T0, 30, "410.5", "411"));
    pipeline.ingestAll(quotes);
    Instant now = T0.plus(Duration.ofMinutes(5)).plus(GRACE);
    Await.result(closer.close(now, GRACE, ZONE));
    long queued = pipeline.tables.query("SELECT count(*) FROM bar_outbox").get(0).getLong(0);
    // 1m: AAPL 2, MSFT 1; 5m: one each.
    assertThat(queued).isEqualTo(5);

    pipeline.deployBarRelay();
    List<ConsumerRecord<String, byte[]>> records =
        pipeline.plain.readUntil(
            pipeline.settings.barsTopic(), queued + " bars", r -> r.size() >= queued);

    assertThat(records).hasSize((int) queued);
    Set<String> eventIds = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      JsonNode value = json(record.value());
      assertThat(fieldNames(value))
          .containsExactly(
              "symbol",
              "provider",
              "interval",
              "start",
              "end",
              "open",
              "high",
              "low",
              "close",
              "count",
              "complete",
              "source");
      assertThat(record.key()).isEqualTo(value.get("symbol").asText());
      assertThat(PlainKafka.header(record, "schema_version")).isEqualTo("1");
      eventIds.add(UUID.fromString(PlainKafka.header(record, "event_id")).toString());
      assertThat(value.get("complete").asBoolean()).isTrue();
      assertThat(value.get("open").isNumber()).isTrue();

      BarInterval interval = BarInterval.parse(value.get("interval").asText());
      Instant start = Instant.parse(value.get("start").asText());
      Bar read =
          Await.result(
                  new PgBarRepository(pipeline.pool, Clock.fixed(now, ZoneOffset.UTC))
                      .bars(
                          new BarQuery(
                              Symbol.of(record.key()),
                              ProviderId.of(value.get("provider").asText()),
                              interval,
                              start,
                              start.plusSeconds(1),
                              1,
                              ZONE)))
              .bars()
              .get(0);
      assertThat(value.get("end").asText()).isEqualTo(read.end().toString());
      assertThat(value.get("open").decimalValue()).isEqualByComparingTo(read.open());
      assertThat(value.get("high").decimalValue()).isEqualByComparingTo(read.high());
      assertThat(value.get("low").decimalValue()).isEqualByComparingTo(read.low());
      assertThat(value.get("close").decimalValue()).isEqualByComparingTo(read.close());
      assertThat(value.get("count").asLong()).isEqualTo(read.count());
    }
    assertThat(eventIds).hasSize(records.size());
    Await.until(
        "every bar is marked published",
        () -> pipeline.tables.query(OutboxSql.waiting("bar_outbox")).get(0).getLong(0) == 0);
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
