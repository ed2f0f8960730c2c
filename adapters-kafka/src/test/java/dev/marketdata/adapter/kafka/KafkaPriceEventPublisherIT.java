package dev.marketdata.adapter.kafka;

import static dev.marketdata.testsupport.Await.failure;
import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.model.AverageEvent;
import dev.marketdata.domain.model.AverageOutboxEntry;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.testsupport.TcpPorts;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class KafkaPriceEventPublisherIT {
  private Vertx vertx;
  private final List<KafkaPriceEventPublisher> publishers = new ArrayList<>();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() throws Exception {
    for (KafkaPriceEventPublisher publisher : publishers) {
      result(publisher.closeAsync());
    }
    result(vertx.close());
  }

  @Test
  void givenAnEvent_plainConsumer_readsExactlyTheSpecSchema(TestKafka kafka) throws Exception {
    KafkaSettings settings = KafkaTestSupport.settings(kafka);
    result(KafkaTopics.ensure(vertx, settings));
    UUID id = UUID.fromString("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
    PriceEvent event =
        new PriceEvent(
            Symbol.of("AAPL"),
            new BigDecimal("150.25"),
            Instant.parse("2024-03-20T10:30:00Z"),
            ProviderId.FINNHUB,
            id);
    KafkaPriceEventPublisher publisher = publisher(settings);

    result(publisher.publish(List.of(event)));

    ConsumerRecord<String, byte[]> record =
        KafkaTestSupport.readAll(kafka, settings.topic(), 1).get(0);
    assertThat(record.key()).isEqualTo("AAPL");
    assertThat(new String(record.value(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"price\":150.25,\"timestamp\":\"2024-03-20T10:30:00Z\","
                + "\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"}");
    JsonNode json =
        new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .readTree(record.value());
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("symbol", "price", "timestamp", "source", "raw_response_id");
    assertThat(json.get("symbol").isTextual()).isTrue();
    assertThat(json.get("price").isNumber()).isTrue();
    assertThat(json.get("price").decimalValue()).isEqualByComparingTo("150.25");
    assertThat(json.get("timestamp").asText()).isEqualTo("2024-03-20T10:30:00Z");
    assertThat(json.get("source").asText()).isEqualTo("finnhub");
    assertThat(json.get("raw_response_id").asText()).isEqualTo(id.toString());
    assertThat(header(record, "event_id")).isEqualTo(id.toString());
    assertThat(header(record, "schema_version")).isEqualTo("1");
  }

  @Test
  void givenABatch_publish_completesWithEveryRecordOnTheTopicKeyedBySymbol(TestKafka kafka)
      throws Exception {
    KafkaSettings settings = KafkaTestSupport.settings(kafka);
    result(KafkaTopics.ensure(vertx, settings));
    List<PriceEvent> events =
        KafkaTestSupport.events(List.of("AAPL", "MSFT", "BRK.B"), List.of(ProviderId.YAHOO), 10);
    KafkaPriceEventPublisher publisher = publisher(settings);
    long checkedBefore = RecordContractInterceptor.checked();

    result(publisher.publish(events));

    assertThat(RecordContractInterceptor.checked() - checkedBefore)
        .as("records checked against docs/asyncapi.yaml")
        .isGreaterThanOrEqualTo(events.size());
    PriceEventCodec codec = new PriceEventCodec();
    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestSupport.readAll(kafka, settings.topic(), events.size());
    assertThat(records)
        .allSatisfy(r -> assertThat(codec.decode(r.value()).symbol().value()).isEqualTo(r.key()));
    assertThat(records.stream().map(r -> codec.decode(r.value())).toList())
        .containsExactlyInAnyOrderElementsOf(events);
  }

  @Test
  void givenStoredTraceContexts_publishStored_sendsEachAsTraceparentOfAPublishSpan(TestKafka kafka)
      throws Exception {
    KafkaSettings settings = KafkaTestSupport.settings(kafka);
    result(KafkaTopics.ensure(vertx, settings));
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SdkTracerProvider tracing =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    List<PriceEvent> events =
        KafkaTestSupport.events(List.of("AAPL", "MSFT"), List.of(ProviderId.FINNHUB), 1);
    String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    OutboxEntry traced =
        new OutboxEntry(1, events.get(0), Instant.now(), TraceContext.lenient(stored, "mds=1"));
    OutboxEntry untraced = new OutboxEntry(2, events.get(1), Instant.now());
    KafkaPriceEventPublisher publisher =
        KafkaPriceEventPublisher.create(
            vertx, settings, new PriceEventCodec(), tracing.get("test"));
    publishers.add(publisher);

    result(publisher.publishStored(List.of(traced, untraced)));

    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestSupport.readAll(kafka, settings.topic(), 2);
    ConsumerRecord<String, byte[]> aapl =
        records.stream().filter(r -> r.key().equals("AAPL")).findFirst().orElseThrow();
    ConsumerRecord<String, byte[]> msft =
        records.stream().filter(r -> r.key().equals("MSFT")).findFirst().orElseThrow();
    SpanData publish = spans.getFinishedSpanItems().get(0);
    assertThat(spans.getFinishedSpanItems()).hasSize(1);
    assertThat(publish.getName()).isEqualTo(settings.topic() + " publish");
    assertThat(publish.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(publish.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(header(aapl, "traceparent"))
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-" + publish.getSpanId() + "-01");
    assertThat(header(aapl, "tracestate")).isEqualTo("mds=1");
    assertThat(aapl.headers().headers("traceparent")).hasSize(1);
    assertThat(header(msft, "traceparent")).isNull();
    assertThat(header(msft, "tracestate")).isNull();
    assertThat(header(msft, "event_id")).isEqualTo(events.get(1).eventId().toString());
  }

  @Test
  void givenStoredAverageTraces_publishStored_sendsThemOnPriceAveragesFromAPublishSpan(
      TestKafka kafka) throws Exception {
    KafkaSettings settings = KafkaTestSupport.settings(kafka);
    result(KafkaTopics.ensure(vertx, settings));
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SdkTracerProvider tracing =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    KafkaPriceEventPublisher producer = publisher(settings);
    KafkaAveragePublisher averages =
        new KafkaAveragePublisher(
            producer, settings.averagesTopic(), new AverageEventCodec(), tracing.get("test"));
    String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    AverageOutboxEntry traced =
        new AverageOutboxEntry(
            1, average("AAPL"), Instant.now(), TraceContext.lenient(stored, "mds=1"));
    AverageOutboxEntry untraced = new AverageOutboxEntry(2, average("MSFT"), Instant.now());
    long checkedBefore = RecordContractInterceptor.checked();

    result(averages.publishStored(List.of(traced, untraced)));

    assertThat(RecordContractInterceptor.checked() - checkedBefore)
        .as("records checked against docs/asyncapi.yaml")
        .isGreaterThanOrEqualTo(2);
    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestSupport.readAll(kafka, settings.averagesTopic(), 2);
    ConsumerRecord<String, byte[]> aapl =
        records.stream().filter(r -> r.key().equals("AAPL")).findFirst().orElseThrow();
    ConsumerRecord<String, byte[]> msft =
        records.stream().filter(r -> r.key().equals("MSFT")).findFirst().orElseThrow();
    SpanData publish = spans.getFinishedSpanItems().get(0);
    assertThat(spans.getFinishedSpanItems()).hasSize(1);
    assertThat(publish.getName()).isEqualTo(settings.averagesTopic() + " publish");
    assertThat(publish.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(publish.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(header(aapl, "traceparent"))
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-" + publish.getSpanId() + "-01");
    assertThat(header(aapl, "tracestate")).isEqualTo("mds=1");
    assertThat(header(aapl, "event_id")).isEqualTo(traced.event().eventId().toString());
    assertThat(header(msft, "traceparent")).isNull();
    assertThat(header(msft, "tracestate")).isNull();
    assertThat(header(msft, "event_id")).isEqualTo(untraced.event().eventId().toString());
  }

  private static AverageEvent average(String symbol) {
    return new AverageEvent(
        UUID.randomUUID(),
        new MovingAverage(
            Symbol.of(symbol),
            ProviderId.FINNHUB,
            5,
            new BigDecimal("150.5"),
            2,
            Instant.parse("2026-11-30T18:00:00Z")));
  }

  @Test
  void givenTracingOff_publishStored_passesTheStoredTraceparentOnAsItIs(TestKafka kafka)
      throws Exception {
    KafkaSettings settings = KafkaTestSupport.settings(kafka);
    result(KafkaTopics.ensure(vertx, settings));
    PriceEvent event =
        KafkaTestSupport.events(List.of("AAPL"), List.of(ProviderId.FINNHUB), 1).get(0);
    String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    KafkaPriceEventPublisher publisher = publisher(settings); // no-op tracer

    result(
        publisher.publishStored(
            List.of(new OutboxEntry(1, event, Instant.now(), TraceContext.lenient(stored, null)))));

    ConsumerRecord<String, byte[]> record =
        KafkaTestSupport.readAll(kafka, settings.topic(), 1).get(0);
    assertThat(header(record, "traceparent")).isEqualTo(stored);
  }

  @Test
  void givenNoBrokerListening_publish_failsAsDependencyUnavailable() throws Exception {
    int unusedPort = TcpPorts.free();
    KafkaSettings settings =
        KafkaSettings.defaults("127.0.0.1:" + unusedPort)
            .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(2));
    KafkaPriceEventPublisher publisher = publisher(settings);
    PriceEvent event =
        KafkaTestSupport.events(List.of("AAPL"), List.of(ProviderId.FINNHUB), 1).get(0);

    assertThat(failure(publisher.publish(List.of(event))))
        .isInstanceOf(DependencyUnavailable.class)
        .hasMessageContaining("kafka unavailable");
  }

  @Test
  void givenTopicsAlreadyThere_ensure_isIdempotentAndKeepsThreePartitions(TestKafka kafka)
      throws Exception {
    KafkaSettings settings = KafkaTestSupport.settings(kafka);

    result(KafkaTopics.ensure(vertx, settings));
    result(KafkaTopics.ensure(vertx, settings));

    KafkaAdminClient admin = KafkaAdminClient.create(vertx, settings.adminConfig());
    try {
      assertThat(result(admin.listTopics())).contains(settings.topic(), settings.deadLetterTopic());
      assertThat(
              result(admin.describeTopics(List.of(settings.topic())))
                  .get(settings.topic())
                  .getPartitions())
          .hasSize(3);
    } finally {
      result(admin.close());
    }
  }

  private KafkaPriceEventPublisher publisher(KafkaSettings settings) {
    KafkaPriceEventPublisher publisher =
        KafkaPriceEventPublisher.create(vertx, settings, new PriceEventCodec());
    publishers.add(publisher);
    return publisher;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
