package dev.marketdata.adapter.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records the consumer cannot use to the dead-letter topic, unchanged, with why and where
 * they came from in headers, so the partition behind them keeps flowing.
 */
public final class DeadLetterPublisher {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

  public static final String ERROR_HEADER = "error";
  public static final String ORIGINAL_TOPIC_HEADER = "original_topic";
  public static final String ORIGINAL_PARTITION_HEADER = "original_partition";
  public static final String ORIGINAL_OFFSET_HEADER = "original_offset";

  /** Enough to say what was wrong; the record itself travels unchanged as the letter's value. */
  static final int MAX_ERROR_LENGTH = 1000;

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  DeadLetterPublisher(KafkaProducer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
    // A failed send fails its future, which fails the consumer's batch; don't log it twice.
    producer.exceptionHandler(e -> log.debug("Dead-letter producer reported: {}", e.toString()));
  }

  public static DeadLetterPublisher create(Vertx vertx, KafkaSettings settings) {
    KafkaProducer<byte[], byte[]> producer =
        KafkaProducer.create(
            vertx,
            settings.producerConfig("dead-letters"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    return new DeadLetterPublisher(producer, settings.deadLetterTopic());
  }

  /** Completes once the broker acknowledged the dead letter. */
  public Future<Void> send(KafkaConsumerRecord<byte[], byte[]> original, Throwable error) {
    KafkaProducerRecord<byte[], byte[]> letter =
        KafkaProducerRecord.create(topic, original.key(), original.value());
    letter.addHeaders(original.headers());
    letter.addHeader(KafkaHeader.header(ERROR_HEADER, errorText(error)));
    letter.addHeader(KafkaHeader.header(ORIGINAL_TOPIC_HEADER, original.topic()));
    letter.addHeader(
        KafkaHeader.header(ORIGINAL_PARTITION_HEADER, String.valueOf(original.partition())));
    letter.addHeader(KafkaHeader.header(ORIGINAL_OFFSET_HEADER, String.valueOf(original.offset())));
    return producer.send(letter).mapEmpty();
  }

  static String errorText(Throwable error) {
    String text = String.valueOf(error.getMessage());
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
  }

  public Future<Void> close() {
    return producer.close();
  }
}
