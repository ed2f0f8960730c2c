package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.model.BackfillJob;
import dev.marketdata.domain.model.BackfillJobStatus;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.SymbolBackfill;
import dev.marketdata.domain.port.BackfillJobRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Backfill jobs in {@code backfill_jobs}, leased as {@link PgPollJobRepository} leases poll jobs:
 * {@code FOR UPDATE SKIP LOCKED} keeps concurrent claimers off each other's rows and the lease
 * columns keep a job with a live lease from being claimed again. Every save is conditional on the
 * lease owner, so a runner whose lease was taken over writes nothing.
 */
public final class PgBackfillJobRepository implements BackfillJobRepository {
  private static final String COLUMNS =
      "id, provider, from_day, to_day, status, progress, created_at, updated_at, next_run_at,"
          + " last_error";
  private static final String INSERT =
      "INSERT INTO backfill_jobs ("
          + COLUMNS
          + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "
          + COLUMNS;
  private static final String FIND = "SELECT " + COLUMNS + " FROM backfill_jobs WHERE id = $1";
  private static final String CLAIM_DUE =
      "UPDATE backfill_jobs j SET lease_owner = $3, lease_expires_at = $4 FROM ("
          + " SELECT id FROM backfill_jobs WHERE status IN ('accepted', 'running')"
          + " AND next_run_at <= $1 AND (lease_expires_at IS NULL OR lease_expires_at <= $1)"
          + " ORDER BY next_run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED) due"
          + " WHERE j.id = due.id RETURNING j."
          + COLUMNS.replace(", ", ", j.");
  private static final String SAVE =
      "UPDATE backfill_jobs SET status = $2, progress = $3, updated_at = $4, next_run_at = $5,"
          + " last_error = $6, lease_expires_at = $7 WHERE id = $1 AND lease_owner = $8";
  private static final String RELEASE =
      "UPDATE backfill_jobs SET status = $2, progress = $3, updated_at = $4, next_run_at = $5,"
          + " last_error = $6, lease_owner = NULL, lease_expires_at = NULL"
          + " WHERE id = $1 AND lease_owner = $7";

  private final Pool pool;

  @Inject
  public PgBackfillJobRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public CompletionStage<BackfillJob> create(BackfillJob job) {
    Tuple row =
        Tuple.tuple()
            .addValue(job.id())
            .addValue(job.provider().value())
            .addValue(job.from())
            .addValue(job.to())
            .addValue(job.status().wireName())
            .addValue(progress(job.progress()))
            .addValue(timestamptz(job.createdAt()))
            .addValue(timestamptz(job.updatedAt()))
            .addValue(timestamptz(job.nextRunAt()))
            .addValue(job.lastError());
    return PgFailures.toStage(
        pool.preparedQuery(INSERT).execute(row).map(rows -> job(rows.iterator().next())));
  }

  @Override
  public CompletionStage<Optional<BackfillJob>> find(UUID id) {
    return PgFailures.toStage(
        pool.preparedQuery(FIND)
            .execute(Tuple.of(id))
            .map(rows -> jobs(rows).stream().findFirst()));
  }

  @Override
  public CompletionStage<List<BackfillJob>> claimDue(
      Instant now, int limit, String owner, Duration lease) {
    return PgFailures.toStage(
        pool.preparedQuery(CLAIM_DUE)
            .execute(Tuple.of(timestamptz(now), limit, owner, timestamptz(now.plus(lease))))
            .map(PgBackfillJobRepository::jobs));
  }

  @Override
  public CompletionStage<Boolean> saveProgress(
      BackfillJob job, String owner, Instant now, Duration lease) {
    Tuple row = changes(job).addValue(timestamptz(now.plus(lease))).addValue(owner);
    return PgFailures.toStage(
        pool.preparedQuery(SAVE).execute(row).map(rows -> rows.rowCount() == 1));
  }

  @Override
  public CompletionStage<Boolean> release(BackfillJob job, String owner) {
    Tuple row = changes(job).addValue(owner);
    return PgFailures.toStage(
        pool.preparedQuery(RELEASE).execute(row).map(rows -> rows.rowCount() == 1));
  }

  private static Tuple changes(BackfillJob job) {
    return Tuple.tuple()
        .addValue(job.id())
        .addValue(job.status().wireName())
        .addValue(progress(job.progress()))
        .addValue(timestamptz(job.updatedAt()))
        .addValue(timestamptz(job.nextRunAt()))
        .addValue(job.lastError());
  }

  private static JsonArray progress(List<SymbolBackfill> progress) {
    JsonArray array = new JsonArray();
    for (SymbolBackfill p : progress) {
      array.add(
          new JsonObject()
              .put("symbol", p.symbol().value())
              .put("state", p.state().wireName())
              .put("bars", p.bars())
              .put("error", p.error()));
    }
    return array;
  }

  private static List<BackfillJob> jobs(RowSet<Row> rows) {
    List<BackfillJob> jobs = new ArrayList<>(rows.size());
    for (Row row : rows) {
      jobs.add(job(row));
    }
    return jobs;
  }

  private static BackfillJob job(Row row) {
    JsonArray array = (JsonArray) row.getValue("progress");
    List<SymbolBackfill> progress = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject p = array.getJsonObject(i);
      progress.add(
          new SymbolBackfill(
              Symbol.of(p.getString("symbol")),
              SymbolBackfill.State.valueOf(p.getString("state").toUpperCase(Locale.ROOT)),
              p.getInteger("bars", 0),
              p.getString("error")));
    }
    return new BackfillJob(
        row.getUUID("id"),
        ProviderId.of(row.getString("provider")),
        row.getLocalDate("from_day"),
        row.getLocalDate("to_day"),
        BackfillJobStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
        progress,
        instant(row.getOffsetDateTime("created_at")),
        instant(row.getOffsetDateTime("updated_at")),
        instant(row.getOffsetDateTime("next_run_at")),
        row.getString("last_error"));
  }
}
