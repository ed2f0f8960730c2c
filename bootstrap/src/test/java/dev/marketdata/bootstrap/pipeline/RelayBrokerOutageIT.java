package dev.marketdata.bootstrap.pipeline;

import static dev.marketdata.bootstrap.pipeline.Quotes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.OutboxSql;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.CountingPublisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kafka down: quotes are still stored, their events wait in the outbox and all go out later. */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class RelayBrokerOutageIT {
  private static final Pattern RAW_ID = Pattern.compile("\"raw_response_id\":\"([0-9a-f-]{36})\"");

  private Pipeline pipeline;

  @BeforeEach
  void start(PostgresDatabase database, TestKafka kafka) {
    pipeline = Pipeline.start(database, kafka);
  }

  @AfterEach
  void stop(TestKafka kafka) {
    try {
      if (kafka.restartable()) {
        kafka.startBroker(); // a test that failed while the broker was down must not leave it so
      }
    } finally {
      pipeline.close();
    }
  }

  @Test
  void givenTheBrokerDown_eventsWaitInTheOutbox_andAllArriveOnceItIsBack(TestKafka kafka) {
    CountingPublisher publisher = new CountingPublisher(pipeline.publisher);
    pipeline.deployRelay(publisher);
    pipeline.deployConsumer();
    List<FetchedQuote> before =
        Quotes.series("AAPL", ProviderId.FINNHUB, T0, 4, "150.25", "151.10", "149.875");
    pipeline.ingestAll(before);
    pipeline.awaitSettled();

    kafka.stopBroker();
    List<FetchedQuote> during = new ArrayList<>();
    during.addAll(
        Quotes.series("AAPL", ProviderId.FINNHUB, T0.plusSeconds(10), 5, "155.5", "156.75"));
    during.addAll(Quotes.series("TSLA", ProviderId.YAHOO, T0, 7, "201.01", "199.99", "200.5"));
    during.addAll(Quotes.simulated("MSFT", T0, 3));
    pipeline.ingestAll(during);
    int failuresAtStop = publisher.failures.get();
    Await.until(
        "the relay has tried and failed to publish to the stopped broker",
        () -> publisher.failures.get() > failuresAtStop);
    // Stored, but nothing acknowledged, so nothing marked published.
    assertThat(pipeline.tables.outboxDepth()).isEqualTo(during.size());

    kafka.startBroker();
    pipeline.awaitSettled();

    int stored = before.size() + during.size();
    assertThat(pipeline.tables.outboxDepth()).isZero();
    assertThat(pipeline.tables.count(OutboxSql.waiting("outbox"))).isZero();
    assertThat(pipeline.tables.count(OutboxSql.published("outbox"))).isEqualTo(stored);
    Set<UUID> rawIds = new HashSet<>(pipeline.tables.rawResponseIds());
    List<ConsumerRecord<String, byte[]>> records =
        pipeline.plain.readUntil(
            pipeline.settings.topic(),
            "every stored event",
            read -> distinctRawIds(read).size() >= rawIds.size());
    assertThat(distinctRawIds(records)).isEqualTo(rawIds).hasSize(stored);
    assertThat(pipeline.tables.storedAverages()).isEqualTo(pipeline.tables.expectedAverages());
    pipeline.tables.assertEveryRawRowHasOnePricePointAndOneOutboxRow(stored);
  }

  private static Set<UUID> distinctRawIds(List<ConsumerRecord<String, byte[]>> records) {
    Set<UUID> ids = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      Matcher m = RAW_ID.matcher(new String(record.value(), StandardCharsets.UTF_8));
      if (m.find()) {
        ids.add(UUID.fromString(m.group(1)));
      }
    }
    return ids;
  }
}
