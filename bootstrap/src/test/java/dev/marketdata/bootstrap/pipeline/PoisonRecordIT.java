package dev.marketdata.bootstrap.pipeline;

import static dev.marketdata.bootstrap.pipeline.Quotes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records that are not price events go to the dead-letter topic and do not block their partition.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class PoisonRecordIT {
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
  void givenPoisonRecords_theyLandOnTheDeadLetterTopic_andLaterRecordsOnThePartitionAreApplied() {
    pipeline.deployRelay();
    pipeline.deployConsumer();
    List<FetchedQuote> early =
        Quotes.series("AAPL", ProviderId.FINNHUB, T0, 3, "150.25", "151.10", "149.875");
    pipeline.ingestAll(early);
    pipeline.awaitSettled();
    String topic = pipeline.settings.topic();
    int partition =
        pipeline.plain.readUntil(topic, "the first AAPL record", read -> !read.isEmpty()).stream()
            .filter(r -> "AAPL".equals(r.key()))
            .findFirst()
            .orElseThrow()
            .partition();

    // Bytes that are no text at all: what looks like UTF-16 with a NUL and broken UTF-8 in it, and
    // what looks like UTF-32 (its byte-order mark) but holds no valid code point. Then a
    // well-formed event whose price is negative. All on AAPL's partition, ahead of its next prices.
    byte[] notUtf8 = {(byte) 0xFF, (byte) 0xFE, 0x00, '{', (byte) 0xC3, '('};
    byte[] notUtf32 = {0x00, 0x00, (byte) 0xFE, (byte) 0xFF, 0x7F, (byte) 0xFF, (byte) 0xFF, 0x01};
    byte[] negativePrice =
        ("{\"symbol\":\"AAPL\",\"price\":-5.25,\"timestamp\":\"2024-03-20T10:30:30Z\","
                + "\"source\":\"finnhub\",\"raw_response_id\":\""
                + UUID.randomUUID()
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    // Poison numbers and dates: once a 10 s blocked event loop and 2.5 GB (rendering the first in
    // plain digits), a division that never ends (the second), and a window pinned to the year
    // 300000 (the third). Each must be dead-lettered at once with a short reason.
    byte[] hugeNegative = event("-1e999999999", "2024-03-20T10:30:31Z");
    byte[] tiny = event("1e-999999999", "2024-03-20T10:30:32Z");
    byte[] farFuture = event("150.25", "+300000-01-01T00:00:00Z");
    List<byte[]> poison = List.of(notUtf8, notUtf32, negativePrice, hugeNegative, tiny, farFuture);
    List<RecordMetadata> poisonAt = new ArrayList<>();
    for (byte[] value : poison) {
      poisonAt.add(pipeline.plain.sendRaw(topic, partition, "AAPL", value));
    }
    List<FetchedQuote> late =
        Quotes.series(
            "AAPL", ProviderId.FINNHUB, T0.plusSeconds(60), 6, "160.5", "161.25", "159.75");
    pipeline.ingestAll(late);
    pipeline.awaitSettled();

    List<ConsumerRecord<String, byte[]>> letters =
        pipeline.plain.readUntil(
            pipeline.settings.deadLetterTopic(),
            "a dead letter per poison record",
            read -> read.size() >= poison.size());
    assertThat(letters).hasSize(poison.size());
    for (int i = 0; i < poison.size(); i++) {
      ConsumerRecord<String, byte[]> letter = letters.get(i);
      assertThat(letter.value()).isEqualTo(poison.get(i));
      assertThat(letter.key()).isEqualTo("AAPL");
      assertThat(PlainKafka.header(letter, "original_topic")).isEqualTo(topic);
      assertThat(PlainKafka.header(letter, "original_partition"))
          .isEqualTo(String.valueOf(partition));
      assertThat(PlainKafka.header(letter, "original_offset"))
          .isEqualTo(String.valueOf(poisonAt.get(i).offset()));
    }
    assertThat(PlainKafka.header(letters.get(0), "error")).startsWith("value ");
    assertThat(PlainKafka.header(letters.get(1), "error")).startsWith("value ");
    assertThat(PlainKafka.header(letters.get(2), "error")).startsWith("price ");
    assertThat(PlainKafka.header(letters.get(3), "error"))
        .startsWith("price must be greater than 0")
        .hasSizeLessThan(200);
    assertThat(PlainKafka.header(letters.get(4), "error"))
        .startsWith("price must have at most 10 decimals")
        .hasSizeLessThan(200);
    assertThat(PlainKafka.header(letters.get(5), "error"))
        .startsWith("timestamp must not be later than");
    RecordMetadata lastPoison = poisonAt.get(poisonAt.size() - 1);

    // The later prices sit behind the poison on the same partition, and they were applied.
    Set<String> lateIds =
        late.stream().map(q -> q.raw().id().toString()).collect(Collectors.toSet());
    List<ConsumerRecord<String, byte[]>> records =
        pipeline.plain.readUntil(
            topic,
            "every record",
            read -> read.size() >= early.size() + poison.size() + late.size());
    assertThat(records)
        .filteredOn(
            r -> lateIds.stream().anyMatch(new String(r.value(), StandardCharsets.UTF_8)::contains))
        .hasSize(late.size())
        .allSatisfy(
            r -> {
              assertThat(r.partition()).isEqualTo(partition);
              assertThat(r.offset()).isGreaterThan(lastPoison.offset());
            });
    Tables.Average aapl = pipeline.tables.storedAverages().get("AAPL/finnhub");
    assertThat(aapl.windowIds()).containsExactlyElementsOf(ids(late.subList(1, 6)));
    assertThat(pipeline.tables.storedAverages()).isEqualTo(pipeline.tables.expectedAverages());
    pipeline.tables.assertEveryRawRowHasOnePricePointAndOneOutboxRow(early.size() + late.size());
  }

  private static byte[] event(String price, String timestamp) {
    return ("{\"symbol\":\"AAPL\",\"price\":"
            + price
            + ",\"timestamp\":\""
            + timestamp
            + "\",\"source\":\"finnhub\",\"raw_response_id\":\""
            + UUID.randomUUID()
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static List<UUID> ids(List<FetchedQuote> quotes) {
    return quotes.stream().map(q -> q.raw().id()).toList();
  }
}
