package dev.marketdata.application.average;

import static dev.marketdata.testsupport.Samples.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.MovingAverageRepository;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.QuoteProviders;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetMovingAverageServiceTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");
  private static final Symbol AAPL = Symbol.of("AAPL");
  private final MovingAverageRepository averages = mock(MovingAverageRepository.class);
  private final PricePointRepository points = mock(PricePointRepository.class);
  private final QuoteProviders providers = mock(QuoteProviders.class);
  private GetMovingAverageService service;

  @BeforeEach
  void setUp() {
    when(providers.defaultProvider()).thenReturn(ProviderId.SIMULATED);
    service = new GetMovingAverageService(averages, points, providers, AverageWindows.of(5));
  }

  private Throwable failure(int window) {
    return Futures.unwrap(
        service
            .get(AAPL, Optional.empty(), window)
            .toCompletableFuture()
            .handle((v, e) -> e)
            .join());
  }

  @Test
  void givenAMaintainedWindow_get_servesTheStoredAverage() {
    MovingAverage stored =
        new MovingAverage(AAPL, ProviderId.SIMULATED, 5, new BigDecimal("100"), 5, T0);
    when(averages.find(AAPL, ProviderId.SIMULATED, 5))
        .thenReturn(CompletableFuture.completedFuture(Optional.of(stored)));

    assertThat(service.get(AAPL, Optional.empty(), 5).toCompletableFuture().join())
        .isEqualTo(stored);
    verify(points, never()).newest(any(), any(), anyInt());
  }

  @Test
  void givenAnotherWindow_get_computesFromTheNewestStoredPoints() {
    List<PricePoint> newest =
        List.of(
            point("AAPL", ProviderId.SIMULATED, "30", T0.plusSeconds(2)),
            point("AAPL", ProviderId.SIMULATED, "20", T0.plusSeconds(1)),
            point("AAPL", ProviderId.SIMULATED, "10", T0));
    when(points.newest(AAPL, ProviderId.SIMULATED, 3))
        .thenReturn(CompletableFuture.completedFuture(newest));

    MovingAverage avg = service.get(AAPL, Optional.empty(), 3).toCompletableFuture().join();

    assertThat(avg.value()).isEqualByComparingTo("20");
    assertThat(avg.sampleCount()).isEqualTo(3);
    assertThat(avg.asOf()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void givenNoStoredPrices_get_failsWithSymbolNotFound() {
    when(averages.find(any(), any(), anyInt()))
        .thenReturn(CompletableFuture.completedFuture(Optional.empty()));
    when(points.newest(any(), any(), anyInt()))
        .thenReturn(CompletableFuture.completedFuture(List.of()));

    assertThat(failure(5)).isInstanceOf(SymbolNotFound.class);
  }

  @Test
  void givenWindowOutOfRange_get_failsNamingWindow() {
    assertThat(failure(0)).isInstanceOf(InvalidInput.class).hasMessageStartingWith("window");
    assertThat(failure(1001)).isInstanceOf(InvalidInput.class);
  }
}
