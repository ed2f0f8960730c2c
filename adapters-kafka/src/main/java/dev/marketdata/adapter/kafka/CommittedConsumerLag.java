package dev.marketdata.adapter.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.ListOffsetsResultInfo;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How many records of {@code price-events} the moving-average consumer group has not yet applied,
 * counted over the partitions it has committed an offset on: the poller's back-pressure reads it
 * (ADR 0017). Unlike {@link ConsumerLagProbe}, a partition the group never committed on counts as
 * unknown rather than as the whole partition, so a deployment whose consumers have not started yet
 * (or that runs none) is not held back by every record the topic retains; two requests a reading.
 */
public final class CommittedConsumerLag implements AutoCloseable {
  private final KafkaAdminClient admin;
  private final KafkaSettings settings;

  public CommittedConsumerLag(Vertx vertx, KafkaSettings settings) {
    Map<String, String> config = new HashMap<>(settings.adminConfig());
    config.put("client.id", settings.clientId() + "-backpressure");
    this.admin = KafkaAdminClient.create(vertx, config);
    this.settings = settings;
  }

  /** The lag summed over committed partitions; empty when the group committed nothing yet. */
  public Future<OptionalLong> current() {
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
              return admin.listOffsets(ends).map(latest -> OptionalLong.of(lag(latest, committed)));
            });
  }

  private static long lag(
      Map<TopicPartition, ListOffsetsResultInfo> latest,
      Map<TopicPartition, OffsetAndMetadata> committed) {
    long sum = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : latest.entrySet()) {
      long position = committed.get(end.getKey()).getOffset();
      sum += Math.max(0, end.getValue().getOffset() - position);
    }
    return sum;
  }

  @Override
  public void close() {
    admin.close();
  }
}
