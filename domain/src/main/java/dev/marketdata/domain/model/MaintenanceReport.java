package dev.marketdata.domain.model;

/**
 * What one storage maintenance pass did, for logs.
 *
 * @param partitionsCreated time partitions created ahead of the days that will need them
 * @param partitionsDropped time partitions dropped whole because all they held was past retention
 * @param rowsDeleted rows deleted one by one: published outbox rows, and rows past retention that
 *     no partition of their own held
 * @param backlog true when the pass stopped with rows past retention left to delete; the next pass
 *     should follow at once
 * @param skipped true when another process was maintaining the same store, so this pass did nothing
 */
public record MaintenanceReport(
    int partitionsCreated,
    int partitionsDropped,
    long rowsDeleted,
    boolean backlog,
    boolean skipped) {
  /** A pass that found another process at work. */
  public static final MaintenanceReport SKIPPED = new MaintenanceReport(0, 0, 0, false, true);

  /** True when the pass changed anything. */
  public boolean changedAnything() {
    return partitionsCreated > 0 || partitionsDropped > 0 || rowsDeleted > 0;
  }
}
