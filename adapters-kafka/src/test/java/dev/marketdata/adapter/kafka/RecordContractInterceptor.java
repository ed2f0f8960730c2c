package dev.marketdata.adapter.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Installed by the ITs in the service's producers ({@code interceptor.classes}): checks every
 * record the service sends against {@code docs/asyncapi.yaml} ({@link RecordContract}). Kafka logs
 * and swallows what an interceptor throws, so mismatches are collected here and {@link
 * RecordContractExtension} fails the test that produced them.
 *
 * <p>The service passes its client properties to producer and consumer alike, so this is also a
 * consumer interceptor, one that lets records through untouched.
 */
public final class RecordContractInterceptor
    implements ProducerInterceptor<Object, Object>, ConsumerInterceptor<Object, Object> {
  /** The property that installs it, for {@link KafkaClientProperties#of}. */
  public static final Map<String, String> PROPERTIES =
      Map.of("interceptor.classes", RecordContractInterceptor.class.getName());

  private static final List<String> VIOLATIONS = new ArrayList<>();
  private static long checked;

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), header.value());
    }
    List<String> problems =
        RecordContract.document()
            .violations(record.topic(), bytes(record.key()), headers, bytes(record.value()));
    synchronized (VIOLATIONS) {
      checked++;
      VIOLATIONS.addAll(problems);
    }
    return record;
  }

  private static byte[] bytes(Object value) {
    if (value == null || value instanceof byte[]) {
      return (byte[]) value;
    }
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The mismatches seen since the last call, which clears them. */
  public static List<String> takeViolations() {
    synchronized (VIOLATIONS) {
      List<String> taken = List.copyOf(VIOLATIONS);
      VIOLATIONS.clear();
      return taken;
    }
  }

  /** Records checked so far in this JVM. */
  public static long checked() {
    synchronized (VIOLATIONS) {
      return checked;
    }
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
    return records;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
