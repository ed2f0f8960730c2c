package dev.marketdata.adapter.scheduler;

import dev.marketdata.application.retention.MaintainStorageUseCase;
import dev.marketdata.domain.model.MaintenanceReport;
import dev.marketdata.vertx.RepeatingTask;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs storage maintenance at start and then every {@code every}: partitions for the days ahead,
 * and what the retention no longer keeps. A pass that left a backlog is followed at once by the
 * next; a failed pass is retried after the same pause (a database outage is logged once, then every
 * tenth time). Stopping waits for the pass in flight.
 */
public final class StorageMaintenanceVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(StorageMaintenanceVerticle.class);
  static final int LOG_EVERY_NTH_FAILURE = 10;

  private final MaintainStorageUseCase maintenance;
  private final long everyMillis;
  private final RepeatingTask loop;

  public StorageMaintenanceVerticle(MaintainStorageUseCase maintenance, Duration every) {
    this.maintenance = maintenance;
    this.everyMillis = every.toMillis();
    this.loop =
        new RepeatingTask(
            "storage maintenance", this::pass, failures -> everyMillis, LOG_EVERY_NTH_FAILURE, log);
  }

  @Override
  public Future<?> start() {
    loop.start(context);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return loop.stop();
  }

  private Future<Long> pass() {
    return Future.fromCompletionStage(maintenance.maintain(), context)
        .map(
            report -> {
              report(report);
              return report.backlog() ? 0L : everyMillis;
            });
  }

  private static void report(MaintenanceReport report) {
    if (report.skipped()) {
      log.debug("storage maintenance skipped: another process is running it");
    } else if (report.changedAnything()) {
      log.info(
          "storage maintenance partitions_created={} partitions_dropped={} rows_deleted={}"
              + " backlog={}",
          report.partitionsCreated(),
          report.partitionsDropped(),
          report.rowsDeleted(),
          report.backlog());
    }
  }
}
