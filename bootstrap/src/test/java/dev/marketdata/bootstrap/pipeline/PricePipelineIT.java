package dev.marketdata.bootstrap.pipeline;

import static dev.marketdata.bootstrap.pipeline.Quotes.T0;
import static dev.marketdata.bootstrap.pipeline.Quotes.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.testsupport.Await;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Quotes in, averages out: ingestion, outbox relay, Kafka and the consumer, all real. */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class PricePipelineIT {
  private static final Pattern ISO_UTC =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
  private static final Pattern PRICE_TOKEN = Pattern.compile("\"price\":([^,}]*)");
  private static final ObjectMapper EXACT_JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private Pipeline pipeline;

  @BeforeEach
  void start(PostgresDatabase database, TestKafka kafka) {
    pipeline = Pipeline.start(database, kafka);
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  /**
   * Four series: a full window whose edge falls between two quotes of one instant, a window still
   * filling, sub-cent prices with more decimals than an average keeps and nanosecond quote times,
   * and the simulated provider; ingested in shuffled order so the outbox order is not the quote
   * order.
   */
  private static List<FetchedQuote> mixedQuotes() {
    List<FetchedQuote> quotes = new ArrayList<>();
    quotes.addAll(
        Quotes.series(
            "AAPL", ProviderId.FINNHUB, T0, 12, "150.25", "151.10", "149.875", "152", "150.5"));
    // The 5th and 6th newest share one instant: the raw id alone decides which is in the window.
    Instant tie = T0.plusMillis(7_500);
    quotes.add(quote("AAPL", ProviderId.FINNHUB, "160.01", tie));
    quotes.add(quote("AAPL", ProviderId.FINNHUB, "140.99", tie));
    quotes.addAll(Quotes.series("AAPL", ProviderId.YAHOO, T0, 3, "150.20", "150.30", "150.45"));
    quotes.addAll(
        Quotes.series(
            "SHIB-USD",
            ProviderId.FINNHUB,
            T0.plusNanos(123_456_789),
            7,
            "0.000012345",
            "0.00001234",
            "0.000012399",
            "0.00001"));
    quotes.addAll(Quotes.simulated("MSFT", T0, 9));
    Collections.shuffle(quotes, new Random(5));
    return quotes;
  }

  @Test
  void givenIngestedQuotes_storedAverages_areTheMeanOfTheLastFivePricePoints() {
    List<FetchedQuote> quotes = mixedQuotes();
    pipeline.deployConsumer();
    pipeline.deployRelay();

    // In two waves while both verticles run, as quotes arrive in production.
    pipeline.ingestAll(quotes.subList(0, quotes.size() / 2));
    pipeline.ingestAll(quotes.subList(quotes.size() / 2, quotes.size()));
    pipeline.awaitSettled();

    Map<String, Tables.Average> expected = pipeline.tables.expectedAverages();
    assertThat(expected)
        .containsOnlyKeys("AAPL/finnhub", "AAPL/yahoo", "MSFT/simulated", "SHIB-USD/finnhub");
    assertThat(expected.get("AAPL/yahoo").sampleCount()).isEqualTo(3);
    assertThat(expected.get("AAPL/finnhub").sampleCount()).isEqualTo(5);
    assertThat(pipeline.tables.storedAverages()).isEqualTo(expected);
    pipeline.tables.assertEveryRawRowHasOnePricePointAndOneOutboxRow(quotes.size());
  }

  @Test
  void aRecordOnPriceEvents_readByAPlainConsumer_matchesTheSpecSchemaExactly() throws IOException {
    List<FetchedQuote> quotes = mixedQuotes();
    pipeline.ingestAll(quotes);
    pipeline.deployRelay();
    Await.until("the outbox is drained", () -> pipeline.tables.outboxDepth() == 0);

    List<ConsumerRecord<String, byte[]>> records =
        pipeline.plain.readUntil(
            pipeline.settings.topic(),
            "one record per stored price",
            read -> read.size() >= quotes.size());

    Map<UUID, Row> stored = storedPricesByRawId();
    assertThat(stored).hasSize(quotes.size());
    Set<UUID> seen = new HashSet<>();
    Set<String> timestamps = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      String text = new String(record.value(), StandardCharsets.UTF_8);
      JsonNode json = EXACT_JSON.readTree(record.value());
      // "suspect" is there only when true (ADR 0014): a non-suspect event is as before.
      if (json.has("suspect")) {
        assertThat(json.get("suspect").booleanValue()).as(text).isTrue();
        assertThat(fieldNames(json))
            .as(text)
            .containsExactlyInAnyOrder(
                "symbol", "price", "timestamp", "source", "raw_response_id", "suspect");
      } else {
        assertThat(fieldNames(json))
            .as(text)
            .containsExactlyInAnyOrder("symbol", "price", "timestamp", "source", "raw_response_id");
      }

      UUID rawId = UUID.fromString(json.get("raw_response_id").textValue());
      Row row = stored.get(rawId);
      assertThat(row).as("raw_market_data row of %s", text).isNotNull();
      assertThat(json.get("raw_response_id").textValue())
          .isEqualTo(row.getUUID("raw_id").toString());
      assertThat(json.get("symbol").isTextual()).isTrue();
      assertThat(json.get("symbol").textValue()).isEqualTo(row.getString("symbol"));
      assertThat(record.key()).isEqualTo(row.getString("symbol"));
      assertThat(json.get("source").isTextual()).isTrue();
      assertThat(json.get("source").textValue()).isEqualTo(row.getString("provider"));

      assertThat(json.get("price").isNumber()).as(text).isTrue();
      assertThat(json.get("price").decimalValue()).isEqualTo(row.getBigDecimal("price"));
      assertThat(priceToken(text)).isEqualTo(row.getString("price_text"));

      String timestamp = json.get("timestamp").textValue();
      assertThat(timestamp).matches(ISO_UTC);
      assertThat(Instant.parse(timestamp)).isEqualTo(row.getOffsetDateTime("quote_ts").toInstant());
      timestamps.add(timestamp);

      assertThat(headerKeys(record)).containsExactlyInAnyOrder("event_id", "schema_version");
      assertThat(PlainKafka.header(record, "event_id")).isEqualTo(rawId.toString());
      assertThat(PlainKafka.header(record, "schema_version")).isEqualTo("1");
      seen.add(rawId);
    }
    assertThat(records).hasSize(quotes.size());
    assertThat(seen).isEqualTo(stored.keySet());
    // The spec's own example form, and PostgreSQL's microseconds for a nanosecond quote time.
    assertThat(timestamps).contains("2024-03-20T10:30:00Z", "2024-03-20T10:30:00.123456Z");
    pipeline.tables.assertEveryRawRowHasOnePricePointAndOneOutboxRow(quotes.size());
  }

  private Map<UUID, Row> storedPricesByRawId() {
    Map<UUID, Row> byId = new HashMap<>();
    for (Row row :
        pipeline.tables.query(
            "SELECT r.id AS raw_id, p.symbol, p.provider, p.price, p.price::text AS price_text,"
                + " p.quote_ts FROM raw_market_data r"
                + " JOIN price_points p ON p.raw_response_id = r.id")) {
      byId.put(row.getUUID("raw_id"), row);
    }
    return byId;
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The price exactly as written on the wire. */
  private static String priceToken(String json) {
    Matcher m = PRICE_TOKEN.matcher(json);
    assertThat(m.find()).as("a price in %s", json).isTrue();
    return m.group(1);
  }

  private static List<String> headerKeys(ConsumerRecord<?, ?> record) {
    return StreamSupport.stream(record.headers().spliterator(), false)
        .map(Header::key)
        .collect(Collectors.toList());
  }
}
