package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.DailyBarRepository;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@code DailyBarRepository} promises: bars exactly as stored, ascending by day within
 * {@code [fromDay, toDayExclusive)}; an equal bar stored again changes nothing (raw response id
 * included); a corrected bar takes the newer answer.
 */
public abstract class DailyBarRepositoryContract {
  protected static final Symbol IBM = Symbol.of("IBM");
  protected static final ProviderId AV = ProviderId.ALPHA_VANTAGE;
  protected static final LocalDate D1 = LocalDate.parse("2025-03-21");
  protected static final LocalDate D2 = LocalDate.parse("2025-03-24");

  protected DailyBarRepository repository;

  /** A repository with no bars (and, for a database, no raw responses). */
  protected abstract DailyBarRepository emptyRepository();

  @BeforeEach
  void createRepository() {
    repository = emptyRepository();
  }

  /** Two days of IBM as Alpha Vantage answers them, the second day's close as given. */
  protected static FetchedHistory history(String close24, Instant fetchedAt) {
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

  private static DailyBar bar(
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
  void givenHistory_dailyBars_returnsItsBarsExactlyAscendingWithinTheRange() {
    FetchedHistory history = history("253.6900", Instant.parse("2025-03-25T12:00:00Z"));

    assertThat(result(repository.store(history))).isEqualTo(2);

    assertThat(result(repository.dailyBars(IBM, AV, D1, D2.plusDays(1))))
        .containsExactlyElementsOf(history.bars());
    assertThat(result(repository.dailyBars(IBM, AV, D1, D2)))
        .extracting(DailyBar::day)
        .containsExactly(D1);
    assertThat(result(repository.dailyBars(IBM, ProviderId.YAHOO, D1, D2.plusDays(1)))).isEmpty();
    assertThat(result(repository.dailyBars(Symbol.of("MSFT"), AV, D1, D2.plusDays(1)))).isEmpty();
  }

  @Test
  void givenSameHistoryTwice_store_changesNoBarAndKeepsTheFirstRawResponse() {
    FetchedHistory first = history("253.6900", Instant.parse("2025-03-25T12:00:00Z"));
    result(repository.store(first));

    int changed =
        result(repository.store(history("253.69", Instant.parse("2025-03-25T13:00:00Z"))));

    assertThat(changed).isZero();
    assertThat(result(repository.dailyBars(IBM, AV, D1, D2.plusDays(1))))
        .containsExactlyElementsOf(first.bars());
  }

  @Test
  void givenCorrectedDay_store_replacesThatBarWithTheNewerAnswer() {
    FetchedHistory first = history("253.6900", Instant.parse("2025-03-25T12:00:00Z"));
    result(repository.store(first));
    FetchedHistory corrected = history("253.7000", Instant.parse("2025-03-26T12:00:00Z"));

    int changed = result(repository.store(corrected));

    assertThat(changed).isEqualTo(1);
    List<DailyBar> bars = result(repository.dailyBars(IBM, AV, D1, D2.plusDays(1)));
    assertThat(bars).containsExactly(first.bars().get(0), corrected.bars().get(1));
  }
}
