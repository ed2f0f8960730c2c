package dev.marketdata.adapter.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.marketdata.domain.model.MovingAverage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code price-averages} wire format, schema version 1: the REST API's moving-average body,
 * {@code
 * {"symbol":"AAPL","provider":"finnhub","window_size":5,"value":150.25,"sample_count":5,"timestamp":"2024-03-20T10:30:00Z"}},
 * with the value a JSON number written from the exact decimal and the timestamp (the newest price's
 * quote time) as {@code Instant.toString()} writes it.
 */
public final class AverageEventCodec {
  public static final String SCHEMA_VERSION = "1";

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  public byte[] encode(MovingAverage average) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("symbol", average.symbol().value());
      json.writeStringField("provider", average.provider().value());
      json.writeNumberField("window_size", average.windowSize());
      json.writeFieldName("value");
      json.writeNumber(average.value());
      json.writeNumberField("sample_count", average.sampleCount());
      json.writeStringField("timestamp", average.asOf().toString());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the average of " + average.symbol(), e);
    }
    return out.toByteArray();
  }
}
