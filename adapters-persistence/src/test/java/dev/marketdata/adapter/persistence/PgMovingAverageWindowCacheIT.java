package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.event;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two consumers' repositories on one database, as two replicas (or a partition moving between them)
 * have: each keeps the windows it wrote, and uses one only while the stored row is still the one it
 * wrote.
 */
@ExtendWith(PgStoreExtension.class)
class PgMovingAverageWindowCacheIT {
  private static final Set<Integer> THREE = Set.of(3);
  private static PgTestStore store;

  @BeforeAll
  static void start(PgTestStore shared) {
    store = shared;
  }

  private static PriceEvent at(Symbol symbol, String price, int second) {
    return event(symbol, price, T0.plusSeconds(second));
  }

  private static BigDecimal average(PgMovingAverageRepository repository, PriceEvent... events) {
    List<MovingAverage> averages = result(repository.apply(List.of(events), THREE));
    assertThat(averages).hasSize(1);
    return averages.get(0).value();
  }

  private static String rounded(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  @Test
  void givenItsOwnCommittedWindow_nextBatch_readsNoStoredWindow() {
    PgMovingAverageRepository consumer = new PgMovingAverageRepository(store.pool);
    Symbol symbol = uniqueSymbol();
    average(consumer, at(symbol, "10", 1), at(symbol, "20", 2), at(symbol, "30", 3));
    long read = consumer.windowsRead();

    PriceEvent forty = at(symbol, "40", 4);
    BigDecimal next = average(consumer, forty);

    assertThat(consumer.windowsRead()).isEqualTo(read);
    assertThat(next).isEqualByComparingTo("30");
    // A replay by a consumer without the window in memory reads the stored row: the same window.
    PgMovingAverageRepository fresh = new PgMovingAverageRepository(store.pool);
    assertThat(average(fresh, forty)).isEqualTo(next);
    assertThat(fresh.windowsRead()).isEqualTo(1);
  }

  @Test
  void givenAnotherConsumerCommittedSince_nextBatch_usesTheStoredWindowNotItsOwn() {
    PgMovingAverageRepository first = new PgMovingAverageRepository(store.pool);
    PgMovingAverageRepository second = new PgMovingAverageRepository(store.pool);
    Symbol symbol = uniqueSymbol();
    average(first, at(symbol, "10", 1), at(symbol, "20", 2));
    // The partition moves: the second consumer applies the next price.
    assertThat(average(second, at(symbol, "30", 3))).isEqualByComparingTo("20");
    long read = first.windowsRead();

    // It comes back: its window of (10, 20) is stale; the stored one is (10, 20, 30).
    BigDecimal next = average(first, at(symbol, "60", 4));

    assertThat(rounded(next)).isEqualTo("36.67");
    assertThat(first.windowsRead()).isEqualTo(read + 1);
  }

  @Test
  void givenAWindowChangedInThePastOnly_nextBatch_stillSeesTheChange() {
    PgMovingAverageRepository first = new PgMovingAverageRepository(store.pool);
    PgMovingAverageRepository second = new PgMovingAverageRepository(store.pool);
    Symbol symbol = uniqueSymbol();
    average(first, at(symbol, "10", 1), at(symbol, "20", 2), at(symbol, "90", 9));
    // A late price inside the window: the newest price stays 90, the window becomes (20, 50, 90).
    assertThat(rounded(average(second, at(symbol, "50", 5)))).isEqualTo("53.33");

    BigDecimal next = average(first, at(symbol, "30", 3));

    // (30, 50, 90); the first consumer's own window would have made it (20, 30, 90), 46.67.
    assertThat(rounded(next)).isEqualTo("56.67");
  }
}
