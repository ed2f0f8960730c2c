package dev.marketdata.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.OutboxSql;
import dev.marketdata.domain.average.MovingAverageCalculator;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the database holds, read over plain JDBC, and the "nothing lost, nothing duplicated" checks
 * every reliability scenario ends with.
 */
record Ledger(String jdbcUrl, String user, String password) {

  /** The counts one scenario ended with, for its assertions and for docs/reliability.md. */
  record Totals(long raw, long points, long outbox, long unpublished) {}

  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  <T> List<T> query(String sql, Row<T> row, Object... args) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.read(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  long count(String sql, Object... args) {
    return query(sql, rs -> rs.getLong(1), args).get(0);
  }

  Totals totals() {
    return new Totals(
        count("SELECT count(*) FROM raw_market_data"),
        count("SELECT count(*) FROM price_points"),
        count("SELECT count(*) FROM outbox"),
        count(OutboxSql.waiting("outbox")));
  }

  boolean allPublished() {
    return count(OutboxSql.waiting("outbox")) == 0;
  }

  /**
   * Every raw response has exactly one price point and exactly one outbox row, and nothing else
   * exists (the foreign keys make points and outbox rows without a raw response impossible).
   */
  Totals assertEveryRawRowHasOnePointAndOneOutboxRow() {
    Totals totals = totals();
    assertThat(totals.raw()).as("raw_market_data rows").isPositive();
    assertThat(
            count(
                "SELECT count(*) FROM raw_market_data r"
                    + " WHERE (SELECT count(*) FROM price_points p WHERE p.raw_response_id = r.id)"
                    + " <> 1"
                    + " OR (SELECT count(*) FROM outbox o WHERE o.raw_response_id = r.id) <> 1"))
        .as("raw rows without exactly one price point and one outbox row")
        .isZero();
    assertThat(totals.points()).as("price_points").isEqualTo(totals.raw());
    assertThat(totals.outbox()).as("outbox rows").isEqualTo(totals.raw());
    return totals;
  }

  /** Each (symbol, provider) stored: the mean of its newest five price points, newest first. */
  BigDecimal independentAverage(String symbol, String provider) {
    List<BigDecimal> newestFirst =
        query(
            // Suspect prices do not count (ADR 0014).
            "SELECT price FROM price_points WHERE symbol = ? AND provider = ? AND NOT suspect"
                + " ORDER BY quote_ts DESC, raw_response_id DESC LIMIT 5",
            rs -> rs.getBigDecimal(1),
            symbol,
            provider);
    List<BigDecimal> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return MovingAverageCalculator.ofWindow(5).average(oldestFirst).value();
  }

  /** Human-readable differences between symbol_averages and the independent computation. */
  List<String> averageMismatches() {
    List<String> mismatches = new ArrayList<>();
    List<String[]> series =
        query(
            "SELECT DISTINCT symbol, provider FROM price_points ORDER BY 1, 2",
            rs -> new String[] {rs.getString(1), rs.getString(2)});
    for (String[] s : series) {
      BigDecimal expected = independentAverage(s[0], s[1]);
      List<BigDecimal> stored =
          query(
              "SELECT value FROM symbol_averages"
                  + " WHERE symbol = ? AND provider = ? AND window_size = 5",
              rs -> rs.getBigDecimal(1),
              s[0],
              s[1]);
      if (stored.size() != 1 || stored.get(0).compareTo(expected) != 0) {
        mismatches.add(s[0] + "/" + s[1] + ": stored " + stored + ", expected " + expected);
      }
    }
    long extra =
        count(
            "SELECT count(*) FROM symbol_averages a WHERE NOT EXISTS (SELECT 1 FROM price_points p"
                + " WHERE p.symbol = a.symbol AND p.provider = a.provider)");
    if (extra > 0) {
      mismatches.add(extra + " averages without any price point");
    }
    return mismatches;
  }

  boolean averagesMatch() {
    return averageMismatches().isEmpty();
  }

  /** How many (symbol, provider) series the averages were compared over. */
  long series() {
    return count("SELECT count(*) FROM (SELECT DISTINCT symbol, provider FROM price_points) s");
  }
}
