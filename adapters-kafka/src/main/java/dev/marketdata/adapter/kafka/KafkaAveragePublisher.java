package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.model.AverageEvent;
import dev.marketdata.domain.model.AverageOutboxEntry;
import dev.marketdata.domain.port.AverageEventPublisher;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes changed averages to {@code price-averages}, keyed by symbol like {@code price-events},
 * with the change's event id and the schema version as headers, and the W3C trace context ({@code
 * traceparent}, {@code tracestate}) of an entry stored with one. It sends on the price-event
 * publisher's producer, which closes it.
 */
public final class KafkaAveragePublisher implements AverageEventPublisher {
  private final KafkaPriceEventPublisher producer;
  private final String topic;
  private final AverageEventCodec codec;
  private final Tracer tracer;

  /** Untraced. */
  public KafkaAveragePublisher(
      KafkaPriceEventPublisher producer, String topic, AverageEventCodec codec) {
    this(producer, topic, codec, OpenTelemetry.noop().getTracer("market-data-service"));
  }

  public KafkaAveragePublisher(
      KafkaPriceEventPublisher producer, String topic, AverageEventCodec codec, Tracer tracer) {
    this.producer = producer;
    this.topic = topic;
    this.codec = codec;
    this.tracer = tracer;
  }

  @Override
  public CompletionStage<Void> publish(List<AverageEvent> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (AverageEvent event : events) {
      records.add(record(event));
    }
    return producer.send(records, "averages").toCompletionStage();
  }

  /**
   * Publishes each entry with the trace context it was stored with (the consumer's {@code average
   * commit} of the price that changed it), as {@link KafkaPriceEventPublisher#publishStored} does
   * for prices: a {@code price-averages publish} span, a child of that context and ended when the
   * broker answered, whose context goes out as the headers. An untraced entry goes out without
   * them; with tracing off the stored context is passed on as it is.
   */
  @Override
  public CompletionStage<Void> publishStored(List<AverageOutboxEntry> entries) {
    if (entries.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(entries.size());
    PublishSpans spans = new PublishSpans(tracer, topic);
    for (AverageOutboxEntry entry : entries) {
      KafkaProducerRecord<String, byte[]> record = record(entry.event());
      spans.start(record, entry.trace(), entry.event().eventId().toString());
      records.add(record);
    }
    Future<Void> sent = spans.endWhen(producer.send(records, "averages"));
    return sent.toCompletionStage();
  }

  private KafkaProducerRecord<String, byte[]> record(AverageEvent event) {
    KafkaProducerRecord<String, byte[]> record =
        KafkaProducerRecord.create(
            topic, event.average().symbol().value(), codec.encode(event.average()));
    record.addHeader(PriceEventCodec.EVENT_ID_HEADER, event.eventId().toString());
    record.addHeader(PriceEventCodec.SCHEMA_VERSION_HEADER, AverageEventCodec.SCHEMA_VERSION);
    return record;
  }
}
