package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.DailyBarRepositoryContract;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.port.DailyBarRepository;
import dev.marketdata.testsupport.Await;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgDailyBarRepositoryIT extends DailyBarRepositoryContract {
  private final PgTestStore store;

  PgDailyBarRepositoryIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected DailyBarRepository emptyRepository() {
    store.execute("TRUNCATE daily_bars, raw_market_data");
    return new PgDailyBarRepository(store.pool);
  }

  @Test
  void givenSameHistoryTwice_store_keepsOneRowPerDayAndOneRawResponsePerCall() {
    FetchedHistory first = history("253.6900", Instant.parse("2025-03-25T12:00:00Z"));
    FetchedHistory again = history("253.6900", Instant.parse("2025-03-25T13:00:00Z"));

    Await.result(repository.store(first));
    Await.result(repository.store(again));

    assertThat(store.count("daily_bars")).isEqualTo(2);
    // Each call is recorded: the second fetch's raw response is stored, and only that.
    assertThat(store.count("raw_market_data")).isEqualTo(2);
    assertThat(
            store.query(
                "SELECT count(*) FROM daily_bars WHERE raw_response_id = $1", first.raw().id()))
        .singleElement()
        .satisfies(row -> assertThat(row.getLong(0)).isEqualTo(2));
  }
}
