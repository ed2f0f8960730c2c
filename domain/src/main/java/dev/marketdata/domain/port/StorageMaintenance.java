package dev.marketdata.domain.port;

import dev.marketdata.domain.model.MaintenanceReport;
import dev.marketdata.domain.model.RetentionPolicy;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Keeps a store within its retention, and ready for the days ahead. Any number of processes may
 * call it at once; one at a time does the work, the others report that they skipped.
 */
public interface StorageMaintenance {
  /**
   * Removes what {@code policy} no longer keeps at {@code now}: raw responses fetched, price points
   * quoted and published outbox rows written before {@code now} minus their retention. Unpublished
   * outbox rows are never removed. A store that removes data by whole days (partitions) may keep a
   * row up to the end of the UTC day its time falls in, so everything older than the start of the
   * cutoff's day is gone and nothing at or after the cutoff is touched (a store that was
   * partitioned after it held data may keep what it held until all of it is past retention). A pass
   * may stop early with {@link MaintenanceReport#backlog()} set, when more rows wait than one pass
   * deletes.
   */
  CompletionStage<MaintenanceReport> maintain(RetentionPolicy policy, Instant now);
}
