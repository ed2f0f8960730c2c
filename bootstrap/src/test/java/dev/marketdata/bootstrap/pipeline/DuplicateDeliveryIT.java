package dev.marketdata.bootstrap.pipeline;

import static dev.marketdata.bootstrap.pipeline.Quotes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.testsupport.Await;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** At-least-once delivery made harmless: events delivered again change no stored average. */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class DuplicateDeliveryIT {
  private Pipeline pipeline;

  @BeforeEach
  void start(PostgresDatabase database, TestKafka kafka) {
    pipeline = Pipeline.start(database, kafka, 7);
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  @Test
  void givenEventsDeliveredAgain_symbolAverages_areUnchanged() {
    List<FetchedQuote> quotes = new ArrayList<>();
    quotes.addAll(
        Quotes.series("AAPL", ProviderId.FINNHUB, T0, 9, "150.25", "151.10", "149.875", "152"));
    quotes.addAll(Quotes.series("AAPL", ProviderId.YAHOO, T0, 4, "150.20", "150.30", "150.45"));
    quotes.addAll(Quotes.series("ETH-USD", ProviderId.FINNHUB, T0, 11, "3500.1234", "3499.99"));
    quotes.addAll(Quotes.simulated("MSFT", T0, 6));
    pipeline.deployRelay();
    pipeline.deployConsumer();
    pipeline.ingestAll(quotes);
    pipeline.awaitSettled();
    List<String> before = pipeline.tables.averageRows();
    assertThat(pipeline.tables.storedAverages()).isEqualTo(pipeline.tables.expectedAverages());

    // What a relay that lost its acknowledgements would send again: everything, then a shuffled
    // part of it, then the oldest event, late.
    List<PriceEvent> events = pipeline.tables.outboxEvents();
    List<PriceEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(3));
    List<PriceEvent> part = shuffled.subList(0, 12);
    Await.result(pipeline.publisher.publish(events));
    Await.result(pipeline.publisher.publish(part));
    Await.result(pipeline.publisher.publish(List.of(events.get(0))));
    pipeline.awaitSettled();

    long onTopic =
        pipeline.plain.endOffsets(pipeline.settings.topic()).values().stream()
            .mapToLong(Long::longValue)
            .sum();
    assertThat(onTopic).isEqualTo(2L * events.size() + part.size() + 1);
    // Every column, updated_at and the window's events included: not one row was rewritten.
    assertThat(pipeline.tables.averageRows()).isEqualTo(before);
    assertThat(pipeline.tables.storedAverages()).isEqualTo(pipeline.tables.expectedAverages());
    pipeline.tables.assertEveryRawRowHasOnePricePointAndOneOutboxRow(quotes.size());
  }
}
