package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgOutboxAgeProbeIT {
  private final PgTestStore store;
  private final MarketDataPorts ports;
  private final PgOutboxAgeProbe probe;

  PgOutboxAgeProbeIT(PgTestStore store) {
    this.store = store;
    this.ports = store.emptyPorts();
    this.probe = new PgOutboxAgeProbe(store.pool);
  }

  @Test
  void givenNothingWaiting_age_isZero() {
    assertThat(result(probe.oldestUnpublishedAge())).isZero();
  }

  @Test
  void givenUnpublishedRows_age_isTheOldestOnesWait_untilItIsPublished() {
    Symbol symbol = uniqueSymbol();
    result(ports.ingestion().ingest(quote(symbol, "10", T0)));
    result(ports.ingestion().ingest(quote(symbol, "11", T0.plusSeconds(1))));
    store.execute(
        "UPDATE outbox SET created_at = now() - interval '10 minutes'"
            + " WHERE id = (SELECT min(id) FROM outbox)");
    store.execute(
        "UPDATE outbox SET created_at = now() - interval '2 minutes'"
            + " WHERE id = (SELECT max(id) FROM outbox)");

    Duration age = result(probe.oldestUnpublishedAge());

    assertThat(age).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));

    store.publishedUpTo("outbox", result(ports.outbox().unpublished(1)).get(0).id());
    assertThat(result(probe.oldestUnpublishedAge()))
        .as("the next oldest row's wait")
        .isBetween(Duration.ofMinutes(2), Duration.ofMinutes(3));
  }

  @Test
  void givenAnUnpublishedAverage_age_coversTheAverageOutboxToo() {
    store.execute(
        "INSERT INTO average_outbox (event_id, symbol, provider, window_size, value, sample_count,"
            + " as_of, created_at) VALUES (gen_random_uuid(), 'AAPL', 'simulated', 5, 1.5, 1,"
            + " now(), now() - interval '7 minutes')");

    assertThat(result(probe.oldestUnpublishedAge()))
        .isBetween(Duration.ofMinutes(7), Duration.ofMinutes(8));
  }
}
