package dev.marketdata.devservices.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionIT {
  private static PostgresDatabase fromBeforeAll;

  @BeforeAll
  static void remember(PostgresDatabase database) throws SQLException {
    fromBeforeAll = database;
    EmbeddedPostgresIT.execute(database, "CREATE TABLE marker (v int)");
  }

  @Test
  void givenClassDatabase_methodParameter_isTheSameFreshDatabase(PostgresDatabase database)
      throws SQLException {
    assertThat(database).isEqualTo(fromBeforeAll);
    assertThat(database.database()).startsWith("t_postgresextensionit_");
    assertThat(EmbeddedPostgresIT.query(database, "SELECT current_database()"))
        .isEqualTo(database.database());
    assertThat(
            EmbeddedPostgresIT.query(
                database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
        .isEqualTo("1");
  }

  @Test
  void givenExternalUrlOrNot_server_isTheOneConfigured(PostgresDatabase database) {
    String external = System.getenv(PostgresExtension.EXTERNAL_URL_ENV);
    if (external == null || external.isBlank()) {
      assertThat(database.host()).isEqualTo("localhost");
    } else {
      PostgresDatabase configured = PostgresUrl.parse(external);
      assertThat(database.host()).isEqualTo(configured.host());
      assertThat(database.port()).isEqualTo(configured.port());
    }
  }
}
