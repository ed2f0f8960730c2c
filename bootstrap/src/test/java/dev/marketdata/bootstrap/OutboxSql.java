package dev.marketdata.bootstrap;

/**
 * SQL that counts an outbox's rows against its relay position (ADR 0016), for the tests that wait
 * for the relays or check what they published: a row is published once the position reached it.
 */
public final class OutboxSql {
  private OutboxSql() {}

  /** The stored position of {@code table}, as a scalar subquery. */
  public static String position(String table) {
    return "(SELECT position FROM relay_positions WHERE outbox = '" + table + "')";
  }

  /** Counts the rows of {@code table} above its position: stored, not yet published. */
  public static String waiting(String table) {
    return "SELECT count(*) FROM " + table + " WHERE id > " + position(table);
  }

  /** Counts the rows of {@code table} at or below its position: published. */
  public static String published(String table) {
    return "SELECT count(*) FROM " + table + " WHERE id <= " + position(table);
  }

  /** Resets every position, for tests that empty the outboxes (and restart their ids). */
  public static final String RESET =
      "UPDATE relay_positions SET position = 0, holder = NULL, lease_expires_at = NULL";
}
