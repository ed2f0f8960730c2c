package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.Symbol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code Outbox} promises: unpublished events oldest first, until marked. */
public abstract class OutboxContract {
  protected MarketDataPorts ports;

  protected abstract MarketDataPorts emptyStore();

  @BeforeEach
  void createStore() {
    ports = emptyStore();
  }

  private List<PricePoint> ingestFive() {
    Symbol symbol = uniqueSymbol();
    List<PricePoint> stored = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // Quote times run backwards: the outbox orders by when rows were written, not quote time.
      stored.add(result(ports.ingestion().ingest(quote(symbol, "1" + i, T0.minusSeconds(i)))));
    }
    return stored;
  }

  @Test
  void givenFiveEvents_unpublished_returnsTheOldestFirstUpToTheLimit() {
    List<PricePoint> stored = ingestFive();

    List<OutboxEntry> batch = result(ports.outbox().unpublished(3));

    assertThat(batch)
        .extracting(OutboxEntry::event)
        .containsExactly(stored.get(0).toEvent(), stored.get(1).toEvent(), stored.get(2).toEvent());
    assertThat(batch).extracting(OutboxEntry::id).isSorted().doesNotHaveDuplicates();
    assertThat(result(ports.outbox().depth())).isEqualTo(5L);
  }

  @Test
  void givenMarkedBatch_unpublished_continuesWithTheRestAndDepthShrinks() {
    List<PricePoint> stored = ingestFive();
    List<Long> first = result(ports.outbox().unpublished(3)).stream().map(OutboxEntry::id).toList();

    result(ports.outbox().markPublished(first, T0.plusSeconds(60)));
    result(ports.outbox().markPublished(first, T0.plusSeconds(120)));

    assertThat(result(ports.outbox().unpublished(10)))
        .extracting(OutboxEntry::event)
        .containsExactly(stored.get(3).toEvent(), stored.get(4).toEvent());
    assertThat(result(ports.outbox().depth())).isEqualTo(2L);
  }

  @Test
  void givenEmptyOutbox_unpublished_isEmptyAndDepthZero() {
    assertThat(result(ports.outbox().unpublished(10))).isEmpty();
    assertThat(result(ports.outbox().depth())).isZero();
    result(ports.outbox().markPublished(List.of(), T0));
  }
}
