package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryCursorTest {
  @Test
  void encodedCursor_parsesBackToTheSamePosition() {
    HistoryCursor cursor =
        new HistoryCursor(Instant.parse("2024-03-20T10:30:00.123456Z"), UUID.randomUUID());
    assertThat(HistoryCursor.parse(cursor.encode())).isEqualTo(cursor);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not-base64!", "bm9wZQ", "MS4yLm5vdC1hLXV1aWQ"})
  void givenForeignText_parse_failsNamingCursor(String text) {
    assertThatThrownBy(() -> HistoryCursor.parse(text))
        .isInstanceOf(InvalidInput.class)
        .extracting(e -> ((InvalidInput) e).field())
        .isEqualTo("cursor");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Instant.MAX's second: once a 500 from the database.
        "31556889864403199.0.",
        "253402300800.0.", // 10000-01-01, past the latest `to`
        "253402300799.1.", // a nanosecond past 9999-12-31T23:59:59Z
        "999999999999999999.0.",
        "-1.0.",
        "-62135596800.0.",
        "+5.0.",
        "05.0.",
        "5.-1.",
        "5.1000000000.",
        "5.0.0."
      })
  void givenACraftedPosition_parse_failsNamingCursor(String prefix) {
    String crafted = base64Url(prefix + "0b8f7c4e-3a2d-4f61-9c1e-5d2a7b6c8e90");
    assertThatThrownBy(() -> HistoryCursor.parse(crafted))
        .isInstanceOf(InvalidInput.class)
        .extracting(e -> ((InvalidInput) e).field())
        .isEqualTo("cursor");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5.0.1-1-1-1-1",
        "5.0.0B8F7C4E-3A2D-4F61-9C1E-5D2A7B6C8E90",
        "5.0.0b8f7c4e-3a2d-4f61-9c1e-5d2a7b6c8e90.",
        "5.0.0b8f7c4e-3a2d-4f61-9c1e-5d2a7b6c8e90\n",
        "5.0"
      })
  void givenAMalformedId_parse_failsNamingCursor(String plain) {
    assertThatThrownBy(() -> HistoryCursor.parse(base64Url(plain)))
        .isInstanceOf(InvalidInput.class)
        .extracting(e -> ((InvalidInput) e).field())
        .isEqualTo("cursor");
  }

  @Test
  void givenTheEarliestAndLatestPositions_parse_acceptsThem() {
    UUID id = UUID.randomUUID();
    for (Instant t : List.of(HistoryQuery.EARLIEST, HistoryQuery.LATEST)) {
      assertThat(HistoryCursor.parse(new HistoryCursor(t, id).encode()))
          .isEqualTo(new HistoryCursor(t, id));
    }
  }

  @Test
  void givenRandomGarbage_parse_onlyEverFailsNamingCursor() {
    Random random = new Random(20261130);
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes = new byte[random.nextInt(80)];
      random.nextBytes(bytes);
      String text =
          i % 2 == 0
              ? Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
              : new String(bytes, StandardCharsets.ISO_8859_1);
      assertThatThrownBy(() -> HistoryCursor.parse(text))
          .as("garbage %s", text)
          .isInstanceOf(InvalidInput.class)
          .extracting(e -> ((InvalidInput) e).field())
          .isEqualTo("cursor");
    }
  }

  @Test
  void givenAVeryLongText_parse_failsWithAShortMessage() {
    String text = "A".repeat(1_000_000);
    assertThatThrownBy(() -> HistoryCursor.parse(text))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }

  private static String base64Url(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }
}
