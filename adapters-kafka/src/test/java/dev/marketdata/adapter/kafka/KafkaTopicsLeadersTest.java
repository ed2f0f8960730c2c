package dev.marketdata.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.kafka.admin.TopicDescription;
import io.vertx.kafka.client.common.Node;
import io.vertx.kafka.client.common.TopicPartitionInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaTopicsLeadersTest {
  private static final Node BROKER = new Node(false, "localhost", 1, "1", false, 9092, null);

  @Test
  void topicsWhosePartitionsAllHaveALeader_areLed() {
    assertThat(KafkaTopics.everyPartitionLed(Map.of("a", topic(BROKER, BROKER)))).isTrue();
  }

  @Test
  void aPartitionWithoutLeader_isNotLed() {
    assertThat(KafkaTopics.everyPartitionLed(Map.of("a", topic(BROKER, null)))).isFalse();
    Node none = new Node(false, "", -1, "-1", true, -1, null);
    assertThat(KafkaTopics.everyPartitionLed(Map.of("a", topic(BROKER, none)))).isFalse();
  }

  private static TopicDescription topic(Node... leaders) {
    TopicDescription description = new TopicDescription();
    List<TopicPartitionInfo> partitions = new java.util.ArrayList<>();
    for (int p = 0; p < leaders.length; p++) {
      partitions.add(new TopicPartitionInfo(List.of(), leaders[p], p, List.of()));
    }
    return description.setPartitions(partitions);
  }
}
