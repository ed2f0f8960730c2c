package dev.marketdata.bootstrap.reliability;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.adapter.persistence.PgConnectionConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The end of every scenario: wait until the pipeline is quiet, then check nothing was lost. */
final class Settled {
  private static final Logger log = LoggerFactory.getLogger(Settled.class);
  static final Duration WAIT = Duration.ofSeconds(90);

  private Settled() {}

  static Ledger ledger(PgConnectionConfig db) {
    return new Ledger(db.jdbcUrl(), db.user(), db.password());
  }

  /**
   * Waits (jobs stopped first) until no raw row arrived for a second and a half, every outbox row
   * is published and every average equals the independent computation.
   */
  static void awaitQuiet(Ledger ledger) {
    until(
        "the pipeline is quiet: nothing new for 1.5 s, outbox drained, averages caught up",
        WAIT,
        () ->
            ledger.count(
                        "SELECT count(*) FROM raw_market_data"
                            + " WHERE fetched_at > now() - interval '1.5 seconds'")
                    == 0
                && ledger.allPublished()
                && ledger.averagesMatch());
  }

  /**
   * Every raw row has exactly one price point and one outbox row, all published; {@code
   * price-events} carries each raw_response_id (and no other); symbol_averages equal the
   * independent computation. Logs the counts for docs/reliability.md.
   */
  static Ledger.Totals assertNothingLostOrDuplicated(
      String scenario, Ledger ledger, String kafkaBootstrapServers) {
    Ledger.Totals totals = ledger.assertEveryRawRowHasOnePointAndOneOutboxRow();
    assertThat(totals.unpublished()).as("outbox rows not yet published").isZero();
    assertThat(ledger.averageMismatches()).as("symbol_averages vs price_points").isEmpty();
    long records = -1;
    if (kafkaBootstrapServers != null) {
      PriceEventsTopic.Count events = PriceEventsTopic.readAll(kafkaBootstrapServers);
      Set<String> rawIds =
          new HashSet<>(
              ledger.query("SELECT id::text FROM raw_market_data", rs -> rs.getString(1)));
      assertThat(events.rawResponseIds())
          .as("distinct raw_response_id on price-events")
          .hasSize(rawIds.size())
          .isEqualTo(rawIds);
      records = events.records();
    }
    log.info(
        "reliability result scenario={} raw={} price_points={} outbox={} event_records={}"
            + " distinct_events={} series={}",
        scenario,
        totals.raw(),
        totals.points(),
        totals.outbox(),
        records,
        records < 0 ? -1 : totals.raw(),
        ledger.series());
    return totals;
  }
}
