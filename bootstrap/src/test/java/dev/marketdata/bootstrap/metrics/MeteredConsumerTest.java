package dev.marketdata.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class MeteredConsumerTest {
  @Test
  void givenDeadLetters_counter_countsEach_fromZero() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    MeteredConsumer observer = new MeteredConsumer(meters);
    assertThat(meters.get("mds.dead.letters").counter().count()).isZero();

    observer.deadLettered();
    observer.deadLettered();

    assertThat(meters.get("mds.dead.letters").counter().count()).isEqualTo(2);
    // A second observer (a verticle redeployed) shares the one counter.
    new MeteredConsumer(meters).deadLettered();
    assertThat(meters.find("mds.dead.letters").counters()).hasSize(1);
    assertThat(meters.get("mds.dead.letters").counter().count()).isEqualTo(3);
  }

  @Test
  void givenAClient_itsMetricsAreBound_untilTheObservationCloses() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    MetricName lagMax =
        new MetricName(
            "records-lag-max", "consumer-fetch-manager-metrics", "", Map.of("client-id", "c1"));
    Metric metric = mock(Metric.class);
    when(metric.metricName()).thenReturn(lagMax);
    when(metric.metricValue()).thenReturn(42.0);
    @SuppressWarnings("unchecked")
    Consumer<byte[], byte[]> client = mock(Consumer.class);
    Map<MetricName, Metric> metrics = Map.of(lagMax, metric);
    doReturn(metrics).when(client).metrics();

    AutoCloseable observation = new MeteredConsumer(meters).clientStarted(client);

    assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").gauge())
        .isNotNull()
        .satisfies(g -> assertThat(g.value()).isEqualTo(42.0));
    observation.close();
    assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").gauge()).isNull();
  }
}
