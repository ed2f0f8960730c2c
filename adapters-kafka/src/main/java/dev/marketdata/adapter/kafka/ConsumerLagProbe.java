package dev.marketdata.adapter.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.ListOffsetsResultInfo;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.common.TopicPartitionInfo;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How far the moving-average consumer group is behind the end of {@code price-events}, per
 * partition: latest offset minus committed offset (the whole partition when nothing is committed).
 */
public final class ConsumerLagProbe implements AutoCloseable {
  private final KafkaAdminClient admin;
  private final KafkaSettings settings;
  private final AtomicBoolean closed = new AtomicBoolean();

  public ConsumerLagProbe(Vertx vertx, KafkaSettings settings) {
    Map<String, String> config = new HashMap<>(settings.adminConfig());
    config.put("client.id", settings.clientId() + "-lag");
    this.admin = KafkaAdminClient.create(vertx, config);
    this.settings = settings;
  }

  /** Lag by partition number. */
  public Future<Map<Integer, Long>> lagByPartition() {
    return admin
        .describeTopics(List.of(settings.topic()))
        .compose(
            topics -> {
              Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
              for (TopicPartitionInfo p : topics.get(settings.topic()).getPartitions()) {
                latest.put(
                    new TopicPartition(settings.topic(), p.getPartition()), OffsetSpec.LATEST);
              }
              return admin
                  .listOffsets(latest)
                  .compose(
                      ends ->
                          admin
                              .listConsumerGroupOffsets(settings.groupId())
                              .map(committed -> lag(ends, committed)));
            });
  }

  private static Map<Integer, Long> lag(
      Map<TopicPartition, ListOffsetsResultInfo> ends,
      Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<Integer, Long> lag = new TreeMap<>();
    ends.forEach(
        (partition, end) -> {
          OffsetAndMetadata done = committed.get(partition);
          long position = done == null ? 0 : done.getOffset();
          lag.put(partition.getPartition(), Math.max(0, end.getOffset() - position));
        });
    return lag;
  }

  /**
   * The lag summed over the partitions the group has committed an offset on; empty when it
   * committed nothing yet. The poller's back-pressure reads it (ADR 0017): unlike {@link
   * #lagByPartition()}, a partition the group never committed on counts as unknown rather than as
   * the whole partition, so a deployment whose consumers have not started yet (or that runs none)
   * is not held back by every record the topic retains. Two requests a reading.
   */
  public Future<OptionalLong> committedLag() {
    return admin
        .listConsumerGroupOffsets(settings.groupId())
        .compose(
            committed -> {
              Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
              committed.keySet().stream()
                  .filter(partition -> partition.getTopic().equals(settings.topic()))
                  .forEach(partition -> ends.put(partition, OffsetSpec.LATEST));
              if (ends.isEmpty()) {
                return Future.succeededFuture(OptionalLong.empty());
              }
              return admin
                  .listOffsets(ends)
                  .map(latest -> OptionalLong.of(committedLag(latest, committed)));
            });
  }

  private static long committedLag(
      Map<TopicPartition, ListOffsetsResultInfo> latest,
      Map<TopicPartition, OffsetAndMetadata> committed) {
    long sum = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : latest.entrySet()) {
      long position = committed.get(end.getKey()).getOffset();
      sum += Math.max(0, end.getValue().getOffset() - position);
    }
    return sum;
  }

  /** Closes the admin client once, however many of its users (gauges, back-pressure) close it. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      admin.close();
    }
  }
}
