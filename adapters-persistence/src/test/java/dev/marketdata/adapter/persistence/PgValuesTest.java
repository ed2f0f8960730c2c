package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PgValuesTest {
  private static final long MIN = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long MAX = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  @Test
  void givenWhatInstantToStringWrites_parseInstant_agreesWithInstantParse() {
    SplittableRandom random = new SplittableRandom(20241122);
    for (int i = 0; i < 100_000; i++) {
      long seconds = random.nextLong(MIN, MAX + 1);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          };
      String text = Instant.ofEpochSecond(seconds, nanos).toString();
      assertThat(PgValues.parseInstant(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-03-20T10:30:00Z",
        "2024-02-29T23:59:59.999999999Z",
        "1970-01-01T00:00:00.1Z",
        "2016-12-31T23:59:60Z",
        "+10000-01-01T00:00:00Z",
        "2024-03-20T24:00:00Z",
        "2024-03-20T10:30:00.Z",
        "2024-03-20T10:30:00+01:00"
      })
  void givenOtherTextInstantParseAccepts_parseInstant_givesTheSameInstant(String text) {
    assertThat(PgValues.parseInstant(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-03-20T10:30:00.1234567890Z",
        "2024-03-20T10:3a:00Z",
        "2024-03-20 10:30:00Z"
      })
  void givenRejectedText_parseInstant_throwsAsInstantParseDoes(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> PgValues.parseInstant(text))
        .isInstanceOf(DateTimeParseException.class);
  }
}
