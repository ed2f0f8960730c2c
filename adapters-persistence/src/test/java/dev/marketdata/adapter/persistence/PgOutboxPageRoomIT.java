package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.domain.model.OutboxEntry;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A relay's claim writes only columns no index holds, so with room left on each page (V15) it is a
 * heap-only update: the claimed row version stays on its page and adds no index entries (on full
 * pages every claim moved the row and grew every index, the partial one the next claim scans too).
 */
@ExtendWith(PgStoreExtension.class)
class PgOutboxPageRoomIT {
  private static final int ROWS = 300;

  private final PgTestStore store;
  private final MarketDataPorts ports;

  PgOutboxPageRoomIT(PgTestStore store) {
    this.store = store;
    this.ports = store.emptyPorts();
  }

  @Test
  void claimedRows_stayOnTheirPage() {
    for (int i = 0; i < ROWS; i++) {
      result(ports.ingestion().ingest(quote(uniqueSymbol(), "10." + i, T0.plusSeconds(i))));
    }
    Map<Long, Integer> before = pages();
    assertThat(before).hasSize(ROWS);
    assertThat(before.values().stream().distinct().count())
        .as("the rows fill several pages")
        .isGreaterThan(2);

    List<OutboxEntry> claimed =
        result(ports.outbox().claim("relay-a", ROWS, Duration.ofMinutes(1)));

    assertThat(claimed).hasSize(ROWS);
    assertThat(pages()).isEqualTo(before);
  }

  @Test
  void outboxTables_leaveRoomOnEachPage() {
    List<Row> options =
        store.query(
            "SELECT relname, reloptions::text FROM pg_class"
                + " WHERE relname IN ('outbox', 'average_outbox', 'bar_outbox') ORDER BY relname");
    assertThat(options)
        .extracting(r -> r.getString(0) + " " + r.getString(1))
        .containsExactly(
            "average_outbox {fillfactor=40}",
            "bar_outbox {fillfactor=40}",
            "outbox {fillfactor=40}");
  }

  /** Each outbox row's heap page (the block number of its ctid). */
  private Map<Long, Integer> pages() {
    return store.query("SELECT id, (ctid::text::point)[0]::int AS page FROM outbox").stream()
        .collect(Collectors.toMap(r -> r.getLong("id"), r -> r.getInteger("page")));
  }
}
