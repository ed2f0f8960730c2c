package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgDailyBarRepositoryIT {
  static final Symbol IBM = Symbol.of("IBM");
  static final ProviderId AV = ProviderId.ALPHA_VANTAGE;
  static final LocalDate D1 = LocalDate.parse("2025-03-21");
  static final LocalDate D2 = LocalDate.parse("2025-03-24");

  private final PgTestStore store;
  private PgDailyBarRepository repository;

  PgDailyBarRepositoryIT(PgTestStore store) {
    this.store = store;
  }

  @BeforeEach
  void empty() {
    store.execute("TRUNCATE daily_bars, raw_market_data");
    repository = new PgDailyBarRepository(store.pool);
  }

  static FetchedHistory history(String close24, Instant fetchedAt) {
    RawResponse raw =
        new RawResponse(
            UUID.randomUUID(),
            AV,
            IBM,
            200,
            ("{\"close\":\"" + close24 + "\"}").getBytes(StandardCharsets.UTF_8),
            "application/json",
            fetchedAt);
    return new FetchedHistory(
        List.of(
            bar(D1, "249.7700", "249.8800", "245.4700", "246.1800", 14017100L, raw.id()),
            bar(D2, "249.4900", "254.0500", "248.7800", close24, 3712637L, raw.id())),
        raw);
  }

  static DailyBar bar(
      LocalDate day, String o, String h, String l, String c, Long volume, UUID rawId) {
    return new DailyBar(
        IBM,
        AV,
        day,
        new BigDecimal(o),
        new BigDecimal(h),
        new BigDecimal(l),
        new BigDecimal(c),
        volume,
        rawId);
  }

  @Test
  void givenHistory_dailyBars_returnsItsBarsExactlyAscending() {
    FetchedHistory history = history("253.6900", Instant.parse("2025-03-25T12:00:00Z"));

    int stored = Await.result(repository.store(history));

    assertThat(stored).isEqualTo(2);
    assertThat(Await.result(repository.dailyBars(IBM, AV, D1, D2.plusDays(1))))
        .containsExactlyElementsOf(history.bars());
    assertThat(Await.result(repository.dailyBars(IBM, AV, D1, D2)))
        .extracting(DailyBar::day)
        .containsExactly(D1);
    assertThat(Await.result(repository.dailyBars(IBM, ProviderId.YAHOO, D1, D2.plusDays(1))))
        .isEmpty();
  }

  @Test
  void givenSameHistoryTwice_store_changesNoBarAndKeepsTheFirstRawResponse() {
    FetchedHistory first = history("253.6900", Instant.parse("2025-03-25T12:00:00Z"));
    FetchedHistory again = history("253.69", Instant.parse("2025-03-25T13:00:00Z"));
    Await.result(repository.store(first));

    int changed = Await.result(repository.store(again));

    assertThat(changed).isZero();
    assertThat(store.count("daily_bars")).isEqualTo(2);
    assertThat(Await.result(repository.dailyBars(IBM, AV, D1, D2.plusDays(1))))
        .containsExactlyElementsOf(first.bars());
    // Each call is recorded: the second fetch's raw response is stored, and only that.
    assertThat(store.count("raw_market_data")).isEqualTo(2);
  }

  @Test
  void givenCorrectedDay_store_replacesThatBarWithTheNewerAnswer() {
    Await.result(repository.store(history("253.6900", Instant.parse("2025-03-25T12:00:00Z"))));
    FetchedHistory corrected = history("253.7000", Instant.parse("2025-03-26T12:00:00Z"));

    int changed = Await.result(repository.store(corrected));

    assertThat(changed).isEqualTo(1);
    List<DailyBar> bars = Await.result(repository.dailyBars(IBM, AV, D1, D2.plusDays(1)));
    assertThat(bars.get(1)).isEqualTo(corrected.bars().get(1));
    assertThat(bars.get(0).rawResponseId()).isNotEqualTo(corrected.raw().id());
  }
}
