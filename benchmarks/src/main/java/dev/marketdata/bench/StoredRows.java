package dev.marketdata.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the stored price rows behind prices an SSE client received, from the service's embedded
 * PostgreSQL (its port from {@code postmaster.pid}, the trusted superuser): the row's {@code
 * created_at} is {@code now()} of the ingest transaction, i.e. the instant it began, after the
 * fetch and shortly before its commit.
 */
final class StoredRows {
  private StoredRows() {}

  /**
   * Latency from the ingest transaction's start to the first and to the last receipt of each price,
   * and from fetch to that start, over the prices in {@code receipts} (raw_response_id → [first,
   * last] epoch µs of receipt).
   */
  static JsonObject fromTransactionStart(Path dataDir, JsonObject receipts) throws Exception {
    List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
    String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres?user=postgres";
    LatencyHistogram toFirst = new LatencyHistogram();
    LatencyHistogram toLast = new LatencyHistogram();
    LatencyHistogram fetchToStart = new LatencyHistogram();
    List<String> ids = new ArrayList<>(receipts.fieldNames());
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement q =
            c.prepareStatement(
                "SELECT raw_response_id::text,"
                    + " (extract(epoch FROM created_at) * 1000000)::bigint,"
                    + " (extract(epoch FROM created_at - fetched_at) * 1000000)::bigint"
                    + " FROM price_points WHERE raw_response_id = ANY(?::uuid[])")) {
      Array array = c.createArrayOf("text", ids.toArray());
      q.setArray(1, array);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          JsonArray at = receipts.getJsonArray(rs.getString(1));
          toFirst.record(at.getLong(0) - rs.getLong(2));
          toLast.record(at.getLong(1) - rs.getLong(2));
          fetchToStart.record(rs.getLong(3));
        }
      }
    }
    return new JsonObject()
        .put("prices_sampled", ids.size())
        .put("rows_found", toFirst.count())
        .put("transaction_start_to_first_receipt", toFirst.toJson())
        .put("transaction_start_to_last_receipt", toLast.toJson())
        .put("fetch_to_transaction_start", fetchToStart.toJson());
  }
}
