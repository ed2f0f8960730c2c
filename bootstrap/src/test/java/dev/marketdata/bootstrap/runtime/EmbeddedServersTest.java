package dev.marketdata.bootstrap.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.marketdata.bootstrap.config.ConfigException;
import dev.marketdata.bootstrap.config.ConfigException.Problem;
import dev.marketdata.bootstrap.config.ConfigSource;
import dev.marketdata.bootstrap.config.ServiceConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which settings a jar without embedded servers (the slim jar) refuses, and how it says so. */
class EmbeddedServersTest {
  private static final Optional<EmbeddedServerStarter> NONE = Optional.empty();
  private static final String DATABASE = "postgresql://mds@db.internal:5432/mds";

  private static ServiceConfig config(Map<String, String> env) {
    return ServiceConfig.from(ConfigSource.of(env));
  }

  @Test
  void givenNoStarter_andNoServersConfigured_bothVariables_areRefusedNamingTheDevJar() {
    ConfigException refused =
        catchThrowableOfType(
            ConfigException.class, () -> EmbeddedServers.requireStartable(config(Map.of()), NONE));

    assertThat(refused.problems())
        .extracting(Problem::variable)
        .containsExactly("MDS_DATABASE_URL", "MDS_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(refused.problems().get(0).reason())
        .isEqualTo(
            "must be set: this is the slim jar, which has no embedded PostgreSQL"
                + " (embedded mode needs the dev jar, market-data-service.jar)");
    assertThat(refused.problems().get(1).reason()).contains("no embedded Kafka");
  }

  @Test
  void givenNoStarter_andOnlyTheDatabaseConfigured_onlyTheBroker_isRefused() {
    ConfigException refused =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                EmbeddedServers.requireStartable(
                    config(Map.of("MDS_DATABASE_URL", DATABASE)), NONE));

    assertThat(refused.problems())
        .extracting(Problem::variable)
        .containsExactly("MDS_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void givenNoStarter_andBothServersConfigured_nothingIsRefused() {
    ServiceConfig external =
        config(Map.of("MDS_DATABASE_URL", DATABASE, "MDS_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

    assertThatNoException().isThrownBy(() -> EmbeddedServers.requireStartable(external, NONE));
  }

  @Test
  void givenAStarter_embeddedMode_isNotRefused() {
    EmbeddedServerStarter starter =
        new EmbeddedServerStarter() {
          @Override
          public Started startPostgres(Path dataDir) {
            throw new AssertionError("only checked, not started");
          }

          @Override
          public Started startKafka(Path dataDir) {
            throw new AssertionError("only checked, not started");
          }
        };

    assertThatNoException()
        .isThrownBy(() -> EmbeddedServers.requireStartable(config(Map.of()), Optional.of(starter)));
  }

  @Test
  void onThisClassPath_theDevServicesStarter_isFound() {
    assertThatNoException().isThrownBy(() -> EmbeddedServers.requireStartable(config(Map.of())));
  }
}
