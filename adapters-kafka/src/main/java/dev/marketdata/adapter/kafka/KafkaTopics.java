package dev.marketdata.adapter.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the price-event topic, its dead-letter topic, the averages topic and the bars topic at
 * start-up when they are missing.
 */
public final class KafkaTopics {
  private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

  private KafkaTopics() {}

  /**
   * Idempotent: existing topics are left as they are, and losing a creation race to another
   * instance counts as success once the topic exists.
   */
  public static Future<Void> ensure(Vertx vertx, KafkaSettings settings) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, settings.adminConfig());
    List<NewTopic> wanted =
        List.of(
            new NewTopic(settings.topic(), settings.partitions(), settings.replicationFactor()),
            // Keyed by symbol like the events, so as many partitions.
            new NewTopic(
                settings.averagesTopic(), settings.partitions(), settings.replicationFactor()),
            new NewTopic(settings.barsTopic(), settings.partitions(), settings.replicationFactor()),
            // Dead letters are few and read by people: one partition keeps them in arrival order.
            new NewTopic(settings.deadLetterTopic(), 1, settings.replicationFactor()));
    return admin
        .listTopics()
        .compose(existing -> createMissing(admin, wanted, existing))
        .recover(
            err ->
                admin
                    .listTopics()
                    .compose(
                        existing ->
                            missing(wanted, existing).isEmpty()
                                ? Future.<Void>succeededFuture()
                                : Future.<Void>failedFuture(err)))
        .recover(err -> Future.failedFuture(KafkaFailures.explain(err, settings)))
        .eventually(admin::close);
  }

  private static Future<Void> createMissing(
      KafkaAdminClient admin, List<NewTopic> wanted, Set<String> existing) {
    List<NewTopic> missing = missing(wanted, existing);
    if (missing.isEmpty()) {
      return Future.succeededFuture();
    }
    return admin
        .createTopics(missing)
        .onSuccess(
            v ->
                missing.forEach(
                    t ->
                        log.info(
                            "Created Kafka topic {} with {} partitions",
                            t.getName(),
                            t.getNumPartitions())));
  }

  private static List<NewTopic> missing(List<NewTopic> wanted, Set<String> existing) {
    List<NewTopic> missing = new ArrayList<>();
    for (NewTopic topic : wanted) {
      if (!existing.contains(topic.getName())) {
        missing.add(topic);
      }
    }
    return missing;
  }
}
