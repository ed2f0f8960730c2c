package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void newUuidV7_isVersion7WithTheClocksMillis() {
    Instant t = Instant.parse("2024-03-20T10:30:00.123Z");
    UUID id = Ids.newUuidV7(Clock.fixed(t, ZoneOffset.UTC));
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(t.toEpochMilli());
  }

  @Test
  void unsignedOrder_sortsLikeTheUuidText() {
    // PostgreSQL compares uuid bytes unsigned, which is the order of their hex text.
    List<UUID> ids =
        new ArrayList<>(
            List.of(
                UUID.fromString("ffffffff-0000-7000-8000-000000000000"),
                UUID.fromString("00000000-0000-7000-8000-000000000000"),
                UUID.fromString("7fffffff-0000-7000-8000-000000000000"),
                UUID.fromString("80000000-0000-7000-8000-000000000000")));
    List<UUID> byText = new ArrayList<>(ids);
    byText.sort((a, b) -> a.toString().compareTo(b.toString()));
    ids.sort(Ids.UNSIGNED_ORDER);
    assertThat(ids).isEqualTo(byText);
  }
}
