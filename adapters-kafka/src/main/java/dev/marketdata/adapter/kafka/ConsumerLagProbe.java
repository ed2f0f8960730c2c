package dev.marketdata.adapter.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.common.TopicPartitionInfo;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far the moving-average consumer group is behind the end of {@code price-events}, per
 * partition: latest offset minus committed offset (the whole partition when nothing is committed).
 */
public final class ConsumerLagProbe implements AutoCloseable {
  private final KafkaAdminClient admin;
  private final KafkaSettings settings;

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
      Map<TopicPartition, io.vertx.kafka.admin.ListOffsetsResultInfo> ends,
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

  @Override
  public void close() {
    admin.close();
  }
}
