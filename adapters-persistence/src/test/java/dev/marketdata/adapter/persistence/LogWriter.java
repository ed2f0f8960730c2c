package dev.marketdata.adapter.persistence;

import dev.marketdata.devservices.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A writer transaction of the live log driven step by step from a test (its own JDBC session), so
 * tests can hold it open while others commit: takes its xid, draws ids by inserting a price or an
 * average, then commits or rolls back.
 */
final class LogWriter implements AutoCloseable {
  private final Connection connection;

  LogWriter(PostgresDatabase db) throws SQLException {
    connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    connection.setAutoCommit(false);
  }

  /** Gives the transaction its xid now, as the real writers do before they draw an id. */
  long xid() throws SQLException {
    return single("SELECT pg_current_xact_id()::text::bigint");
  }

  long price(String symbol) throws SQLException {
    return single(
        "INSERT INTO outbox (raw_response_id, symbol, provider, price, quote_ts)"
            + " VALUES (gen_random_uuid(), '"
            + symbol
            + "', 'simulated', 101.5, now()) RETURNING id");
  }

  long average(String symbol) throws SQLException {
    return single(
        "INSERT INTO average_outbox (symbol, provider, window_size, value, sample_count, as_of)"
            + " VALUES ('"
            + symbol
            + "', 'simulated', 5, 100.25, 3, now()) RETURNING id");
  }

  void commit() throws SQLException {
    connection.commit();
  }

  void rollback() throws SQLException {
    connection.rollback();
  }

  private long single(String sql) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
