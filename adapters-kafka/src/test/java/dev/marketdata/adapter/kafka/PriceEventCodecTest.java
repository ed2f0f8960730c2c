package dev.marketdata.adapter.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.QuoteTimes;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceEventCodecTest {
  private static final UUID ID = UUID.fromString("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
  private static final Instant RECEIVED = Instant.parse("2026-11-30T12:00:00Z");
  private final PriceEventCodec codec = new PriceEventCodec();

  @Test
  void givenAnEvent_encode_writesExactlyTheSpecifiedJson() {
    PriceEvent event =
        new PriceEvent(
            Symbol.of("AAPL"),
            new BigDecimal("150.25"),
            Instant.parse("2024-03-20T10:30:00Z"),
            ProviderId.FINNHUB,
            ID);

    assertThat(new String(codec.encode(event), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"price\":150.25,\"timestamp\":\"2024-03-20T10:30:00Z\","
                + "\"source\":\"finnhub\",\"raw_response_id\":\""
                + ID
                + "\"}");
  }

  @Test
  void givenASuspectEvent_encode_addsSuspectTrue_andDecodeReadsIt() {
    PriceEvent event =
        new PriceEvent(
            Symbol.of("AAPL"),
            new BigDecimal("150.25"),
            Instant.parse("2024-03-20T10:30:00Z"),
            ProviderId.FINNHUB,
            ID,
            true);

    byte[] encoded = codec.encode(event);

    assertThat(new String(encoded, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"price\":150.25,\"timestamp\":\"2024-03-20T10:30:00Z\","
                + "\"source\":\"finnhub\",\"raw_response_id\":\""
                + ID
                + "\",\"suspect\":true}");
    assertThat(codec.decode(encoded).suspect()).isTrue();
  }

  @Test
  void givenNoSuspectField_decode_readsANonSuspectEvent() {
    String json =
        "{\"symbol\":\"AAPL\",\"price\":1,\"timestamp\":\"2024-03-20T10:30:00Z\","
            + "\"source\":\"finnhub\",\"raw_response_id\":\""
            + ID
            + "\"}";

    assertThat(codec.decode(json.getBytes(UTF_8)).suspect()).isFalse();
    assertThat(codec.decode(json.replace("}", ",\"suspect\":false}").getBytes(UTF_8)).suspect())
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "0.00012345",
    "150.250",
    "123456789.123456789",
    "7",
    "0.0000000001",
    "100.5000000000"
  })
  void givenAnyPrice_encodeThenDecode_keepsItsExactDecimal(String price) {
    PriceEvent event = event(new BigDecimal(price));

    byte[] bytes = codec.encode(event);
    PriceEvent decoded = codec.decode(bytes);

    assertThat(decoded.price()).isEqualTo(new BigDecimal(price)); // equals: value and scale
    assertThat(decoded).isEqualTo(event);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("\"price\":" + new BigDecimal(price).toPlainString() + ",")
        .doesNotContain("E");
  }

  @Test
  void givenAnExponentPrice_encode_writesPlainDigitsOfTheSameValue() {
    byte[] bytes = codec.encode(event(new BigDecimal("1E+3")));

    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"price\":1000,");
    assertThat(codec.decode(bytes).price()).isEqualByComparingTo("1000");
  }

  @Test
  void givenATinyPrice_encode_writesThePlainDigits() {
    assertThat(
            new String(codec.encode(event(new BigDecimal("0.00012345"))), StandardCharsets.UTF_8))
        .contains("\"price\":0.00012345,");
  }

  @Test
  void givenFractionalSeconds_timestamp_roundTripsAsIsoUtc() {
    PriceEvent event =
        new PriceEvent(
            Symbol.of("MSFT"),
            BigDecimal.TEN,
            Instant.parse("2024-03-20T10:30:00.123Z"),
            ProviderId.YAHOO,
            ID);

    assertThat(new String(codec.encode(event), StandardCharsets.UTF_8))
        .contains("\"timestamp\":\"2024-03-20T10:30:00.123Z\"");
    assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "price as a string|{\"symbol\":\"AAPL\",\"price\":\"150.25\",\"timestamp\":\"2024-03-20T10:30:00Z\",\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"}|price",
        "negative price|{\"symbol\":\"AAPL\",\"price\":-1,\"timestamp\":\"2024-03-20T10:30:00Z\",\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"}|price",
        "missing price|{\"symbol\":\"AAPL\",\"timestamp\":\"2024-03-20T10:30:00Z\",\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"}|price",
        "bad symbol|{\"symbol\":\"AA PL\",\"price\":1,\"timestamp\":\"2024-03-20T10:30:00Z\",\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"}|symbol",
        "symbol as number|{\"symbol\":42,\"price\":1,\"timestamp\":\"2024-03-20T10:30:00Z\",\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"}|symbol",
        "offset timestamp|{\"symbol\":\"AAPL\",\"price\":1,\"timestamp\":\"2024-03-20T10:30:00+01:00\",\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"}|timestamp",
        "garbage timestamp|{\"symbol\":\"AAPL\",\"price\":1,\"timestamp\":\"yesterdayZ\",\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"}|timestamp",
        "bad source|{\"symbol\":\"AAPL\",\"price\":1,\"timestamp\":\"2024-03-20T10:30:00Z\",\"source\":\"9 lives\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"}|source",
        "short uuid|{\"symbol\":\"AAPL\",\"price\":1,\"timestamp\":\"2024-03-20T10:30:00Z\",\"source\":\"finnhub\",\"raw_response_id\":\"1-1-1-1-1\"}|raw_response_id",
        "unknown field|{\"symbol\":\"AAPL\",\"price\":1,\"timestamp\":\"2024-03-20T10:30:00Z\",\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"volume\":3}|volume",
        "suspect as a string|{\"symbol\":\"AAPL\",\"price\":1,\"timestamp\":\"2024-03-20T10:30:00Z\",\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"suspect\":\"yes\"}|suspect",
        "duplicate field|{\"symbol\":\"AAPL\",\"symbol\":\"MSFT\",\"price\":1,\"timestamp\":\"2024-03-20T10:30:00Z\",\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"}|value",
        "not json|this is not json|value",
        "array|[1,2]|value",
        "truncated|{\"symbol\":\"AAPL\",\"price\":1|value",
        "trailing data|{\"symbol\":\"AAPL\",\"price\":1,\"timestamp\":\"2024-03-20T10:30:00Z\",\"source\":\"finnhub\",\"raw_response_id\":\"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"} {}|value",
      })
  void givenInvalidBytes_decode_failsNamingTheField(String what, String json, String field) {
    assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .as(what)
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @ParameterizedTest
  @CsvSource({
    "-1e999999999, significant digits|greater than 0",
    "1e-999999999, decimals",
    "1e999999999, at most 1000000000000",
    "0.00000000001, decimals",
    "1234567890.1234567891, significant digits",
    "0, greater than 0",
    "1e99999999999, finite decimal",
  })
  void givenAPoisonNumber_decode_rejectsThePriceQuickly_withAShortMessage(
      String price, String reason) {
    byte[] bytes = eventJson(price, "2024-03-20T10:30:00Z").getBytes(StandardCharsets.UTF_8);

    long started = System.nanoTime();
    assertThatThrownBy(() -> codec.decode(bytes, RECEIVED))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e -> {
              assertThat(e.field()).isEqualTo("price");
              assertThat(e.getMessage()).hasSizeLessThan(160).containsPattern(reason);
              assertThat(e.rejectedValue()).hasSizeLessThanOrEqualTo(33);
            });
    // Rendering -1e999999999 in plain digits took 10 s and 2.5 GB; a check takes microseconds.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void givenAPriceOfAThousandDigits_decode_rejectsItBeforeConverting() {
    byte[] bytes = eventJson("1" + "0".repeat(999), "2024-03-20T10:30:00Z").getBytes(UTF_8);

    assertThatThrownBy(() -> codec.decode(bytes, RECEIVED))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e -> {
              assertThat(e.field()).isEqualTo("price");
              assertThat(e.getMessage()).contains("at most 64 characters");
            });
  }

  @ParameterizedTest
  @CsvSource({
    "+300000-01-01T00:00:00Z",
    "+1000000000-01-01T00:00:00Z",
    "2026-11-30T12:05:00.001Z",
    "1969-12-31T23:59:59Z",
    "-000001-01-01T00:00:00Z"
  })
  void givenAQuoteTimeOutsideEpochToReceivedPlusSkew_decode_rejectsTheTimestamp(String time) {
    byte[] bytes = eventJson("150.25", time).getBytes(UTF_8);

    assertThatThrownBy(() -> codec.decode(bytes, RECEIVED))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("timestamp"));
  }

  @Test
  void givenAQuoteTimeWithinTheSkew_decode_acceptsIt() {
    Instant edge = RECEIVED.plus(QuoteTimes.DEFAULT_MAX_FUTURE_SKEW);

    assertThat(codec.decode(eventJson("150.25", edge.toString()).getBytes(UTF_8), RECEIVED))
        .extracting(PriceEvent::timestamp)
        .isEqualTo(edge);
  }

  @Test
  void givenAConfiguredSkew_decode_usesIt() {
    PriceEventCodec strict =
        new PriceEventCodec(new QuoteTimes(Duration.ZERO), Clock.fixed(RECEIVED, ZoneOffset.UTC));
    byte[] late = eventJson("150.25", RECEIVED.plusSeconds(1).toString()).getBytes(UTF_8);
    byte[] onTime = eventJson("150.25", RECEIVED.toString()).getBytes(UTF_8);

    assertThatThrownBy(() -> strict.decode(late)).isInstanceOf(InvalidInput.class);
    assertThat(strict.decode(onTime).timestamp()).isEqualTo(RECEIVED);
  }

  @Test
  void givenARecordTimestamp_decodeRecord_judgesTheQuoteTimeAgainstIt() {
    PriceEventCodec later =
        new PriceEventCodec(
            QuoteTimes.DEFAULT, Clock.fixed(RECEIVED.plus(Duration.ofDays(1)), ZoneOffset.UTC));
    byte[] bytes = eventJson("150.25", RECEIVED.plusSeconds(600).toString()).getBytes(UTF_8);

    // Read a day later, still judged against when it was published: the same verdict every read.
    assertThatThrownBy(() -> later.decodeRecord(bytes, RECEIVED.toEpochMilli()))
        .isInstanceOf(InvalidInput.class);
    assertThat(later.decodeRecord(bytes, RECEIVED.plusSeconds(300).toEpochMilli()).timestamp())
        .isEqualTo(RECEIVED.plusSeconds(600));
  }

  @Test
  void receivedAt_isTheRecordTimestamp_orNowWhenMissingOrInTheFuture() {
    Instant now = RECEIVED;
    assertThat(PriceEventCodec.receivedAt(now.minusSeconds(5).toEpochMilli(), now))
        .isEqualTo(now.minusSeconds(5));
    assertThat(PriceEventCodec.receivedAt(-1, now)).isEqualTo(now);
    assertThat(PriceEventCodec.receivedAt(Long.MAX_VALUE, now)).isEqualTo(now);
  }

  @Test
  void givenBytesThatAreNoTextInTheirApparentEncoding_decode_failsNamingTheValue() {
    // A UTF-32 byte-order mark, then no valid UTF-32 code point.
    byte[] notUtf32 = {0x00, 0x00, (byte) 0xFE, (byte) 0xFF, 0x7F, (byte) 0xFF, (byte) 0xFF, 0x01};

    assertThatThrownBy(() -> codec.decode(notUtf32))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("value"));
  }

  @Test
  void givenATombstone_decode_failsNamingTheValue() {
    assertThatThrownBy(() -> codec.decode(null))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("value"));
  }

  @Test
  void givenAnIntegerPrice_decode_acceptsIt() {
    String json =
        "{\"symbol\":\"AAPL\",\"price\":150,\"timestamp\":\"2024-03-20T10:30:00Z\","
            + "\"source\":\"finnhub\",\"raw_response_id\":\""
            + ID
            + "\"}";

    assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8)).price())
        .isEqualTo(new BigDecimal("150"));
  }

  private static String eventJson(String price, String timestamp) {
    return "{\"symbol\":\"AAPL\",\"price\":"
        + price
        + ",\"timestamp\":\""
        + timestamp
        + "\",\"source\":\"finnhub\",\"raw_response_id\":\""
        + ID
        + "\"}";
  }

  private static PriceEvent event(BigDecimal price) {
    return new PriceEvent(
        Symbol.of("BTC-USD"), price, Instant.parse("2024-03-20T10:30:00Z"), ProviderId.FINNHUB, ID);
  }
}
