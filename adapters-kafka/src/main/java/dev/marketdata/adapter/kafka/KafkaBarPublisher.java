package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.model.BarEvent;
import dev.marketdata.domain.port.BarEventPublisher;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes completed bars to {@code price-bars}, keyed by symbol like {@code price-events}, with
 * the close's event id and the schema version as headers (ADR 0013). It sends on the price-event
 * publisher's producer, which closes it.
 */
public final class KafkaBarPublisher implements BarEventPublisher {
  private final KafkaPriceEventPublisher producer;
  private final String topic;
  private final BarEventCodec codec;

  public KafkaBarPublisher(KafkaPriceEventPublisher producer, String topic, BarEventCodec codec) {
    this.producer = producer;
    this.topic = topic;
    this.codec = codec;
  }

  @Override
  public CompletionStage<Void> publish(List<BarEvent> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (BarEvent event : events) {
      KafkaProducerRecord<String, byte[]> record =
          KafkaProducerRecord.create(
              topic, event.bar().symbol().value(), codec.encode(event.bar()));
      record.addHeader(PriceEventCodec.EVENT_ID_HEADER, event.eventId().toString());
      record.addHeader(PriceEventCodec.SCHEMA_VERSION_HEADER, BarEventCodec.SCHEMA_VERSION);
      records.add(record);
    }
    return producer.send(records, "bars").toCompletionStage();
  }
}
