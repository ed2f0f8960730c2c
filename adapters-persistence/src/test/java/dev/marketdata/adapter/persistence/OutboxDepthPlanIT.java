package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox depth, called by poll back-pressure and the gauges every few hundred milliseconds,
 * reads only the rows above the position through the primary key: a plan that scans the whole table
 * grows with it (issue 20's profile: a parallel sequential scan of 640,000 rows, 60 ms a call).
 */
@ExtendWith(PgStoreExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxDepthPlanIT {
  private static final int BELOW = 120_000;
  private static final int ABOVE = 110_000;
  private final PgTestStore store;

  OutboxDepthPlanIT(PgTestStore store) {
    this.store = store;
  }

  @BeforeAll
  void fillTheOutboxAboveAndBelowThePosition() {
    store.emptyPorts();
    store.execute(
        "INSERT INTO outbox (raw_response_id, symbol, provider, price, quote_ts)"
            + " SELECT gen_random_uuid(), 'S' || (g % 40), 'simulated', 101.5, now()"
            + " FROM generate_series(1, "
            + (BELOW + ABOVE)
            + ") g; ANALYZE outbox");
    long position =
        store.query("SELECT min(id) + " + (BELOW - 1) + " FROM outbox").get(0).getLong(0);
    store.publishedUpTo("outbox", position);
  }

  @Test
  void givenRowsAboveAndBelowThePosition_depth_countsExactlyTheRowsAbove() {
    PgOutbox outbox = new PgOutbox(store.pool);

    // Seven calls through the adapter's own prepared statement, past the five after which
    // PostgreSQL may switch a prepared statement to its generic plan.
    for (int i = 0; i < 7; i++) {
      assertThat(result(outbox.depth())).isEqualTo((long) ABOVE);
    }
  }

  @Test
  void givenALargeOutbox_depth_isPlannedWithoutScanningTheTable() {
    String plan =
        store
            .query("EXPLAIN (FORMAT JSON) " + OutboxRows.depthQuery("outbox"))
            .get(0)
            .getValue(0)
            .toString();

    assertThat(scansOf(plan, "outbox")).isNotEmpty().doesNotContain("Seq Scan");
    // What keeps it so as the table grows: the range is estimated small, not a third of the table.
    assertThat(countedRowsEstimate(plan)).isLessThan((BELOW + ABOVE) / 20);
  }

  @Test
  void givenALargeOutbox_depthsGenericPlan_scansNoTableEither() throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                store.database.jdbcUrl(), store.database.user(), store.database.password());
        Statement st = c.createStatement()) {
      st.execute("SET plan_cache_mode = force_generic_plan");
      st.execute("PREPARE depth AS " + OutboxRows.depthQuery("outbox"));
      for (int i = 0; i < 6; i++) {
        try (ResultSet rs = st.executeQuery("EXECUTE depth")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(ABOVE);
        }
      }
      try (ResultSet rs = st.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE depth")) {
        rs.next();
        String plan = rs.getString(1);
        assertThat(scansOf(plan, "outbox")).isNotEmpty().doesNotContain("Seq Scan");
        assertThat(countedRowsEstimate(plan)).isLessThan((BELOW + ABOVE) / 20);
      }
    }
  }

  /** The planner's row estimate for the scan under the count (the plan's top node's child). */
  private static long countedRowsEstimate(String explain) {
    JsonObject top = new JsonArray(explain).getJsonObject(0).getJsonObject("Plan");
    JsonArray children = top.getJsonArray("Plans");
    for (int i = 0; i < children.size(); i++) {
      JsonObject child = children.getJsonObject(i);
      if ("Outer".equals(child.getString("Parent Relationship"))) {
        return child.getLong("Plan Rows");
      }
    }
    throw new AssertionError("no scan under the count in " + explain);
  }

  /** The node types of every plan node that reads {@code table}. */
  private static List<String> scansOf(String explain, String table) {
    List<String> scans = new ArrayList<>();
    collect(new JsonArray(explain).getJsonObject(0).getJsonObject("Plan"), table, scans);
    return scans;
  }

  private static void collect(JsonObject node, String table, List<String> scans) {
    if (table.equals(node.getString("Relation Name"))) {
      scans.add(node.getString("Node Type"));
    }
    JsonArray children = node.getJsonArray("Plans");
    if (children != null) {
      for (int i = 0; i < children.size(); i++) {
        collect(children.getJsonObject(i), table, scans);
      }
    }
  }
}
