package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.model.AverageEvent;
import dev.marketdata.domain.port.AverageEventPublisher;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes changed averages to {@code price-averages}, keyed by symbol like {@code price-events},
 * with the change's event id and the schema version as headers. It sends on the price-event
 * publisher's producer, which closes it.
 */
public final class KafkaAveragePublisher implements AverageEventPublisher {
  private final KafkaPriceEventPublisher producer;
  private final String topic;
  private final AverageEventCodec codec;

  public KafkaAveragePublisher(
      KafkaPriceEventPublisher producer, String topic, AverageEventCodec codec) {
    this.producer = producer;
    this.topic = topic;
    this.codec = codec;
  }

  @Override
  public CompletionStage<Void> publish(List<AverageEvent> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (AverageEvent event : events) {
      KafkaProducerRecord<String, byte[]> record =
          KafkaProducerRecord.create(
              topic, event.average().symbol().value(), codec.encode(event.average()));
      record.addHeader(PriceEventCodec.EVENT_ID_HEADER, event.eventId().toString());
      record.addHeader(PriceEventCodec.SCHEMA_VERSION_HEADER, AverageEventCodec.SCHEMA_VERSION);
      records.add(record);
    }
    return producer.send(records, "averages").toCompletionStage();
  }
}
