package dev.marketdata.adapter.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.Prices;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.QuoteTimes;
import dev.marketdata.domain.model.Required;
import dev.marketdata.domain.model.Symbol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code price-events} wire format, schema version 1: {@code
 * {"symbol":"AAPL","price":150.25,"timestamp":"2024-03-20T10:30:00Z","source":"finnhub","raw_response_id":"..."}}.
 * Prices travel as JSON numbers written from the exact decimal (never through a double). Decoding
 * is strict: exactly these five fields with these types, a price within {@link Prices}' bound and a
 * quote time {@link QuoteTimes} believes, or an {@link InvalidInput} naming the field; a new field
 * would come with a new schema version. One optional field is the exception (ADR 0014): {@code
 * "suspect": true} marks a price the outlier rule flagged; it is written only when true, and absent
 * means false, so every event of a price that is not suspect is byte for byte what it was. A
 * consumer from before it dead-letters a suspect event, which keeps it out of averages as well.
 */
public final class PriceEventCodec {
  public static final String EVENT_ID_HEADER = "event_id";
  public static final String SCHEMA_VERSION_HEADER = "schema_version";
  public static final String SCHEMA_VERSION = "1";

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final QuoteTimes quoteTimes;
  private final Clock clock;

  /** With the default 5-minute allowance for quote times ahead of the time received. */
  public PriceEventCodec() {
    this(QuoteTimes.DEFAULT, Clock.systemUTC());
  }

  public PriceEventCodec(QuoteTimes quoteTimes, Clock clock) {
    this.quoteTimes = Required.field("quoteTimes", quoteTimes);
    this.clock = Required.field("clock", clock);
  }

  public byte[] encode(PriceEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("symbol", event.symbol().value());
      json.writeFieldName("price");
      json.writeNumber(event.price());
      json.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(event.timestamp()));
      json.writeStringField("source", event.source().value());
      json.writeStringField("raw_response_id", event.rawResponseId().toString());
      if (event.suspect()) {
        json.writeBooleanField("suspect", true);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode price event " + event.rawResponseId(), e);
    }
    return out.toByteArray();
  }

  /** Reads one event received now, or fails with an {@link InvalidInput} naming what is wrong. */
  public PriceEvent decode(byte[] value) {
    return decode(value, clock.instant());
  }

  /**
   * Reads one record's event. The quote time is checked against the record's timestamp (when the
   * event was published), or against now when that timestamp is missing ({@code < 0}) or later than
   * now: so a record is judged the same on every read and by every consumer group, and a producer
   * cannot buy a later limit with a timestamp from the future.
   */
  public PriceEvent decodeRecord(byte[] value, long recordTimestampMillis) {
    return decode(value, receivedAt(recordTimestampMillis, clock.instant()));
  }

  static Instant receivedAt(long recordTimestampMillis, Instant now) {
    if (recordTimestampMillis < 0) {
      return now;
    }
    Instant stamped = Instant.ofEpochMilli(recordTimestampMillis);
    return stamped.isBefore(now) ? stamped : now;
  }

  /**
   * Reads one event received at {@code receivedAt}, or fails with an {@link InvalidInput} naming
   * what is wrong.
   */
  public PriceEvent decode(byte[] value, Instant receivedAt) {
    if (value == null) {
      throw new InvalidInput("value", null, "is required: an empty record is not a price event");
    }
    try (JsonParser json = JSON.createParser(value)) {
      return read(json, receivedAt);
    } catch (JsonProcessingException e) {
      throw new InvalidInput(
          "value",
          new String(value, StandardCharsets.UTF_8),
          "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      // Reading from memory, so this is about the bytes, not I/O: Jackson reports bytes that are
      // no text in the encoding it detected (a UTF-32 byte-order mark, then no valid code point)
      // as a CharConversionException, which is not a JsonProcessingException.
      throw new InvalidInput(
          "value",
          new String(value, StandardCharsets.UTF_8),
          "is not valid JSON text: " + e.getMessage());
    }
  }

  private PriceEvent read(JsonParser json, Instant receivedAt) throws IOException {
    if (json.nextToken() != JsonToken.START_OBJECT) {
      throw new InvalidInput("value", json.getText(), "must be a JSON object");
    }
    String symbol = null;
    BigDecimal price = null;
    String timestamp = null;
    String source = null;
    String rawResponseId = null;
    boolean suspect = false;
    for (JsonToken token = json.nextToken();
        token != JsonToken.END_OBJECT;
        token = json.nextToken()) {
      String field = json.currentName();
      JsonToken valueToken = json.nextToken();
      switch (field) {
        case "symbol" -> symbol = text(json, field, valueToken);
        case "price" -> price = number(json, field, valueToken);
        case "timestamp" -> timestamp = text(json, field, valueToken);
        case "source" -> source = text(json, field, valueToken);
        case "raw_response_id" -> rawResponseId = text(json, field, valueToken);
        case "suspect" -> suspect = bool(json, field, valueToken);
        default ->
            throw new InvalidInput(
                field,
                null,
                "is not a field of price events (schema version " + SCHEMA_VERSION + ")");
      }
    }
    if (json.nextToken() != null) {
      throw new InvalidInput(
          "value", json.getText(), "must hold one JSON object and nothing after");
    }
    Instant quoteTime =
        convert("timestamp", required("timestamp", timestamp), PriceEventCodec::instant);
    return new PriceEvent(
        convert("symbol", required("symbol", symbol), Symbol::of),
        required("price", price),
        quoteTimes.check("timestamp", quoteTime, receivedAt),
        convert("source", required("source", source), ProviderId::of),
        convert(
            "raw_response_id", required("raw_response_id", rawResponseId), PriceEventCodec::uuid),
        suspect);
  }

  private static boolean bool(JsonParser json, String field, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw new InvalidInput(field, json.getText(), "must be a JSON boolean");
    }
    return token == JsonToken.VALUE_TRUE;
  }

  private static String text(JsonParser json, String field, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw new InvalidInput(field, json.getText(), "must be a JSON string");
    }
    return json.getText();
  }

  private static BigDecimal number(JsonParser json, String field, JsonToken token)
      throws IOException {
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new InvalidInput(field, json.getText(), "must be a JSON number");
    }
    // From the text as written, so 0.00012345 stays exactly that; its length is checked before
    // any conversion and its digits and scale before any arithmetic (1e-999999999 is 12 chars).
    return Prices.parse(field, json.getText());
  }

  private static <T> T required(String field, T value) {
    if (value == null) {
      throw new InvalidInput(field, null, "is required");
    }
    return value;
  }

  private static <T> T convert(String field, String text, Function<String, T> parse) {
    try {
      return parse.apply(text);
    } catch (InvalidInput e) {
      // Report the wire field name (source, not provider) so the dead letter explains itself.
      throw new InvalidInput(field, e.rejectedValue(), e.reason());
    }
  }

  private static Instant instant(String text) {
    if (!text.endsWith("Z")) {
      throw new InvalidInput("timestamp", text, "must be an ISO-8601 UTC instant ending in Z");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidInput(
          "timestamp", text, "must be an ISO-8601 UTC instant such as 2024-03-20T10:30:00Z");
    }
  }

  private static UUID uuid(String text) {
    if (!UUID_TEXT.matcher(text).matches()) {
      throw new InvalidInput("raw_response_id", text, "must be a UUID in 8-4-4-4-12 hex form");
    }
    return UUID.fromString(text);
  }
}
