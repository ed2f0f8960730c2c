package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;

class PgConnectionConfigTest {
  @Test
  void givenPostgresqlUrl_fromUrl_readsHostPortDatabaseAndUser() {
    PgConnectionConfig config =
        PgConnectionConfig.fromUrl("postgresql://app:secret@db.internal:6543/market", 4);

    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/market");
    assertThat(config.user()).isEqualTo("app");
    assertThat(config.password()).isEqualTo("secret");
    assertThat(config.poolOptions().getMaxSize()).isEqualTo(4);
    assertThat(config.toString()).doesNotContain("secret");
  }

  @Test
  void givenNoUrlOrBadPoolSize_fromUrl_failsNamingTheField() {
    assertThatThrownBy(() -> PgConnectionConfig.fromUrl(" ", 4))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("database.url"));
    assertThatThrownBy(() -> PgConnectionConfig.fromUrl("postgresql://u@h/db", 0))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("database.poolSize"));
  }
}
