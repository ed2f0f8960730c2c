package dev.marketdata.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * How much disk the stored data takes, read over JDBC at the end of a window: {@code
 * pg_database_size} and {@code pg_total_relation_size} of each table (a partitioned table's
 * partitions summed under it), each also per million price points stored.
 */
final class DatabaseSize {
  private static final double MIB = 1024.0 * 1024.0;

  /** Tables summed by their partition root; a plain table is its own root. */
  private static final String TABLES =
      "SELECT coalesce(pg_partition_root(c.oid), c.oid)::regclass::text AS t,"
          + " sum(pg_total_relation_size(c.oid)) FROM pg_class c"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
          + " GROUP BY 1 ORDER BY 2 DESC";

  private DatabaseSize() {}

  /** The JDBC URL of a service's embedded PostgreSQL (port from {@code postmaster.pid}). */
  static String embeddedJdbcUrl(Path dataDir) throws java.io.IOException {
    List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
    return "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres?user=postgres";
  }

  static JsonObject read(String jdbcUrl) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      long database;
      try (ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
        rs.next();
        database = rs.getLong(1);
      }
      long points;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM price_points")) {
        rs.next();
        points = rs.getLong(1);
      }
      JsonObject tables = new JsonObject();
      try (ResultSet rs = s.executeQuery(TABLES)) {
        while (rs.next()) {
          tables.put(rs.getString(1), rs.getLong(2));
        }
      }
      return summarize(database, points, tables);
    }
  }

  /** Bytes as read, and MiB per million price points (NaN when none is stored). */
  static JsonObject summarize(long databaseBytes, long pricePoints, JsonObject tableBytes) {
    JsonObject perMillion = new JsonObject();
    for (String table : tableBytes.fieldNames()) {
      perMillion.put(table, perMillionMiB(tableBytes.getLong(table), pricePoints));
    }
    return new JsonObject()
        .put("price_points", pricePoints)
        .put("database_bytes", databaseBytes)
        .put("database_mib_per_million_points", perMillionMiB(databaseBytes, pricePoints))
        .put("table_bytes", tableBytes)
        .put("table_mib_per_million_points", perMillion);
  }

  static double perMillionMiB(long bytes, long pricePoints) {
    return pricePoints == 0 ? Double.NaN : Report.round(bytes / MIB / pricePoints * 1_000_000);
  }
}
