package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.failure.InvalidInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Kafka client properties the operator adds to the ones the service sets: how to reach a managed
 * cluster (TLS, SASL) and tuning. Each one goes to every client kind that knows it by Kafka's own
 * definitions (producer, consumer, admin), so {@code sasl.jaas.config} reaches all three and {@code
 * compression.type} only the producer.
 *
 * <p>A property the service sets itself is refused, not overridden, because the relay and the
 * consumer are correct only with those values: see {@link #reservedReason(String)}. Values of
 * secret properties never appear in {@link #toString()} nor in a refusal.
 */
public final class KafkaClientProperties {
  private static final KafkaClientProperties NONE = new KafkaClientProperties(Map.of());
  private static final Pattern SECRET_NAME =
      Pattern.compile("password|jaas|secret|key|token|credential");
  private static final String HIDDEN = "(hidden)";

  private final SortedMap<String, String> properties;

  private KafkaClientProperties(Map<String, String> properties) {
    this.properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
  }

  public static KafkaClientProperties none() {
    return NONE;
  }

  /** Checks every property as {@link #check} does; the first bad one is thrown. */
  public static KafkaClientProperties of(Map<String, String> properties) {
    properties.forEach(KafkaClientProperties::check);
    return properties.isEmpty() ? NONE : new KafkaClientProperties(properties);
  }

  /**
   * Refuses a property no Kafka client knows, one the service sets itself, a value the client would
   * reject, or a {@code *.location} that names no readable file; the {@link InvalidInput} names the
   * property, and hides the value of a secret one.
   */
  public static void check(String name, String value) {
    String shown = isSecret(name) ? HIDDEN : value;
    if (name == null || name.isBlank()) {
      throw new InvalidInput("kafka.client", shown, "needs a property name");
    }
    String reserved = reservedReason(name);
    if (reserved != null) {
      throw new InvalidInput(name, shown, reserved);
    }
    List<ConfigDef.ConfigKey> keys = Definitions.keysOf(name);
    if (keys.isEmpty()) {
      throw new InvalidInput(name, shown, "is not a Kafka producer, consumer or admin property");
    }
    for (ConfigDef.ConfigKey key : keys) {
      try {
        Object parsed = ConfigDef.parseType(name, value, key.type);
        if (key.validator != null) {
          key.validator.ensureValid(name, parsed);
        }
      } catch (ConfigException e) {
        throw new InvalidInput(
            name,
            shown,
            isSecret(name) ? "is not a valid value" : "is not valid: " + e.getMessage());
      }
    }
    if (name.endsWith(".location") && !Files.isReadable(Path.of(value))) {
      throw new InvalidInput(name, shown, "must name a readable file");
    }
  }

  /**
   * Why the service refuses {@code name}, or null when it takes it: every property it sets itself,
   * plus the ones that would break per-symbol order or the consumer group.
   */
  public static String reservedReason(String name) {
    return Definitions.RESERVED.get(name);
  }

  /** True when the value of {@code name} must not be shown: a password, JAAS line, key or token. */
  public static boolean isSecret(String name) {
    return SECRET_NAME.matcher(name).find() || Definitions.isPassword(name);
  }

  public boolean isEmpty() {
    return properties.isEmpty();
  }

  /** Every property as given, secrets included: only for building client configurations. */
  public Map<String, String> asMap() {
    return properties;
  }

  Map<String, String> forProducer() {
    return known(ProducerConfig.configNames());
  }

  Map<String, String> forConsumer() {
    return known(ConsumerConfig.configNames());
  }

  Map<String, String> forAdmin() {
    return known(AdminClientConfig.configNames());
  }

  private Map<String, String> known(Set<String> names) {
    Map<String, String> selected = new HashMap<>();
    properties.forEach(
        (name, value) -> {
          if (names.contains(name)) {
            selected.put(name, value);
          }
        });
    return selected;
  }

  /** How the clients authenticate, for messages: protocol and SASL mechanism, never secrets. */
  public String describeSecurity() {
    String protocol =
        properties.getOrDefault(
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL);
    String text = CommonClientConfigs.SECURITY_PROTOCOL_CONFIG + "=" + protocol;
    if (protocol.startsWith("SASL")) {
      text +=
          ", "
              + SaslConfigs.SASL_MECHANISM
              + "="
              + properties.getOrDefault(
                  SaslConfigs.SASL_MECHANISM, SaslConfigs.DEFAULT_SASL_MECHANISM);
    }
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KafkaClientProperties o && o.properties.equals(properties);
  }

  @Override
  public int hashCode() {
    return properties.hashCode();
  }

  /** Names and values, secret values replaced: safe to log. */
  @Override
  public String toString() {
    return properties.entrySet().stream()
        .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? "***" : e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** Kafka's definitions of the three clients, and what the service keeps for itself. */
  private static final class Definitions {
    private static final List<ConfigDef> CLIENTS =
        List.of(
            ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef());

    private static final String OWN = "is set by the service itself";
    private static final String NO_LOSS =
        "is set by the service so that no price event is lost, duplicated or reordered";
    private static final String CODEC = "is set by the service: it encodes price events itself";
    private static final String OFFSETS =
        "is set by the service: offsets are committed only after a batch is applied";
    private static final String LEASE =
        "is set by the service: the relay's lease is sized from the producer's timeouts (ADR 0006)";
    private static final String ORDER =
        "would break per-symbol order: events are partitioned by their symbol key";

    static final Map<String, String> RESERVED = reserved();

    private static Map<String, String> reserved() {
      Map<String, String> reasons = new TreeMap<>();
      // Every property the service sets, so the list cannot drift from KafkaSettings.
      KafkaSettings settings = KafkaSettings.defaults("reserved.invalid:9092");
      settings.producerConfig("any").keySet().forEach(k -> reasons.put(k, LEASE));
      settings.consumerConfig().keySet().forEach(k -> reasons.put(k, OFFSETS));
      settings.adminConfig().keySet().forEach(k -> reasons.put(k, OWN));
      // Defaults for throughput, not for correctness: the operator's value wins.
      KafkaSettings.TUNABLE_PRODUCER_DEFAULTS.keySet().forEach(reasons::remove);
      for (String k :
          List.of(
              ProducerConfig.ACKS_CONFIG,
              ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
              ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
              ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
        reasons.put(k, NO_LOSS);
      }
      for (String k :
          List.of(
              ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
              ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
              ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
              ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)) {
        reasons.put(k, CODEC);
      }
      reasons.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ORDER);
      reasons.put(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, ORDER);
      reasons.put(
          ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
          "would be the same on every replica, which fences all but one");
      reasons.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "has its own setting");
      reasons.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "has its own setting");
      reasons.put(
          CommonClientConfigs.CLIENT_ID_CONFIG, "is set by the service from its instance id");
      return Map.copyOf(reasons);
    }

    static List<ConfigDef.ConfigKey> keysOf(String name) {
      return CLIENTS.stream()
          .map(def -> def.configKeys().get(name))
          .filter(key -> key != null)
          .toList();
    }

    static boolean isPassword(String name) {
      return keysOf(name).stream().anyMatch(key -> key.type == ConfigDef.Type.PASSWORD);
    }
  }
}
