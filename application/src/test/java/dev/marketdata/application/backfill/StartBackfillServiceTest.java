package dev.marketdata.application.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.BackfillJob;
import dev.marketdata.domain.model.BackfillJobStatus;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.BackfillJobRepository;
import dev.marketdata.domain.port.HistoryProvider;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class StartBackfillServiceTest {
  static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

  final QuoteProviders providers = mock(QuoteProviders.class);
  final BackfillJobRepository jobs = mock(BackfillJobRepository.class);
  final StartBackfillService service =
      new StartBackfillService(providers, jobs, new MutableClock(T0));

  static BackfillRequest request(String provider, String from) {
    return new BackfillRequest(
        List.of(Symbol.of("AAPL"), Symbol.of("AAPL"), Symbol.of("MSFT")),
        Optional.of(ProviderId.of(provider)),
        "1d",
        LocalDate.parse(from),
        LocalDate.parse("2026-11-27").isBefore(LocalDate.parse(from))
            ? LocalDate.parse(from)
            : LocalDate.parse("2026-11-27"));
  }

  @Test
  void givenAProviderWithHistory_start_storesAnAcceptedJobOfDistinctSymbols() {
    QuoteProvider yahoo = mock(QuoteProvider.class);
    when(yahoo.history()).thenReturn(Optional.of(mock(HistoryProvider.class)));
    when(providers.get(ProviderId.YAHOO)).thenReturn(yahoo);
    when(jobs.create(any())).thenAnswer(i -> CompletableFuture.completedFuture(i.getArgument(0)));

    BackfillJob job = service.start(request("yahoo", "2026-01-02")).toCompletableFuture().join();

    assertThat(job.status()).isEqualTo(BackfillJobStatus.ACCEPTED);
    assertThat(job.symbols()).containsExactly(Symbol.of("AAPL"), Symbol.of("MSFT"));
    assertThat(job.nextRunAt()).isEqualTo(T0);
  }

  @Test
  void givenAProviderWithoutHistory_start_failsNamingProviderAndStoresNothing() {
    QuoteProvider finnhub = mock(QuoteProvider.class);
    when(finnhub.history()).thenReturn(Optional.empty());
    when(providers.get(ProviderId.FINNHUB)).thenReturn(finnhub);

    assertThatThrownBy(
            () -> service.start(request("finnhub", "2026-01-02")).toCompletableFuture().join())
        .isInstanceOf(CompletionException.class)
        .satisfies(
            e -> assertThat(((InvalidInput) Futures.unwrap(e)).field()).isEqualTo("provider"));
    verify(jobs, never()).create(any());
    verify(finnhub, never()).fetch(any());
  }

  @Test
  void givenAStartInTheFuture_start_failsNamingFrom() {
    QuoteProvider yahoo = mock(QuoteProvider.class);
    when(yahoo.history()).thenReturn(Optional.of(mock(HistoryProvider.class)));
    when(providers.get(ProviderId.YAHOO)).thenReturn(yahoo);

    assertThatThrownBy(
            () -> service.start(request("yahoo", "2026-12-02")).toCompletableFuture().join())
        .satisfies(e -> assertThat(((InvalidInput) Futures.unwrap(e)).field()).isEqualTo("from"));
  }

  @Test
  void givenInterval1m_request_failsNamingInterval() {
    assertThatThrownBy(
            () ->
                new BackfillRequest(
                    List.of(Symbol.of("AAPL")),
                    Optional.empty(),
                    "1m",
                    LocalDate.parse("2026-01-02"),
                    LocalDate.parse("2026-01-03")))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("interval"));
  }
}
