package dev.marketdata.domain.model;

/**
 * What one bar-closing pass did: skipped (another process held the turn) or queued {@code bars}.
 */
public record BarCloseReport(boolean skipped, int bars) {
  public static final BarCloseReport SKIPPED = new BarCloseReport(true, 0);
}
