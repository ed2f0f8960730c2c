package dev.marketdata.application.bar;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.model.BarCloseReport;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.port.BarCloser;
import dev.marketdata.domain.port.OutboxDoorbell;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/** Closes the bars that are due as of this process's clock. */
public final class CloseBarsService implements CloseBarsUseCase {
  private final BarCloser closer;
  private final BarCloseSettings settings;
  private final MarketTimeZone zone;
  private final Clock clock;
  private final OutboxDoorbell doorbell;

  @Inject
  public CloseBarsService(
      BarCloser closer,
      BarCloseSettings settings,
      MarketTimeZone zone,
      Clock clock,
      OutboxDoorbell doorbell) {
    this.closer = closer;
    this.settings = settings;
    this.zone = zone;
    this.clock = clock;
    this.doorbell = doorbell;
  }

  public CloseBarsService(
      BarCloser closer, BarCloseSettings settings, MarketTimeZone zone, Clock clock) {
    this(closer, settings, zone, clock, OutboxDoorbell.none());
  }

  @Override
  public CompletionStage<BarCloseReport> close() {
    return Futures.defer(() -> closer.close(clock.instant(), settings.grace(), zone.zone()))
        .thenApply(
            report -> {
              if (report.bars() > 0) {
                doorbell.ring(OutboxDoorbell.Kind.BARS); // committed with the bars
              }
              return report;
            });
  }
}
