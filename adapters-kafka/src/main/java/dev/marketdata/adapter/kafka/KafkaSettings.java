package dev.marketdata.adapter.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Where the broker is and how our clients talk to it; the one place producer, consumer and admin
 * properties are derived from.
 *
 * @param deliveryTimeout how long the producer keeps trying one record before the send fails
 * @param requestTimeout how long one request to the broker may take
 * @param maxBlock how long {@code send} may wait for topic metadata or buffer space
 * @param clientProperties the operator's additions (TLS, SASL, tuning), under the service's own
 */
public record KafkaSettings(
    String bootstrapServers,
    String clientId,
    String groupId,
    String topic,
    String deadLetterTopic,
    int partitions,
    short replicationFactor,
    Duration deliveryTimeout,
    Duration requestTimeout,
    Duration maxBlock,
    int maxPollRecords,
    Duration pollTimeout,
    KafkaClientProperties clientProperties) {

  public static final String DEFAULT_TOPIC = "price-events";
  public static final String DEFAULT_GROUP = "ma-consumer";
  public static final String AVERAGES_TOPIC = "price-averages";
  public static final String BARS_TOPIC = "price-bars";
  private static final Duration LINGER = Duration.ofMillis(5);

  /**
   * Producer defaults an operator may override ({@code MDS_KAFKA_CLIENT_*}). A relay step hands the
   * producer up to 2,000 events (about 500 KB); with Kafka's 16 KB batches that was about ten
   * produce requests a step, answered one after another, and the embedded broker flushes its log at
   * every append: at 20,000 symbols the relay spent most of a step waiting for those flushes.
   * Batches of 256 KB make it one or two requests (three partitions' batches stay under the 1 MB
   * request limit); the relay published about twice as many events a second.
   */
  static final Map<String, String> TUNABLE_PRODUCER_DEFAULTS =
      Map.of(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));

  public KafkaSettings {
    requireText("kafka.bootstrapServers", bootstrapServers);
    requireText("kafka.clientId", clientId);
    requireText("kafka.groupId", groupId);
    requireText("kafka.topic", topic);
    requireText("kafka.deadLetterTopic", deadLetterTopic);
    if (partitions < 1) {
      throw new IllegalArgumentException("kafka.partitions must be at least 1, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "kafka.replicationFactor must be at least 1, was " + replicationFactor);
    }
    if (maxPollRecords < 1) {
      throw new IllegalArgumentException(
          "kafka.maxPollRecords must be at least 1, was " + maxPollRecords);
    }
    requirePositive("kafka.requestTimeout", requestTimeout);
    requirePositive("kafka.maxBlock", maxBlock);
    requirePositive("kafka.pollTimeout", pollTimeout);
    if (clientProperties == null) {
      throw new IllegalArgumentException("kafka.clientProperties is required (none() for none)");
    }
    // The producer refuses a delivery timeout shorter than linger plus one request.
    if (deliveryTimeout == null
        || deliveryTimeout.toMillis() < requestTimeout.toMillis() + LINGER.toMillis()) {
      throw new IllegalArgumentException(
          "kafka.deliveryTimeout must be at least requestTimeout + "
              + LINGER.toMillis()
              + "ms, was "
              + deliveryTimeout);
    }
  }

  /** Settings without client properties of the operator's. */
  public KafkaSettings(
      String bootstrapServers,
      String clientId,
      String groupId,
      String topic,
      String deadLetterTopic,
      int partitions,
      short replicationFactor,
      Duration deliveryTimeout,
      Duration requestTimeout,
      Duration maxBlock,
      int maxPollRecords,
      Duration pollTimeout) {
    this(
        bootstrapServers,
        clientId,
        groupId,
        topic,
        deadLetterTopic,
        partitions,
        replicationFactor,
        deliveryTimeout,
        requestTimeout,
        maxBlock,
        maxPollRecords,
        pollTimeout,
        KafkaClientProperties.none());
  }

  /**
   * Production defaults: topic {@code price-events} with 3 partitions, group {@code ma-consumer}.
   */
  public static KafkaSettings defaults(String bootstrapServers) {
    return new KafkaSettings(
        bootstrapServers,
        "market-data-service",
        DEFAULT_GROUP,
        DEFAULT_TOPIC,
        DEFAULT_TOPIC + ".dlq",
        3,
        (short) 1,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        // Each poll's records are applied in one database transaction, so more than Kafka's 500
        // a poll; the measurement behind 2,000 is in benchmarks/README.md.
        2000,
        Duration.ofMillis(500));
  }

  /**
   * Where changed moving averages go: {@code price-averages} beside {@code price-events}; beside a
   * renamed events topic (tests give each run its own), that name with {@code .averages} appended.
   */
  public String averagesTopic() {
    return topic.equals(DEFAULT_TOPIC) ? AVERAGES_TOPIC : topic + ".averages";
  }

  /**
   * Where completed bars go: {@code price-bars}, or the renamed events topic plus {@code .bars}.
   */
  public String barsTopic() {
    return topic.equals(DEFAULT_TOPIC) ? BARS_TOPIC : topic + ".bars";
  }

  public KafkaSettings withTopics(String topic, String deadLetterTopic) {
    return new KafkaSettings(
        bootstrapServers,
        clientId,
        groupId,
        topic,
        deadLetterTopic,
        partitions,
        replicationFactor,
        deliveryTimeout,
        requestTimeout,
        maxBlock,
        maxPollRecords,
        pollTimeout,
        clientProperties);
  }

  public KafkaSettings withGroupId(String groupId) {
    return new KafkaSettings(
        bootstrapServers,
        clientId,
        groupId,
        topic,
        deadLetterTopic,
        partitions,
        replicationFactor,
        deliveryTimeout,
        requestTimeout,
        maxBlock,
        maxPollRecords,
        pollTimeout,
        clientProperties);
  }

  public KafkaSettings withTimeouts(
      Duration deliveryTimeout, Duration requestTimeout, Duration maxBlock) {
    return new KafkaSettings(
        bootstrapServers,
        clientId,
        groupId,
        topic,
        deadLetterTopic,
        partitions,
        replicationFactor,
        deliveryTimeout,
        requestTimeout,
        maxBlock,
        maxPollRecords,
        pollTimeout,
        clientProperties);
  }

  public KafkaSettings withMaxPollRecords(int maxPollRecords) {
    return new KafkaSettings(
        bootstrapServers,
        clientId,
        groupId,
        topic,
        deadLetterTopic,
        partitions,
        replicationFactor,
        deliveryTimeout,
        requestTimeout,
        maxBlock,
        maxPollRecords,
        pollTimeout,
        clientProperties);
  }

  /** The same settings with the operator's client properties (security, tuning). */
  public KafkaSettings withClientProperties(KafkaClientProperties clientProperties) {
    return new KafkaSettings(
        bootstrapServers,
        clientId,
        groupId,
        topic,
        deadLetterTopic,
        partitions,
        replicationFactor,
        deliveryTimeout,
        requestTimeout,
        maxBlock,
        maxPollRecords,
        pollTimeout,
        clientProperties);
  }

  /**
   * An idempotent producer that counts a record as sent only once every in-sync replica has it, and
   * gives up on a record after {@link #deliveryTimeout()} rather than retrying forever.
   */
  public Map<String, String> producerConfig(String role) {
    Map<String, String> p = new HashMap<>(clientProperties.forProducer());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-" + role);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Idempotence keeps per-partition order with up to 5 requests in flight.
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    p.put(ProducerConfig.RETRIES_CONFIG, "10");
    p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "200");
    p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "2000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(requestTimeout.toMillis()));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(deliveryTimeout.toMillis()));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
    p.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(LINGER.toMillis()));
    TUNABLE_PRODUCER_DEFAULTS.forEach(p::putIfAbsent);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  /** A consumer whose offsets move only when we commit them, after the batch was applied. */
  public Map<String, String> consumerConfig() {
    Map<String, String> p = new HashMap<>(clientProperties.forConsumer());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + groupId);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(maxPollRecords));
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(requestTimeout.toMillis()));
    // Raw bytes: a record that is not a price event must still reach the dead-letter topic as is.
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  public Map<String, String> adminConfig() {
    Map<String, String> p = new HashMap<>(clientProperties.forAdmin());
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(requestTimeout.toMillis()));
    p.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        String.valueOf(Math.max(deliveryTimeout.toMillis(), requestTimeout.toMillis())));
    return p;
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
    }
  }
}
