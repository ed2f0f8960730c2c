package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Instant;
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
}
