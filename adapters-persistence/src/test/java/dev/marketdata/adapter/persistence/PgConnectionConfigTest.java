package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PgConnectionConfigTest {
  @Test
  void givenPostgresqlUrl_fromUrl_readsHostPortDatabaseAndUser() {
    PgConnectionConfig config =
        PgConnectionConfig.fromUrl("postgresql://app:secret@db.internal:6543/market", 4);

    assertThat(config.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:6543/market?sslmode=prefer");
    assertThat(config.user()).isEqualTo("app");
    assertThat(config.password()).isEqualTo("secret");
    assertThat(config.poolOptions().getMaxSize()).isEqualTo(4);
    assertThat(config.toString()).doesNotContain("secret");
  }

  @Test
  void givenVerifyFull_bothClients_checkTheCertificateAndTheHostName() {
    PgConnectionConfig config =
        PgConnectionConfig.fromUrl(
            "postgresql://app@db.internal/market?sslmode=verify-full&sslrootcert=/etc/mds/ca.pem",
            2);

    assertThat(config.jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://db.internal:5432/market?sslmode=verify-full"
                + "&sslrootcert=%2Fetc%2Fmds%2Fca.pem");
    PgConnectOptions options = config.connectOptions();
    assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
    assertThat(options.getSslOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(options.getSslOptions().isTrustAll()).isFalse();
    assertThat(((PemTrustOptions) options.getSslOptions().getTrustOptions()).getCertPaths())
        .containsExactly("/etc/mds/ca.pem");
  }

  @Test
  void givenVerifyCa_thePool_checksTheCertificateButNotTheHostName() {
    PgConnectOptions options =
        PgConnectionConfig.fromUrl(
                "postgresql://app@db/market?sslmode=verify-ca&sslrootcert=/etc/mds/ca.pem", 2)
            .connectOptions();

    assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_CA);
    assertThat(options.getSslOptions().getHostnameVerificationAlgorithm()).isEmpty();
    assertThat(options.getSslOptions().getTrustOptions()).isInstanceOf(PemTrustOptions.class);
  }

  @Test
  void givenRequire_bothClients_encryptWithoutCheckingTheCertificate() {
    PgConnectionConfig config =
        PgConnectionConfig.fromUrl("postgres://app@db/market?sslmode=require", 2);

    assertThat(config.jdbcUrl()).endsWith("?sslmode=require");
    assertThat(config.connectOptions().getSslMode()).isEqualTo(SslMode.REQUIRE);
    assertThat(config.connectOptions().getSslOptions().isTrustAll()).isTrue();
  }

  @Test
  void givenAnIpv6Host_theJdbcUrl_keepsItInBrackets() {
    PgConnectionConfig config = PgConnectionConfig.fromUrl("postgresql://app@[::1]:5433/market", 2);

    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/market?sslmode=prefer");
    assertThat(config.connectOptions().getHost()).isEqualTo("::1");
    assertThat(config.connectOptions().getPort()).isEqualTo(5433);
  }

  @Test
  void givenApplicationNameAndOptions_bothClients_sendThem() {
    PgConnectionConfig config =
        PgConnectionConfig.fromUrl(
            "postgresql://app@db/market?application_name=mds%20api&options=-c%20search_path%3Dmds",
            2);

    assertThat(config.jdbcUrl())
        .contains("&ApplicationName=mds%20api", "&options=-c%20search_path%3Dmds");
    assertThat(config.connectOptions().getProperties())
        .containsEntry("application_name", "mds api")
        .containsEntry("options", "-c search_path=mds");
  }

  @Test
  void givenUserAndPasswordBeside_theUrl_theyReplaceTheUrlsOwn() {
    String url = "postgresql://app:url-pw@db/market";

    PgConnectionConfig both = PgConnectionConfig.of(url, Optional.of("ops"), Optional.of("p+w"), 2);
    PgConnectionConfig passwordOnly =
        PgConnectionConfig.of(url, Optional.empty(), Optional.of("file-pw"), 2);
    PgConnectionConfig noneInUrl =
        PgConnectionConfig.of("postgresql://db/market", Optional.of("ops"), Optional.of("x"), 2);

    assertThat(both.user()).isEqualTo("ops");
    assertThat(both.password()).isEqualTo("p+w");
    assertThat(both.connectOptions().getPassword()).isEqualTo("p+w");
    assertThat(passwordOnly.user()).isEqualTo("app");
    assertThat(passwordOnly.password()).isEqualTo("file-pw");
    assertThat(noneInUrl.user()).isEqualTo("ops");
    assertThat(PgConnectionConfig.fromUrl("postgresql://a:p%2Bq+r@db/market", 1).password())
        .isEqualTo("p+q+r");
  }

  @Test
  void givenNoUrlNoUserOrBadPoolSize_theConfig_failsNamingTheField() {
    assertThat(field(" ")).isEqualTo("database.url");
    assertThatThrownBy(() -> PgConnectionConfig.fromUrl("postgresql://db/market", 4))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("database.user"));
    assertThatThrownBy(() -> PgConnectionConfig.fromUrl("postgresql://u@h/db", 0))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("database.poolSize"));
  }

  @Test
  void givenUrlsNeitherClientCouldHonour_parse_refusesThemSayingWhy() {
    assertThat(reason("postgresql://u:pw@db/market?sslcert=/c.pem"))
        .contains("sslcert", "not supported", "sslmode, sslrootcert");
    assertThat(reason("postgresql://u@db/market?sslmode=verify-full")).contains("sslrootcert=");
    assertThat(reason("postgresql://u@db/market?sslmode=strict")).contains("verify-full");
    assertThat(reason("postgresql://u@db/market?sslmode=verify-ca&sslrootcert=system"))
        .contains("system is not supported");
    assertThat(reason("postgresql://u@h1:5432,h2:5432/market")).contains("exactly one host");
    assertThat(reason("postgresql://u@db:99999/market")).contains("port");
    assertThat(reason("postgresql://u@db")).contains("database");
    assertThat(reason("mysql://u@db/market")).contains("postgresql://");
    assertThatThrownBy(() -> PgUrl.parse("postgresql://u:hunter2@db/market?sslcert=x"))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void givenAHostWithAnUnderscore_parse_readsIt() {
    assertThat(PgUrl.parse("postgresql://u@pg_primary:5432/market").host()).isEqualTo("pg_primary");
  }

  private static String field(String url) {
    try {
      PgConnectionConfig.fromUrl(url, 1);
    } catch (InvalidInput e) {
      return e.field();
    }
    throw new AssertionError("accepted " + url);
  }

  private static String reason(String url) {
    try {
      PgUrl.parse(url);
    } catch (InvalidInput e) {
      assertThat(e.field()).isEqualTo("database.url");
      return e.reason();
    }
    throw new AssertionError("accepted " + url);
  }
}
