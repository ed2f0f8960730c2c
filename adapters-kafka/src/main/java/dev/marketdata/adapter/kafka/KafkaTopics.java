package dev.marketdata.adapter.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.admin.TopicDescription;
import io.vertx.kafka.client.common.Node;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.common.TopicPartitionInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the price-event topic, its dead-letter topic, the averages topic and the bars topic at
 * start-up when they are missing, and returns once every partition of the topics it created has a
 * leader that answers for it: a producer that sends to a partition whose leader the broker has not
 * taken up yet gets NOT_LEADER_OR_FOLLOWER for its first batches while later pipelined ones may
 * already be appended, and the idempotent producer then fails the early ones as out of order.
 */
public final class KafkaTopics {
  private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

  /** How often, and how many times, the partitions of created topics are checked for leaders. */
  static final long LEADER_POLL_MILLIS = 100;

  static final int LEADER_POLLS = 100;

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
        .compose(existing -> createMissing(vertx, admin, wanted, existing))
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
      Vertx vertx, KafkaAdminClient admin, List<NewTopic> wanted, Set<String> existing) {
    List<NewTopic> missing = missing(wanted, existing);
    if (missing.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> names = missing.stream().map(NewTopic::getName).toList();
    return admin
        .createTopics(missing)
        .onSuccess(
            v ->
                missing.forEach(
                    t ->
                        log.info(
                            "Created Kafka topic {} with {} partitions",
                            t.getName(),
                            t.getNumPartitions())))
        .compose(v -> awaitLeaders(vertx, admin, names, LEADER_POLLS));
  }

  /**
   * Completes once every partition of {@code topics} has a leader that answers for it, or after
   * {@code polls} checks (then it logs and goes on: a send before the leader is up fails and is
   * retried by its caller). Describing the topics shows the leader from the metadata; listing the
   * partitions' offsets is answered by the leader itself, so it succeeds only once the broker has
   * taken the partition up, which is what a produce request needs.
   */
  private static Future<Void> awaitLeaders(
      Vertx vertx, KafkaAdminClient admin, List<String> topics, int polls) {
    return admin
        .describeTopics(topics)
        .compose(
            described ->
                everyPartitionLed(described)
                    ? admin.listOffsets(latestOf(described)).map(true)
                    : Future.succeededFuture(false))
        .otherwise(false) // not visible or not led yet: look again
        .compose(
            ready -> {
              if (ready) {
                return Future.<Void>succeededFuture();
              }
              if (polls <= 1) {
                log.warn("Kafka topics {} still have partitions without a leader", topics);
                return Future.<Void>succeededFuture();
              }
              return vertx
                  .timer(LEADER_POLL_MILLIS)
                  .compose(t -> awaitLeaders(vertx, admin, topics, polls - 1));
            });
  }

  private static Map<TopicPartition, OffsetSpec> latestOf(Map<String, TopicDescription> topics) {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    topics.forEach(
        (name, description) ->
            description
                .getPartitions()
                .forEach(
                    p ->
                        partitions.put(
                            new TopicPartition(name, p.getPartition()), OffsetSpec.LATEST)));
    return partitions;
  }

  static boolean everyPartitionLed(Map<String, TopicDescription> topics) {
    return topics.values().stream()
        .map(TopicDescription::getPartitions)
        .flatMap(Collection::stream)
        .map(TopicPartitionInfo::getLeader)
        .allMatch(KafkaTopics::isNode);
  }

  private static boolean isNode(Node leader) {
    return leader != null && !leader.isEmpty() && leader.getId() >= 0;
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
