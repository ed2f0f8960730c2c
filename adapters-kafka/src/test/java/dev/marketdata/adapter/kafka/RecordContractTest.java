package dev.marketdata.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The record check of the ITs accepts what the codecs write and rejects what they must not. */
class RecordContractTest {
  static final RecordContract CONTRACT = RecordContract.document();
  static final String TOPIC = "price-events.RecordContractTest.1.abcd1234";

  static Map<String, byte[]> headers(String... nameValues) {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      headers.put(nameValues[i], nameValues[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }

  static Map<String, byte[]> eventHeaders() {
    return headers("event_id", UUID.randomUUID().toString(), "schema_version", "1");
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] priceEvent() {
    return new PriceEventCodec()
        .encode(
            new PriceEvent(
                Symbol.of("BRK.B"),
                new BigDecimal("0.00012345"),
                Instant.parse("2024-03-20T10:30:00.125Z"),
                ProviderId.of("alpha_vantage"),
                UUID.randomUUID()));
  }

  @Test
  void givenWhatTheCodecsWrite_everyChannel_acceptsIt() {
    assertThat(CONTRACT.violations(TOPIC, utf8("BRK.B"), eventHeaders(), priceEvent())).isEmpty();
    Map<String, byte[]> traced = eventHeaders();
    traced.put("traceparent", utf8("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    assertThat(CONTRACT.violations("price-events", utf8("BRK.B"), traced, priceEvent())).isEmpty();

    byte[] average =
        new AverageEventCodec()
            .encode(
                new MovingAverage(
                    Symbol.of("AAPL"),
                    ProviderId.of("finnhub"),
                    5,
                    new BigDecimal("150.408333333333333"),
                    3,
                    Instant.parse("2024-03-20T10:30:02Z")));
    assertThat(CONTRACT.violations(TOPIC + ".averages", utf8("AAPL"), eventHeaders(), average))
        .isEmpty();
    assertThat(CONTRACT.violations("price-averages", utf8("AAPL"), eventHeaders(), average))
        .isEmpty();

    byte[] bar =
        new BarEventCodec()
            .encode(
                new Bar(
                    Symbol.of("AAPL"),
                    ProviderId.of("simulated"),
                    BarInterval.ONE_MINUTE,
                    Instant.parse("2026-03-09T14:30:00Z"),
                    Instant.parse("2026-03-09T14:31:00Z"),
                    new BigDecimal("150.1"),
                    new BigDecimal("150.4"),
                    new BigDecimal("150.0"),
                    new BigDecimal("150.2"),
                    60,
                    true,
                    Bar.Source.PRICES));
    assertThat(CONTRACT.violations(TOPIC + ".bars", utf8("AAPL"), eventHeaders(), bar)).isEmpty();

    Map<String, byte[]> letter = eventHeaders();
    letter.putAll(
        headers(
            "error", "price: must be a JSON number",
            "original_topic", TOPIC,
            "original_partition", "0",
            "original_offset", "17",
            "hostile-header", "kept as it was"));
    assertThat(CONTRACT.violations(TOPIC + ".dlq", null, letter, utf8("not json {"))).isEmpty();
  }

  @Test
  void givenWrongRecords_theCheck_namesWhatIsWrong() {
    byte[] extraField =
        utf8(new String(priceEvent(), StandardCharsets.UTF_8).replace("}", ",\"colour\":\"red\"}"));
    assertThat(CONTRACT.violations(TOPIC, utf8("BRK.B"), eventHeaders(), extraField))
        .singleElement()
        .asString()
        .contains("colour");
    byte[] priceAsText =
        utf8(
            new String(priceEvent(), StandardCharsets.UTF_8)
                .replace("0.00012345", "\"0.00012345\""));
    assertThat(CONTRACT.violations(TOPIC, utf8("BRK.B"), eventHeaders(), priceAsText)).isNotEmpty();
    assertThat(
            CONTRACT.violations(TOPIC, utf8("BRK.B"), headers("schema_version", "1"), priceEvent()))
        .singleElement()
        .asString()
        .contains("event_id");
    assertThat(
            CONTRACT.violations(
                TOPIC,
                utf8("BRK.B"),
                headers("event_id", UUID.randomUUID().toString(), "schema_version", "2"),
                priceEvent()))
        .isNotEmpty();
    assertThat(CONTRACT.violations(TOPIC, utf8("brk b"), eventHeaders(), priceEvent()))
        .singleElement()
        .asString()
        .contains("key");
    assertThat(CONTRACT.violations(TOPIC, utf8("BRK.B"), eventHeaders(), utf8("[1]"))).isNotEmpty();
    assertThat(CONTRACT.violations(TOPIC + ".dlq", null, eventHeaders(), utf8("{}")))
        .anySatisfy(v -> assertThat(v).contains("original_offset"));
    assertThat(CONTRACT.violations("prices", null, eventHeaders(), priceEvent()))
        .singleElement()
        .asString()
        .contains("no channel");
  }

  @Test
  void givenAWrongRecord_theInterceptor_collectsIt_forTheExtensionToFailTheTest() {
    RecordContractInterceptor.takeViolations();
    RecordContractInterceptor interceptor = new RecordContractInterceptor();
    ProducerRecord<Object, Object> good = new ProducerRecord<>(TOPIC, "BRK.B", priceEvent());
    eventHeaders().forEach(good.headers()::add);
    ProducerRecord<Object, Object> bad = new ProducerRecord<>(TOPIC, "BRK.B", utf8("{}"));
    assertThat(interceptor.onSend(good)).isSameAs(good);
    assertThat(RecordContractInterceptor.takeViolations()).isEmpty();
    assertThat(interceptor.onSend(bad)).isSameAs(bad);
    List<String> violations = RecordContractInterceptor.takeViolations();
    assertThat(violations).anySatisfy(v -> assertThat(v).contains("event_id"));
    assertThat(violations).anySatisfy(v -> assertThat(v).contains("symbol"));
    assertThat(RecordContractInterceptor.takeViolations()).as("taken once").isEmpty();
  }
}
