package dev.marketdata.bootstrap.e2e;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.testing.ServiceHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In one process (embedded mode) a stored price reaches {@code price-events} at once although the
 * relay would next look a minute later: the ingest's doorbell, not the relay's timer, delivered it.
 *
 * <p>The poll interval is a minute as well as the idle maximum, so after the step that published
 * the first price (a step that found rows waits the poll interval) nothing but a ring can explain
 * the second price going out within the bound; a poll interval of a few milliseconds would let the
 * timer find it too.
 */
class RelayDoorbellIT {
  private static final Duration RELAY_WAIT = Duration.ofSeconds(60);

  /** Generous for a loaded machine, and far below the relay's own minute. */
  private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(20);

  @TempDir Path dataDir;

  @Test
  void givenARelayWaitingAMinute_aPriceStoredInTheSameProcess_isPublishedAtOnce() {
    Map<String, String> env =
        Map.of(
            "MDS_DATA_DIR", dataDir.toString(),
            "MDS_HTTP_PORT", "0",
            "MDS_INSTANCE_ID", "doorbell",
            "MDS_PROVIDERS", "simulated",
            "MDS_RELAY_POLL_MILLIS", String.valueOf(RELAY_WAIT.toMillis()),
            "MDS_RELAY_IDLE_MAX_MILLIS", String.valueOf(RELAY_WAIT.toMillis()),
            "MDS_SHUTDOWN_TIMEOUT_SECONDS", "20");
    try (ServiceHarness service = ServiceHarness.start(env)) {
      for (String symbol : new String[] {"AAPL", "MSFT"}) {
        // A latest-price miss fetches, stores and (after the commit) rings the price relay.
        assertThat(service.get("/prices/latest?symbol=" + symbol).status()).isEqualTo(200);

        // The consumer averages only what it read from price-events: the row proves delivery.
        until(
            symbol + "'s price is on price-events and averaged",
            DELIVERED_WITHIN,
            () ->
                service.count(
                        "SELECT count(*) FROM symbol_averages WHERE symbol = '" + symbol + "'")
                    > 0);
      }
    }
  }
}
