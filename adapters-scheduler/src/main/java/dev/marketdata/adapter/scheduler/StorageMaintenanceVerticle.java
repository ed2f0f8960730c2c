package dev.marketdata.adapter.scheduler;

import dev.marketdata.application.retention.MaintainStorageUseCase;
import dev.marketdata.domain.model.MaintenanceReport;
import io.vertx.core.Future;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs storage maintenance at start and then every {@code every}: partitions for the days ahead,
 * and what the retention no longer keeps. A pass that left a backlog is followed at once by the
 * next; a failed pass is retried after the same pause (a database outage is logged once, then every
 * tenth time). Stopping waits for the pass in flight.
 */
public final class StorageMaintenanceVerticle extends PeriodicVerticle {
  private static final Logger log = LoggerFactory.getLogger(StorageMaintenanceVerticle.class);
  static final int LOG_EVERY_NTH_FAILURE = 10;

  private final MaintainStorageUseCase maintenance;

  public StorageMaintenanceVerticle(MaintainStorageUseCase maintenance, Duration every) {
    super("storage maintenance", every, LOG_EVERY_NTH_FAILURE, log);
    this.maintenance = maintenance;
  }

  @Override
  Future<Long> pass() {
    return Future.fromCompletionStage(maintenance.maintain(), context)
        .map(
            report -> {
              report(report);
              return report.backlog() ? 0L : everyMillis();
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
