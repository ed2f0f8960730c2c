package dev.marketdata.adapter.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Conversions between domain values and what the PG client sends. timestamptz keeps microseconds,
 * so instants are truncated to the microsecond before they are written: what we return from a write
 * is then exactly what a later read gives back.
 */
final class PgValues {
  private PgValues() {}

  static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  static OffsetDateTime timestamptz(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
