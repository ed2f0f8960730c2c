package dev.marketdata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DatabaseSizeTest {
  @Test
  void givenSizesAndPoints_summary_isMibPerMillionPoints() {
    JsonObject tables = new JsonObject().put("price_points", 200L * 1024 * 1024).put("outbox", 0L);

    JsonObject s = DatabaseSize.summarize(500L * 1024 * 1024, 2_000_000, tables);

    assertThat(s.getDouble("database_mib_per_million_points")).isEqualTo(250.0);
    assertThat(s.getJsonObject("table_mib_per_million_points").getDouble("price_points"))
        .isEqualTo(100.0);
    assertThat(s.getJsonObject("table_mib_per_million_points").getDouble("outbox")).isZero();
    assertThat(s.getLong("price_points")).isEqualTo(2_000_000L);
  }

  @Test
  void givenNoPricePoints_perMillion_isNaN() {
    assertThat(DatabaseSize.perMillionMiB(8_000_000, 0)).isNaN();
  }
}
