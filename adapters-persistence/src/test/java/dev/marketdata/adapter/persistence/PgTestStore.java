package dev.marketdata.adapter.persistence;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** A migrated test database with a Vert.x pool on it, and the adapters built on that pool. */
final class PgTestStore implements AutoCloseable {
  final PostgresDatabase database;
  final PgConnectionConfig config;
  final Vertx vertx;
  final Pool pool;

  private PgTestStore(PostgresDatabase database) {
    this.database = database;
    this.config = PgConnectionConfig.fromUrl(database.postgresqlUrl(), 8);
    this.vertx = Vertx.vertx();
    this.pool = PgPools.migrateAndOpen(vertx, config);
  }

  static PgTestStore start(PostgresDatabase database) {
    return new PgTestStore(database);
  }

  /** Empties every table, then hands out the adapters. */
  MarketDataPorts emptyPorts() {
    return emptyPorts(dev.marketdata.domain.quality.QualityRules.defaults());
  }

  /** Empties every table, then hands out the adapters, ingesting by {@code rules} (ADR 0014). */
  MarketDataPorts emptyPorts(dev.marketdata.domain.quality.QualityRules rules) {
    execute(
        "TRUNCATE outbox, average_outbox, bar_outbox, bar_closes, price_points, raw_market_data, symbol_averages,"
            + " quote_heads,"
            + " poll_jobs, fetch_leases RESTART IDENTITY");
    // Ids start at 1 again, so every outbox starts from position 0 with no relay leading it.
    execute("UPDATE relay_positions SET position = 0, holder = NULL, lease_expires_at = NULL");
    MarketDataPorts ports = ports(pool);
    return new MarketDataPorts(
        new PgIngestionRepository(pool, rules),
        ports.pricePoints(),
        ports.rawResponses(),
        ports.movingAverages(),
        ports.pollJobs(),
        ports.outbox(),
        ports.maintenance());
  }

  /** Moves {@code table}'s relay position to {@code id}, as a relay does once it published it. */
  void publishedUpTo(String table, long id) {
    query("UPDATE relay_positions SET position = $1 WHERE outbox = $2", id, table);
  }

  /** Drops every daily (and legacy) partition, leaving the default ones: no day prepared yet. */
  void dropDailyPartitions() {
    execute(
        "DO $$ DECLARE p record; BEGIN FOR p IN SELECT c.relname FROM pg_inherits i"
            + " JOIN pg_class c ON c.oid = i.inhrelid"
            + " WHERE i.inhparent IN ('raw_market_data'::regclass, 'price_points'::regclass)"
            + " AND pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'"
            + " LOOP EXECUTE format('DROP TABLE %I', p.relname); END LOOP; END $$");
  }

  /** The partitions of {@code table}, by name. */
  List<String> partitions(String table) {
    return query(
            "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = $1::regclass ORDER BY 1",
            table)
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  static MarketDataPorts ports(Pool pool) {
    return new MarketDataPorts(
        new PgIngestionRepository(pool),
        new PgPricePointRepository(pool),
        new PgRawResponseRepository(pool),
        new PgMovingAverageRepository(pool),
        new PgPollJobRepository(pool),
        new PgOutbox(pool),
        new PgStorageMaintenance(pool));
  }

  /** Another pool on the same database, as a second replica would have. */
  Pool newPool() {
    return PgPools.open(vertx, config);
  }

  /** Runs SQL as a simple query: test set-up only, never the adapters' path. */
  void execute(String sql) {
    Await.result(pool.query(sql).execute().toCompletionStage());
  }

  List<Row> query(String sql, Object... args) {
    List<Row> rows = new ArrayList<>();
    Await.result(pool.preparedQuery(sql).execute(Tuple.from(args)).toCompletionStage())
        .forEach(rows::add);
    return rows;
  }

  long count(String table) {
    return query("SELECT count(*) FROM " + table).get(0).getLong(0);
  }

  @Override
  public void close() {
    Await.result(pool.close().toCompletionStage());
    Await.result(vertx.close().toCompletionStage());
  }
}
