package dev.marketdata.adapter.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.marketdata.domain.model.Bar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The {@code price-bars} wire format, schema version 1 (ADR 0013): a bar of {@code GET
 * /prices/bars} with its series, {@code
 * {"symbol":"AAPL","provider":"simulated","interval":"1m","start":"2026-03-09T14:30:00Z","end":"2026-03-09T14:31:00Z","open":150.1,"high":150.4,"low":150.0,"close":150.2,"count":60,"complete":true,"source":"prices"}},
 * prices as JSON numbers written from the exact decimals, times as {@code Instant.toString()}.
 */
public final class BarEventCodec {
  public static final String SCHEMA_VERSION = "1";

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  public byte[] encode(Bar bar) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("symbol", bar.symbol().value());
      json.writeStringField("provider", bar.provider().value());
      json.writeStringField("interval", bar.interval().label());
      json.writeStringField("start", bar.start().toString());
      json.writeStringField("end", bar.end().toString());
      number(json, "open", bar.open());
      number(json, "high", bar.high());
      number(json, "low", bar.low());
      number(json, "close", bar.close());
      json.writeNumberField("count", bar.count());
      json.writeBooleanField("complete", bar.complete());
      json.writeStringField("source", bar.source().label());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the bar of " + bar.symbol(), e);
    }
    return out.toByteArray();
  }

  private static void number(JsonGenerator json, String name, BigDecimal value) throws IOException {
    json.writeFieldName(name);
    json.writeNumber(value);
  }
}
