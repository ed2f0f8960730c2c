package dev.marketdata.bench;

import dev.marketdata.adapter.kafka.PriceEventCodec;
import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline ceiling: the same price-event records (same codec, same key, same producer guarantees:
 * acks=all, idempotent) produced and consumed with plain kafka-clients against the same embedded
 * KRaft broker, with no service in between. Producer and consumer run at once; the figure is
 * records consumed per second from the first send to the last record read.
 */
final class KafkaCeiling {
  private static final Logger log = LoggerFactory.getLogger(KafkaCeiling.class);
  private static final String TOPIC = "price-events-ceiling";

  private KafkaCeiling() {}

  static JsonObject run(int records) throws Exception {
    List<byte[]> values = encodedEvents(Math.min(records, 10_000));
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      String servers = kafka.bootstrapServers();
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
        admin
            .createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      AtomicLong consumed = new AtomicLong();
      CountDownLatch positioned = new CountDownLatch(1);
      Thread consumer =
          new Thread(() -> consume(servers, records, consumed, positioned), "ceiling-consumer");
      consumer.start();
      if (!positioned.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("ceiling consumer not positioned within 60 s");
      }
      long start = System.nanoTime();
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(servers))) {
        for (int i = 0; i < records; i++) {
          producer.send(
              new ProducerRecord<>(TOPIC, "S" + (i % 1000), values.get(i % values.size())));
        }
        producer.flush();
      }
      double produceSeconds = (System.nanoTime() - start) / 1e9;
      consumer.join(120_000);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (consumed.get() < records) {
        throw new IllegalStateException("consumed " + consumed.get() + " of " + records);
      }
      JsonObject r =
          new JsonObject()
              .put("records", records)
              .put("record_bytes", values.get(0).length)
              .put("produce_per_second", Report.round(records / produceSeconds))
              .put("produce_and_consume_per_second", Report.round(records / seconds));
      log.info("Kafka ceiling {}", r.encode());
      return r;
    }
  }

  private static void consume(
      String servers, int records, AtomicLong consumed, CountDownLatch positioned) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "ceiling-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    PriceEventCodec codec = new PriceEventCodec();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      // Assigned, not subscribed: the clock should not include the group's join delay.
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC).stream()
              .map(info -> new TopicPartition(TOPIC, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      partitions.forEach(consumer::position);
      positioned.countDown();
      while (consumed.get() < records && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        batch.forEach(record -> codec.decode(record.value())); // the service decodes each one
        consumed.addAndGet(batch.count());
        if (!batch.isEmpty()) {
          consumer.commitSync(); // the service commits after every batch
        }
      }
    }
  }

  private static Properties producerProps(String servers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  static List<byte[]> encodedEvents(int n) {
    PriceEventCodec codec = new PriceEventCodec();
    Instant t0 = Instant.parse("2024-03-20T10:30:00Z");
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(
            i ->
                codec.encode(
                    new PriceEvent(
                        Symbol.of("S" + (i % 1000)),
                        new BigDecimal("150.25").add(BigDecimal.valueOf(i % 100, 2)),
                        t0.plusMillis(i),
                        ProviderId.SIMULATED,
                        UUID.randomUUID())))
        .toList();
  }
}
