package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.relay.RelayOutboxService;
import dev.marketdata.application.relay.RelayOutboxSettings;
import dev.marketdata.testsupport.Await;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Relays read the outboxes by position (ADR 0016, V16): publishing writes no outbox row version at
 * all, so the tables are back at full pages (V15's room for claim updates is gone).
 */
@ExtendWith(PgStoreExtension.class)
class PgOutboxRowsUnchangedIT {
  private static final int ROWS = 300;

  private final PgTestStore store;
  private final MarketDataPorts ports;

  PgOutboxRowsUnchangedIT(PgTestStore store) {
    this.store = store;
    this.ports = store.emptyPorts();
  }

  @Test
  void aRelayRun_writesNoOutboxRowVersion() {
    for (int i = 0; i < ROWS; i++) {
      result(ports.ingestion().ingest(quote(uniqueSymbol(), "10." + i, T0.plusSeconds(i))));
    }
    List<String> before = versions();
    RelayOutboxService relay =
        new RelayOutboxService(
            ports.outbox(),
            events -> CompletableFuture.completedFuture(null),
            Clock.systemUTC(),
            new RelayOutboxSettings(50, Duration.ofMinutes(1), "relay-a"));

    Await.until(
        "every row published",
        () -> {
          result(relay.relayBatch());
          return result(ports.outbox().depth()) == 0;
        });

    // Same version of every row (its inserting xid, its place), and none locked or updated since.
    assertThat(versions()).isEqualTo(before);
    assertThat(store.query("SELECT count(*) FROM outbox WHERE xmax <> '0'").get(0).getLong(0))
        .isZero();
  }

  @Test
  void outboxTables_fillTheirPages() {
    List<Row> options =
        store.query(
            "SELECT relname, reloptions::text FROM pg_class"
                + " WHERE relname IN ('outbox', 'average_outbox', 'bar_outbox') ORDER BY relname");
    assertThat(options)
        .extracting(r -> r.getString(0) + " " + r.getString(1))
        .containsExactly(
            "average_outbox {fillfactor=100}",
            "bar_outbox {fillfactor=100}",
            "outbox {fillfactor=100}");
  }

  @Test
  void theUnpublishedIndexes_areGone() {
    assertThat(
            store
                .query(
                    "SELECT count(*) FROM pg_indexes WHERE indexname IN ('outbox_unpublished_idx',"
                        + " 'average_outbox_unpublished_idx', 'bar_outbox_unpublished_idx')")
                .get(0)
                .getLong(0))
        .isZero();
  }

  /** Each outbox row's inserting xid and place: a new row version changes both. */
  private List<String> versions() {
    return store.query("SELECT id, xmin::text, ctid::text FROM outbox ORDER BY id").stream()
        .map(r -> r.getLong(0) + " " + r.getString(1) + " " + r.getString(2))
        .toList();
  }
}
