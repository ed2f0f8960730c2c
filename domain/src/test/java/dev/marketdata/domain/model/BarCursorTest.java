package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BarCursorTest {
  @Test
  void anEncodedCursor_parsesBackForItsInterval() {
    BarCursor cursor =
        new BarCursor(BarInterval.FIVE_MINUTES, Instant.parse("2026-11-30T14:35:00Z"));
    assertThat(BarCursor.parse(cursor.encode(), BarInterval.FIVE_MINUTES)).isEqualTo(cursor);
  }

  @Test
  void givenAnotherIntervalsCursor_parse_failsNamingCursor() {
    String encoded = new BarCursor(BarInterval.ONE_MINUTE, Instant.EPOCH).encode();
    assertThatThrownBy(() -> BarCursor.parse(encoded, BarInterval.ONE_HOUR))
        .isInstanceOf(InvalidInput.class)
        .extracting(e -> ((InvalidInput) e).field())
        .isEqualTo("cursor");
  }

  @Test
  void givenTextThisServiceDidNotIssue_parse_failsNamingCursor() {
    String[] bad = {
      "",
      "!!!",
      "x".repeat(500),
      b64("bars.1m.-5"),
      b64("bars.1m.99999999999999999"),
      b64("bars.1m.0012"),
      b64("history.1m.5")
    };
    for (String s : bad) {
      assertThatThrownBy(() -> BarCursor.parse(s, BarInterval.ONE_MINUTE))
          .as(s)
          .isInstanceOf(InvalidInput.class)
          .extracting(e -> ((InvalidInput) e).field())
          .isEqualTo("cursor");
    }
  }

  private static String b64(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }
}
