package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.port.PriceEventPublisher;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes price events to {@code price-events}, keyed by symbol so one symbol's events stay in
 * order on one partition, with the event id and schema version as headers, and the W3C trace
 * context ({@code traceparent}, {@code tracestate}) of an entry stored with one.
 */
public final class KafkaPriceEventPublisher implements PriceEventPublisher, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaPriceEventPublisher.class);

  private final Vertx vertx;
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final PriceEventCodec codec;
  private final Tracer tracer;

  public KafkaPriceEventPublisher(
      Vertx vertx, KafkaProducer<String, byte[]> producer, String topic, PriceEventCodec codec) {
    this(vertx, producer, topic, codec, OpenTelemetry.noop().getTracer("market-data-service"));
  }

  public KafkaPriceEventPublisher(
      Vertx vertx,
      KafkaProducer<String, byte[]> producer,
      String topic,
      PriceEventCodec codec,
      Tracer tracer) {
    this.tracer = tracer;
    this.vertx = vertx;
    this.producer = producer;
    this.topic = topic;
    this.codec = codec;
    // Each failed send also fails its own future, which publish() reports; without a handler
    // Vert.x would log every one of them again as unhandled.
    producer.exceptionHandler(e -> log.debug("Kafka producer reported: {}", e.toString()));
  }

  /** Untraced. */
  public static KafkaPriceEventPublisher create(
      Vertx vertx, KafkaSettings settings, PriceEventCodec codec) {
    return create(vertx, settings, codec, OpenTelemetry.noop().getTracer("market-data-service"));
  }

  public static KafkaPriceEventPublisher create(
      Vertx vertx, KafkaSettings settings, PriceEventCodec codec, Tracer tracer) {
    KafkaProducer<String, byte[]> producer =
        KafkaProducer.create(vertx, settings.producerConfig("publisher"));
    return new KafkaPriceEventPublisher(vertx, producer, settings.topic(), codec, tracer);
  }

  /**
   * Publishes each entry with the trace context it was stored with: a {@code price-events publish}
   * span (a child of the stored context, ended when the broker answered) whose context goes out as
   * the {@code traceparent}/{@code tracestate} headers, so the consumer's span is its child. An
   * untraced entry goes out without them. With tracing off the stored context is passed on as it is
   * (a no-op tracer's span is its parent's), so consumers still join the producer's trace.
   */
  @Override
  public CompletionStage<Void> publishStored(List<OutboxEntry> entries) {
    if (entries.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(entries.size());
    PublishSpans spans = new PublishSpans(tracer, topic);
    for (OutboxEntry entry : entries) {
      KafkaProducerRecord<String, byte[]> record = record(entry.event());
      spans.start(record, entry.trace(), entry.event().eventId().toString());
      records.add(record);
    }
    Future<Void> sent = spans.endWhen(send(records, "price events"));
    return sent.toCompletionStage();
  }

  @Override
  public CompletionStage<Void> publish(List<PriceEvent> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (PriceEvent event : events) {
      records.add(record(event));
    }
    return send(records, "price events").toCompletionStage();
  }

  /**
   * Sends records on this publisher's producer (also {@link KafkaAveragePublisher}'s, so a process
   * has one producer); succeeds only when the broker acknowledged every one.
   */
  Future<Void> send(List<KafkaProducerRecord<String, byte[]>> records, String what) {
    // KafkaProducer.send blocks while the topic's metadata is unknown (broker down at start-up) or
    // the buffer is full, for up to max.block.ms: keep that off the event loop. Ordered, so one
    // batch is handed over after the other and per-symbol order holds.
    return vertx
        .executeBlocking(() -> sendAll(records), true)
        .compose(
            sends -> Future.join(sends).transform(done -> outcome(sends, records.size(), what)));
  }

  private List<Future<RecordMetadata>> sendAll(List<KafkaProducerRecord<String, byte[]>> records) {
    List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
    for (KafkaProducerRecord<String, byte[]> record : records) {
      Future<RecordMetadata> send = producer.send(record);
      sends.add(send);
      if (send.failed()) {
        // Failed before reaching the network (no metadata within max.block.ms: broker down at
        // start-up). The rest would each wait as long; the whole batch is retried later anyway.
        break;
      }
    }
    return sends;
  }

  /** Succeeds only when every record was acknowledged; otherwise says how many were not. */
  private static Future<Void> outcome(List<Future<RecordMetadata>> sends, int total, String what) {
    Throwable first = null;
    int failed = total - sends.size(); // never handed to the producer
    for (Future<RecordMetadata> send : sends) {
      if (send.failed()) {
        failed++;
        if (first == null) {
          first = send.cause();
        }
      }
    }
    if (failed == 0) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(
        new DependencyUnavailable(
            "kafka",
            "broker did not acknowledge "
                + failed
                + " of "
                + total
                + " "
                + what
                + ": "
                + first.getMessage(),
            first));
  }

  private KafkaProducerRecord<String, byte[]> record(PriceEvent event) {
    KafkaProducerRecord<String, byte[]> record =
        KafkaProducerRecord.create(topic, event.symbol().value(), codec.encode(event));
    record.addHeader(PriceEventCodec.EVENT_ID_HEADER, event.eventId().toString());
    record.addHeader(PriceEventCodec.SCHEMA_VERSION_HEADER, PriceEventCodec.SCHEMA_VERSION);
    return record;
  }

  /** The Kafka client underneath, for its own metrics (the service binds them to /metrics). */
  public org.apache.kafka.clients.producer.Producer<String, byte[]> client() {
    return producer.unwrap();
  }

  /** Flushes what is buffered and closes the producer. */
  public Future<Void> closeAsync() {
    return producer.close();
  }

  @Override
  public void close() {
    producer.close();
  }
}
