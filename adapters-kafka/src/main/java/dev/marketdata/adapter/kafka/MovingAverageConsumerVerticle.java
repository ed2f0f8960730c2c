package dev.marketdata.adapter.kafka;

import dev.marketdata.application.average.ApplyPriceEventsUseCase;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.vertx.RepeatingTask;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code price-events} as group {@code ma-consumer} and folds each poll batch into the
 * moving averages with one call of the use case (one database round trip), committing offsets only
 * after that call succeeded. Unusable records go to the dead-letter topic; the rest of their
 * partition is still applied.
 *
 * <p>It drives the consumer with explicit {@code poll(Duration)} calls rather than a batch handler:
 * the next poll is issued only after the previous batch was applied and committed, so there is
 * never a second batch in flight, per-partition order holds without pause/resume bookkeeping, and a
 * failed batch is simply re-read by seeking each partition back to the batch's first offset before
 * polling again (at-least-once; the use case makes duplicates harmless). Rebalances only happen
 * inside poll, so partitions cannot be revoked in the middle of a batch.
 *
 * <p>A record with a {@code traceparent} header gets a {@code price-events process} span, a child
 * of the relay's publish span, covering the window update and the average commit of its batch, with
 * an {@code average commit} child for the averages transaction, current while it runs ({@link
 * ConsumeSpans}).
 */
public final class MovingAverageConsumerVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(MovingAverageConsumerVerticle.class);

  private final KafkaSettings settings;
  private final ApplyPriceEventsUseCase applyEvents;
  private final PriceEventCodec codec;
  private final RepeatingTask loop;
  private final ConsumeSpans spans;
  private final ConsumerObserver observer;
  private AutoCloseable observation = () -> {};
  private KafkaConsumer<byte[], byte[]> consumer;
  private DeadLetterPublisher deadLetters;

  public MovingAverageConsumerVerticle(
      KafkaSettings settings,
      ApplyPriceEventsUseCase applyEvents,
      PriceEventCodec codec,
      Backoff backoff) {
    this(
        settings,
        applyEvents,
        codec,
        backoff,
        OpenTelemetry.noop().getTracer("market-data-service"),
        ConsumerObserver.NONE);
  }

  /** Untraced, observed by {@code observer}. */
  public MovingAverageConsumerVerticle(
      KafkaSettings settings,
      ApplyPriceEventsUseCase applyEvents,
      PriceEventCodec codec,
      Backoff backoff,
      ConsumerObserver observer) {
    this(
        settings,
        applyEvents,
        codec,
        backoff,
        OpenTelemetry.noop().getTracer("market-data-service"),
        observer);
  }

  /**
   * {@code observer} sees the Kafka client at each start and each acknowledged dead letter (the
   * service's Kafka consumer metrics and {@code mds_dead_letters_total}, which the DLQ alert
   * watches).
   */
  public MovingAverageConsumerVerticle(
      KafkaSettings settings,
      ApplyPriceEventsUseCase applyEvents,
      PriceEventCodec codec,
      Backoff backoff,
      Tracer tracer,
      ConsumerObserver observer) {
    this.spans = new ConsumeSpans(tracer, settings.topic());
    this.observer = observer;
    this.settings = settings;
    this.applyEvents = applyEvents;
    this.codec = codec;
    // A failed batch is re-read (see rewind) after the backoff; each failure is logged.
    this.loop =
        new RepeatingTask("moving-average batch", this::pollOnce, backoff::delayMillis, 1, log);
  }

  @Override
  public Future<?> start() {
    consumer =
        KafkaConsumer.create(
            vertx,
            settings.consumerConfig(),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    consumer.exceptionHandler(e -> log.warn("Kafka consumer reported: {}", e.toString()));
    observation = observer.clientStarted(consumer.unwrap());
    deadLetters = DeadLetterPublisher.create(vertx, settings);
    return consumer.subscribe(settings.topic()).onSuccess(v -> loop.start(context));
  }

  /** Finishes the batch in flight (applied and committed) and leaves the group. */
  @Override
  public Future<?> stop() {
    return loop.stop()
        .eventually(this::endObservation)
        .eventually(() -> consumer == null ? Future.succeededFuture() : consumer.close())
        .eventually(() -> deadLetters == null ? Future.succeededFuture() : deadLetters.close());
  }

  private Future<Void> endObservation() {
    try {
      observation.close();
    } catch (Exception e) {
      log.debug("consumer observation did not close: {}", e.toString());
    }
    return Future.succeededFuture();
  }

  /** One poll and its batch applied and committed; the next poll follows at once. */
  private Future<Long> pollOnce() {
    return consumer
        .poll(settings.pollTimeout())
        .compose(records -> loop.stopping() ? Future.succeededFuture() : process(records))
        .map(0L);
  }

  private Future<Void> process(KafkaConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    List<PriceEvent> events = new ArrayList<>(records.size());
    List<Future<Void>> letters = new ArrayList<>();
    Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();
    Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
    ConsumeSpans.Batch traced = spans.batch();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<byte[], byte[]> record = records.recordAt(i);
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      firstOffsets.putIfAbsent(partition, record.offset());
      commits.put(partition, new OffsetAndMetadata(record.offset() + 1, ""));
      try {
        PriceEvent event = codec.decodeRecord(record.value(), record.timestamp());
        events.add(event);
        traced.received(record.headers(), event);
      } catch (RuntimeException e) {
        // Decoding depends on the bytes alone, so any failure would recur on every read: the
        // record is dead-lettered. Letting it escape would fail the batch without the rewind
        // below, and the next poll would silently skip the batch's records.
        log.warn(
            "Dead-lettering record topic={} partition={} offset={}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage());
        letters.add(deadLetters.send(record, e).onSuccess(v -> observer.deadLettered()));
      }
    }
    return Future.join(letters)
        .compose(
            v ->
                traced.commit(
                    context,
                    traces ->
                        Future.fromCompletionStage(applyEvents.apply(events, traces), context)))
        .compose(applied -> consumer.commit(commits))
        .<Void>mapEmpty()
        .onComplete(traced::end)
        .recover(err -> rewind(firstOffsets).transform(ignored -> Future.failedFuture(err)));
  }

  /** Puts each partition back at the failed batch's first record so the next poll re-reads it. */
  private Future<Void> rewind(Map<TopicPartition, Long> firstOffsets) {
    List<Future<Void>> seeks = new ArrayList<>(firstOffsets.size());
    firstOffsets.forEach(
        (partition, offset) ->
            seeks.add(
                consumer
                    .seek(partition, offset)
                    .onFailure(
                        e ->
                            // A partition revoked meanwhile is re-read by its new owner from the
                            // last commit, so nothing is skipped.
                            log.info(
                                "Cannot rewind {}-{} to {}: {}",
                                partition.getTopic(),
                                partition.getPartition(),
                                offset,
                                e.toString()))));
    return Future.join(seeks).mapEmpty();
  }
}
