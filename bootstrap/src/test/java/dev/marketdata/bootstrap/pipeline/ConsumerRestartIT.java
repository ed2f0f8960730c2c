package dev.marketdata.bootstrap.pipeline;

import static dev.marketdata.bootstrap.pipeline.Quotes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.adapter.kafka.KafkaSettings;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.testsupport.Await;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The consumer stopped mid-stream and started again ends where an undisturbed one does. */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class ConsumerRestartIT {
  /** Small polls: the stream is many batches, so the restart lands in its middle. */
  private static final int MAX_POLL_RECORDS = 5;

  private Pipeline pipeline;

  @BeforeEach
  void start(PostgresDatabase database, TestKafka kafka) {
    pipeline = Pipeline.start(database, kafka, MAX_POLL_RECORDS);
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  private static List<FetchedQuote> quotes() {
    List<FetchedQuote> quotes = new ArrayList<>();
    Random random = new Random(11);
    for (String symbol : List.of("AAPL", "MSFT", "GOOG", "TSLA")) {
      for (ProviderId provider : List.of(ProviderId.FINNHUB, ProviderId.YAHOO)) {
        for (int i = 0; i < 8; i++) {
          String price = (100 + random.nextInt(50)) + "." + (1000 + random.nextInt(9000));
          quotes.add(Quotes.quote(symbol, provider, price, T0.plusSeconds(i)));
        }
      }
    }
    Collections.shuffle(quotes, random);
    return quotes;
  }

  @Test
  void givenTheConsumerRestartedMidStream_finalAverages_equalAnUndisturbedRun(TestKafka kafka) {
    List<FetchedQuote> quotes = quotes();
    pipeline.ingestAll(quotes);
    pipeline.deployRelay();
    Await.until("every event is on the topic", () -> pipeline.tables.outboxDepth() == 0);

    CrashAfterBatches dying = new CrashAfterBatches(pipeline.applyEvents(), 3);
    String first = pipeline.deployConsumer(dying);
    int heldBatch = Await.result(dying.holding);
    Future<?> stopping = pipeline.vertx.undeploy(first);
    dying.crash();
    Await.result(stopping);

    // Mid-stream: some averages stored, the last applied batch not committed, much still unread.
    String topic = pipeline.settings.topic();
    long unread = pipeline.plain.lag(topic, pipeline.settings.groupId());
    assertThat(heldBatch).isPositive();
    assertThat(unread).isGreaterThanOrEqualTo(heldBatch).isLessThan(quotes.size());
    assertThat(pipeline.tables.storedAverages()).isNotEmpty();
    assertThat(pipeline.tables.storedAverages()).isNotEqualTo(pipeline.tables.expectedAverages());

    String second = pipeline.deployConsumer();
    pipeline.awaitSettled();
    pipeline.undeploy(second);
    List<String> restarted = pipeline.tables.averageRowsWithoutWriteTime();
    assertThat(pipeline.tables.storedAverages()).isEqualTo(pipeline.tables.expectedAverages());

    // The same records, once more from the start, by a consumer nobody interrupts.
    pipeline.tables.query("TRUNCATE symbol_averages");
    KafkaSettings undisturbed =
        pipeline.settings.withGroupId(kafka.uniqueTopicName(KafkaSettings.DEFAULT_GROUP));
    pipeline.deployConsumer(undisturbed, pipeline.applyEvents());
    pipeline.awaitSettled(undisturbed.groupId());

    assertThat(pipeline.tables.averageRowsWithoutWriteTime()).isEqualTo(restarted);
    assertThat(restarted).hasSize(8);
    pipeline.tables.assertEveryRawRowHasOnePricePointAndOneOutboxRow(quotes.size());
  }
}
