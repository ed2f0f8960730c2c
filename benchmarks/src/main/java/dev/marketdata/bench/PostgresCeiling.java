package dev.marketdata.bench;

import dev.marketdata.devservices.postgres.EmbeddedPostgres;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline ceiling: rows per second a JDBC batch insert (500 rows a batch, one commit a batch,
 * reWriteBatchedInserts) reaches into a scratch table shaped like price_points, on the same
 * embedded PostgreSQL 17 the service runs in embedded mode.
 */
final class PostgresCeiling {
  private static final Logger log = LoggerFactory.getLogger(PostgresCeiling.class);
  private static final int BATCH = 500;

  private PostgresCeiling() {}

  static JsonObject run(int rows) throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.startTemporary();
        Connection c =
            DriverManager.getConnection(pg.jdbcUrl("postgres") + "&reWriteBatchedInserts=true")) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE scratch_points (id uuid PRIMARY KEY, symbol text NOT NULL,"
                + " provider text NOT NULL, price numeric(20,8) NOT NULL,"
                + " quoted_at timestamptz NOT NULL, fetched_at timestamptz NOT NULL)");
      }
      c.setAutoCommit(false);
      Instant t0 = Instant.now();
      long start = System.nanoTime();
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO scratch_points VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < rows; i++) {
          insert.setObject(1, UUID.randomUUID());
          insert.setString(2, "S" + (i % 1000));
          insert.setString(3, "simulated");
          insert.setBigDecimal(4, new BigDecimal("150.25").add(BigDecimal.valueOf(i % 100, 2)));
          insert.setTimestamp(5, Timestamp.from(t0.plusMillis(i)));
          insert.setTimestamp(6, Timestamp.from(t0.plusMillis(i)));
          insert.addBatch();
          if ((i + 1) % BATCH == 0 || i == rows - 1) {
            insert.executeBatch();
            c.commit();
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      JsonObject r =
          new JsonObject()
              .put("rows", rows)
              .put("batch", BATCH)
              .put("rows_per_second", Report.round(rows / seconds));
      log.info("PostgreSQL ceiling {}", r.encode());
      return r;
    }
  }
}
