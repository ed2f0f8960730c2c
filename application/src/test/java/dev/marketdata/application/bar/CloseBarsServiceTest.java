package dev.marketdata.application.bar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.model.BarCloseReport;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.port.BarCloser;
import dev.marketdata.domain.port.OutboxDoorbell.Kind;
import dev.marketdata.testsupport.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CloseBarsServiceTest {
  private final BarCloser closer = mock(BarCloser.class);
  private final List<Kind> rings = new CopyOnWriteArrayList<>();
  private final CloseBarsService service =
      new CloseBarsService(
          closer,
          new BarCloseSettings(Duration.ofSeconds(5)),
          MarketTimeZone.NEW_YORK,
          Clock.fixed(Instant.parse("2026-11-30T18:00:00Z"), ZoneOffset.UTC),
          rings::add);

  @Test
  void givenBarsQueued_close_ringsTheBarsRelay_afterTheCommit() {
    CompletableFuture<BarCloseReport> commit = new CompletableFuture<>();
    when(closer.close(any(), any(), any())).thenReturn(commit);

    var report = service.close();
    assertThat(rings).isEmpty();
    commit.complete(new BarCloseReport(false, 3));

    assertThat(Await.result(report).bars()).isEqualTo(3);
    assertThat(rings).containsExactly(Kind.BARS);
  }

  @Test
  void givenNothingQueued_close_ringsNothing() {
    when(closer.close(any(), any(), any()))
        .thenReturn(CompletableFuture.completedFuture(BarCloseReport.SKIPPED))
        .thenReturn(CompletableFuture.completedFuture(new BarCloseReport(false, 0)));

    Await.result(service.close());
    Await.result(service.close());

    assertThat(rings).isEmpty();
  }
}
