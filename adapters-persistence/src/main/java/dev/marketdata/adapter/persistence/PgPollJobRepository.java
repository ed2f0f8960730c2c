package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.market.MarketHours;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.PollJobStatus;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PollJobRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Poll jobs in {@code poll_jobs}. Claiming leases due jobs in one statement: {@code FOR UPDATE SKIP
 * LOCKED} keeps concurrent claimers off each other's rows, and the lease columns keep a job with a
 * live lease from being claimed again; the owner renews it while a run lasts. The interval is
 * stored in milliseconds. {@code provider} holds the first provider of a job's chain (the one whose
 * budget {@link #activeOn} serves), {@code fallback_providers} the rest in order (V11).
 */
public final class PgPollJobRepository implements PollJobRepository {
  private static final String COLUMNS =
      "id, symbols, interval_ms, provider, status, created_at, updated_at, last_run_at,"
          + " next_run_at, last_error, run_count, error_count, consecutive_failures,"
          + " market_hours, fallback_providers, waiting_reason, calendar_note, fallback_count,"
          + " last_fallback_at, last_fallback_symbol, last_fallback_from, last_fallback_provider";
  private static final String INSERT =
      "INSERT INTO poll_jobs ("
          + COLUMNS
          + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
          + " $18, $19, $20, $21, $22)";
  private static final String FIND = "SELECT " + COLUMNS + " FROM poll_jobs WHERE id = $1";
  private static final String ACTIVE_ON =
      "SELECT " + COLUMNS + " FROM poll_jobs WHERE status = 'active' AND provider = $1";
  private static final String LIST =
      "SELECT " + COLUMNS + " FROM poll_jobs ORDER BY created_at DESC, id DESC";
  // In SET, "status" is the old value: a second stop keeps the first stop's time.
  private static final String STOP =
      "UPDATE poll_jobs SET status = 'stopped',"
          + " updated_at = CASE WHEN status = 'stopped' THEN updated_at ELSE $2 END"
          + " WHERE id = $1 RETURNING "
          + COLUMNS;
  private static final String CLAIM_DUE =
      "UPDATE poll_jobs j SET lease_owner = $3, lease_expires_at = $4 FROM ("
          + " SELECT id FROM poll_jobs WHERE status = 'active' AND next_run_at <= $1"
          + " AND (lease_expires_at IS NULL OR lease_expires_at <= $1)"
          + " ORDER BY next_run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED) due"
          + " WHERE j.id = due.id RETURNING "
          + prefixed("j.");
  // Only the owner extends its lease, and only while the job is active: a stopped job's run ends.
  private static final String RENEW =
      "UPDATE poll_jobs SET lease_expires_at = $3"
          + " WHERE id = $1 AND lease_owner = $2 AND status = 'active'";
  // Never touches status: a job stopped while it ran stays stopped. A job that only waited for the
  // market's open is saved the same way (its counts unchanged, next_run_at at the open).
  private static final String COMPLETE =
      "UPDATE poll_jobs SET updated_at = $2, last_run_at = $3, next_run_at = $4,"
          + " last_error = $5, run_count = $6, error_count = $7, consecutive_failures = $8,"
          + " waiting_reason = $10, calendar_note = $11, fallback_count = $12,"
          + " last_fallback_at = $13, last_fallback_symbol = $14, last_fallback_from = $15,"
          + " last_fallback_provider = $16,"
          + " lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $9";

  private static final Comparator<PollJob> DUE_ORDER =
      Comparator.comparing(PollJob::nextRunAt).thenComparing(PollJob::id, Ids.UNSIGNED_ORDER);

  private final Pool pool;

  @Inject
  public PgPollJobRepository(Pool pool) {
    this.pool = pool;
  }

  private static String prefixed(String alias) {
    return alias + COLUMNS.replace(", ", ", " + alias);
  }

  @Override
  public CompletionStage<PollJob> create(PollJob job) {
    Tuple row =
        Tuple.tuple()
            .addValue(job.id())
            .addValue(job.symbols().stream().map(Symbol::value).toArray(String[]::new))
            .addValue(job.interval().toMillis())
            .addValue(job.provider().value())
            .addValue(job.status().wireName())
            .addValue(timestamptz(job.createdAt()))
            .addValue(timestamptz(job.updatedAt()))
            .addValue(timestamptz(job.lastRunAt()))
            .addValue(timestamptz(job.nextRunAt()))
            .addValue(job.lastError())
            .addValue(job.runCount())
            .addValue(job.errorCount())
            .addValue(job.consecutiveFailures())
            .addValue(job.marketHours().wire())
            .addValue(fallbackProviders(job))
            .addValue(job.waitingReason())
            .addValue(job.calendarNote());
    addFallbacks(row, job.fallbacks());
    Future<PollJob> created =
        pool.preparedQuery(INSERT + " RETURNING " + COLUMNS)
            .execute(row)
            .map(rows -> job(rows.iterator().next()))
            .recover(
                e ->
                    PgFailures.isUniqueViolation(e, "poll_jobs_pkey")
                        ? Future.failedFuture(new InvalidInput("id", job.id(), "is already taken"))
                        : Future.failedFuture(e));
    return PgFailures.toStage(created);
  }

  @Override
  public CompletionStage<Optional<PollJob>> find(UUID id) {
    return PgFailures.toStage(
        pool.preparedQuery(FIND).execute(Tuple.of(id)).map(PgPollJobRepository::first));
  }

  @Override
  public CompletionStage<List<PollJob>> list() {
    return PgFailures.toStage(pool.preparedQuery(LIST).execute().map(PgPollJobRepository::jobs));
  }

  @Override
  public CompletionStage<List<PollJob>> activeOn(ProviderId provider) {
    return PgFailures.toStage(
        pool.preparedQuery(ACTIVE_ON)
            .execute(Tuple.of(provider.value()))
            .map(PgPollJobRepository::jobs));
  }

  @Override
  public CompletionStage<Optional<PollJob>> stop(UUID id, Instant now) {
    return PgFailures.toStage(
        pool.preparedQuery(STOP)
            .execute(Tuple.of(id, timestamptz(now)))
            .map(PgPollJobRepository::first));
  }

  @Override
  public CompletionStage<List<PollJob>> claimDue(
      Instant now, int limit, String owner, Duration lease) {
    return PgFailures.toStage(
        pool.preparedQuery(CLAIM_DUE)
            .execute(Tuple.of(timestamptz(now), limit, owner, timestamptz(now.plus(lease))))
            .map(rows -> jobs(rows).stream().sorted(DUE_ORDER).toList()));
  }

  @Override
  public CompletionStage<Boolean> renew(UUID id, String owner, Instant now, Duration lease) {
    return PgFailures.toStage(
        pool.preparedQuery(RENEW)
            .execute(Tuple.of(id, owner, timestamptz(now.plus(lease))))
            .map(rows -> rows.rowCount() == 1));
  }

  @Override
  public CompletionStage<Void> complete(PollJob afterRun, String owner) {
    Tuple row =
        Tuple.tuple()
            .addValue(afterRun.id())
            .addValue(timestamptz(afterRun.updatedAt()))
            .addValue(timestamptz(afterRun.lastRunAt()))
            .addValue(timestamptz(afterRun.nextRunAt()))
            .addValue(afterRun.lastError())
            .addValue(afterRun.runCount())
            .addValue(afterRun.errorCount())
            .addValue(afterRun.consecutiveFailures())
            .addValue(owner)
            .addValue(afterRun.waitingReason())
            .addValue(afterRun.calendarNote());
    addFallbacks(row, afterRun.fallbacks());
    return PgFailures.toStage(pool.preparedQuery(COMPLETE).execute(row).mapEmpty());
  }

  /** The chain after its first provider, which stays in {@code provider} for the budget query. */
  private static String[] fallbackProviders(PollJob job) {
    return job.providers().providers().stream()
        .skip(1)
        .map(ProviderId::value)
        .toArray(String[]::new);
  }

  private static void addFallbacks(Tuple row, PollJob.Fallbacks fallbacks) {
    row.addValue(fallbacks.count())
        .addValue(timestamptz(fallbacks.lastAt()))
        .addValue(fallbacks.lastSymbol() == null ? null : fallbacks.lastSymbol().value())
        .addValue(
            fallbacks.lastAt() == null
                ? null
                : fallbacks.lastFrom().stream().map(ProviderId::value).toArray(String[]::new))
        .addValue(fallbacks.lastProvider() == null ? null : fallbacks.lastProvider().value());
  }

  private static Optional<PollJob> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(job(rows.iterator().next()));
  }

  private static List<PollJob> jobs(RowSet<Row> rows) {
    List<PollJob> jobs = new ArrayList<>(rows.size());
    for (Row row : rows) {
      jobs.add(job(row));
    }
    return jobs;
  }

  private static PollJob job(Row row) {
    List<Symbol> symbols = new ArrayList<>();
    for (String s : row.getArrayOfStrings("symbols")) {
      symbols.add(Symbol.of(s));
    }
    return new PollJob(
        row.getUUID("id"),
        symbols,
        Duration.ofMillis(row.getLong("interval_ms")),
        chain(row),
        MarketHours.parse("market_hours", row.getString("market_hours")),
        PollJobStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
        instant(row.getOffsetDateTime("created_at")),
        instant(row.getOffsetDateTime("updated_at")),
        instant(row.getOffsetDateTime("last_run_at")),
        instant(row.getOffsetDateTime("next_run_at")),
        row.getString("last_error"),
        row.getLong("run_count"),
        row.getLong("error_count"),
        row.getInteger("consecutive_failures"),
        row.getString("waiting_reason"),
        row.getString("calendar_note"),
        fallbacks(row));
  }

  private static ProviderChain chain(Row row) {
    List<ProviderId> providers = new ArrayList<>();
    providers.add(ProviderId.of(row.getString("provider")));
    for (String fallback : row.getArrayOfStrings("fallback_providers")) {
      providers.add(ProviderId.of(fallback));
    }
    return new ProviderChain(providers);
  }

  private static PollJob.Fallbacks fallbacks(Row row) {
    long count = row.getLong("fallback_count");
    Instant lastAt = instant(row.getOffsetDateTime("last_fallback_at"));
    if (count == 0 && lastAt == null) {
      return PollJob.Fallbacks.NONE;
    }
    List<ProviderId> from = new ArrayList<>();
    String[] tried = row.getArrayOfStrings("last_fallback_from");
    if (tried != null) {
      for (String p : tried) {
        from.add(ProviderId.of(p));
      }
    }
    String symbol = row.getString("last_fallback_symbol");
    String served = row.getString("last_fallback_provider");
    return new PollJob.Fallbacks(
        count,
        lastAt,
        symbol == null ? null : Symbol.of(symbol),
        from,
        served == null ? null : ProviderId.of(served));
  }
}
