package dev.marketdata.devservices.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {
  @Test
  void givenUserHostPortDatabase_parse_readsEveryPart() {
    PostgresDatabase db = PostgresUrl.parse("postgresql://postgres@127.0.0.1:5432/test");

    assertThat(db).isEqualTo(new PostgresDatabase("127.0.0.1", 5432, "test", "postgres", ""));
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
    assertThat(db.postgresqlUrl()).isEqualTo("postgresql://postgres@127.0.0.1:5432/test");
  }

  @Test
  void givenEncodedPasswordAndNoPort_parse_decodesItAndDefaultsThePort() {
    PostgresDatabase db = PostgresUrl.parse("postgres://app:p%40ss%3Aw@db.internal/market");

    assertThat(db.user()).isEqualTo("app");
    assertThat(db.password()).isEqualTo("p@ss:w");
    assertThat(db.port()).isEqualTo(5432);
    assertThat(PostgresUrl.parse(db.postgresqlUrl())).isEqualTo(db);
    assertThat(db.toString()).doesNotContain("p@ss");
  }

  @Test
  void givenWrongSchemeOrNoDatabase_parse_failsNamingTheProblem() {
    assertThatThrownBy(() -> PostgresUrl.parse("mysql://root@localhost/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgresql://");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://root@localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database");
  }

  @Test
  void givenAnyPrefix_uniqueName_isAValidLowerCaseIdentifier() {
    String name = PostgresServer.uniqueName("t_PgPricePointRepositoryIT$Nested-1");

    assertThat(name)
        .matches("[a-z_][a-z0-9_]{0,62}")
        .startsWith("t_pgpricepointrepositoryit_nested_1_");
    assertThat(PostgresServer.uniqueName("x")).isNotEqualTo(PostgresServer.uniqueName("x"));
  }
}
