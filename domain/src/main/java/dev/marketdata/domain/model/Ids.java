package dev.marketdata.domain.model;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.UUID;

/** Identifiers: time-ordered UUIDs (version 7) and the byte order PostgreSQL uses for uuid. */
public final class Ids {
  /** Compares UUIDs as 16 unsigned bytes, the way PostgreSQL orders its uuid type. */
  public static final Comparator<UUID> UNSIGNED_ORDER =
      Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
          .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. */
  public static UUID newUuidV7(Clock clock) {
    long millis = clock.millis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
