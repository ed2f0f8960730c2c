package dev.marketdata.devservices.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class EmbeddedKafkaIT {

  @Test
  void givenATopic_producedRecords_areConsumedByAPlainConsumer(TestKafka kafka) throws Exception {
    String topic = kafka.createTopic("round-trip", 2);

    produce(kafka, topic, List.of("a", "b", "c"));

    assertThat(consumeValues(kafka, topic, 3)).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void givenStoredRecords_stopAndRestart_keepsThemAndTheAddress(TestKafka kafka) throws Exception {
    String topic = kafka.createTopic("restart", 1);
    String before = kafka.bootstrapServers();
    produce(kafka, topic, List.of("before-stop"));

    kafka.stopBroker();
    kafka.startBroker();

    assertThat(kafka.bootstrapServers()).isEqualTo(before);
    produce(kafka, topic, List.of("after-restart"));
    assertThat(consumeValues(kafka, topic, 2)).containsExactly("before-stop", "after-restart");
  }

  @Test
  void givenAStoppedBroker_bootstrapServers_refusesConnections(TestKafka kafka) throws Exception {
    kafka.stopBroker();
    try {
      String[] hostPort = kafka.bootstrapServers().split(":");
      boolean connected;
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(
            new java.net.InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 2_000);
        connected = true;
      } catch (java.io.IOException expected) {
        connected = false;
      }
      assertThat(connected).as("nothing listens while the broker is stopped").isFalse();
    } finally {
      kafka.startBroker();
    }
  }

  private static void produce(TestKafka kafka, String topic, List<String> values) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static List<String> consumeValues(TestKafka kafka, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, kafka.uniqueTopicName("reader"),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    Instant deadline = Instant.now().plusSeconds(60);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      while (values.size() < expected && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
