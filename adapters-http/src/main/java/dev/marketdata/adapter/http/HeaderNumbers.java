package dev.marketdata.adapter.http;

import io.vertx.core.http.HttpHeaders;

/**
 * Whole numbers as pre-encoded header values: the small ones from a shared table, any other from a
 * small memory of recent ones (by their last bits), so a header that repeats a few values answer
 * after answer (a rate limit's remaining budget under steady load) neither formats nor encodes them
 * again. One instance per header and event loop; each remembered entry is an immutable pair, so
 * even a racy reader sees one whole entry.
 */
final class HeaderNumbers {
  static final int SMALL = 1024;
  private static final CharSequence[] TABLE = new CharSequence[SMALL];

  static {
    for (int i = 0; i < SMALL; i++) {
      TABLE[i] = HttpHeaders.createOptimized(Integer.toString(i));
    }
  }

  private static final int RECENT = 16;
  private final Last[] recent = new Last[RECENT];

  private record Last(long value, CharSequence text) {}

  /** {@code value} in decimal, as a header value. */
  CharSequence of(long value) {
    if (value >= 0 && value < SMALL) {
      return TABLE[(int) value];
    }
    int slot = (int) value & (RECENT - 1);
    Last seen = recent[slot];
    if (seen != null && seen.value() == value) {
      return seen.text();
    }
    CharSequence text = HttpHeaders.createOptimized(Long.toString(value));
    recent[slot] = new Last(value, text);
    return text;
  }
}
