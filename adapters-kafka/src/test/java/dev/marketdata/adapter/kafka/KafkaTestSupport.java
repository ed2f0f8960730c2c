package dev.marketdata.adapter.kafka;

import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Shared helpers of the Kafka ITs: settings on the test broker, a plain reader, sample events. */
final class KafkaTestSupport {
  private KafkaTestSupport() {}

  /**
   * Settings on the test broker with topics and group unique to the calling test, records checked
   * against docs/asyncapi.yaml.
   */
  static KafkaSettings settings(TestKafka kafka) {
    String topic = kafka.uniqueTopicName("price-events");
    return KafkaSettings.defaults(kafka.bootstrapServers())
        .withTopics(topic, topic + ".dlq")
        .withGroupId(kafka.uniqueTopicName("ma-consumer"))
        .withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(2), Duration.ofSeconds(3))
        // Every record the service's producers send is checked against docs/asyncapi.yaml.
        .withClientProperties(KafkaClientProperties.of(RecordContractInterceptor.PROPERTIES));
  }

  /** Reads {@code topic} from the start with a plain consumer until {@code expected} records. */
  static List<ConsumerRecord<String, byte[]>> readAll(TestKafka kafka, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            kafka.uniqueTopicName("plain-reader"),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(Await.DEADLINE);
      while (records.size() < expected) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError(
              "read " + records.size() + " of " + expected + " records from " + topic);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** {@code count} events per (symbol, provider), prices varying, one second apart. */
  static List<PriceEvent> events(List<String> symbols, List<ProviderId> providers, int count) {
    List<PriceEvent> events = new ArrayList<>();
    Instant start = Instant.parse("2024-03-20T10:30:00Z");
    for (int i = 0; i < count; i++) {
      for (String symbol : symbols) {
        for (ProviderId provider : providers) {
          BigDecimal price =
              new BigDecimal("100.00")
                  .add(BigDecimal.valueOf(i * 7L % 13))
                  .add(new BigDecimal("0.00012345").multiply(BigDecimal.valueOf(i + 1)));
          events.add(
              new PriceEvent(
                  Symbol.of(symbol), price, start.plusSeconds(i), provider, UUID.randomUUID()));
        }
      }
    }
    return events;
  }

  /**
   * The expected 5-point averages worked out directly: per (symbol, provider), the plain mean of
   * the 5 newest prices, rounded half-even to 8 places. Keyed like the repository's snapshot.
   */
  static Map<String, BigDecimal> expectedAverages(List<PriceEvent> events) {
    Map<String, List<PriceEvent>> bySeries =
        events.stream().collect(Collectors.groupingBy(e -> e.symbol() + "/" + e.source() + "/5"));
    Map<String, BigDecimal> expected = new TreeMap<>();
    bySeries.forEach(
        (key, series) -> {
          List<BigDecimal> newest =
              series.stream()
                  .sorted(Comparator.comparing(PriceEvent::timestamp).reversed())
                  .limit(5)
                  .map(PriceEvent::price)
                  .toList();
          BigDecimal sum = newest.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
          expected.put(
              key, sum.divide(BigDecimal.valueOf(newest.size()), 8, RoundingMode.HALF_EVEN));
        });
    return expected;
  }
}
