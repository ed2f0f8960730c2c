package dev.marketdata.bootstrap.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.testsupport.ServiceProcess;
import dev.marketdata.testsupport.TcpPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each jar of ADR 0008 started as a child process the way it is meant to run: the dev jar alone in
 * embedded mode, the image's jars against external servers, the slim jar refusing embedded mode.
 */
@ExtendWith(PostgresExtension.class)
class ServiceJarsStartIT {
  @TempDir Path dir;

  @Test
  void withoutDatabaseAndBroker_theSlimJar_exits2_sayingEmbeddedModeNeedsTheDevJar() {
    Path dataDir = dir.resolve("data");
    ServiceProcess slim =
        ServiceProcess.start(
            ServiceProcess.builtJar(ServiceJarIT.SLIM),
            ServiceProcess.TEST_JVM,
            Map.of("MDS_DATA_DIR", dataDir.toString(), "MDS_HTTP_PORT", "0"),
            null,
            dir.resolve("slim.log"));

    int exit = slim.awaitExit(Duration.ofSeconds(60));

    assertThat(exit).as(slim.text()).isEqualTo(2);
    assertThat(slim.text())
        .contains(
            "configuration rejected: MDS_DATABASE_URL must be set: this is the slim jar, which"
                + " has no embedded PostgreSQL (embedded mode needs the dev jar,"
                + " market-data-service.jar)")
        .contains("configuration rejected: MDS_KAFKA_BOOTSTRAP_SERVERS must be set");
    assertThat(dataDir).as("nothing started").doesNotExist();
  }

  @Test
  void theDevJar_startsEmbeddedMode_withThePostgresBinariesItCarries() throws Exception {
    // A temporary folder of its own, so zonky unpacks PostgreSQL from this jar, not from a cache.
    Path tmp = dir.resolve("tmp");
    Files.createDirectories(tmp);
    List<String> jvm = new ArrayList<>(ServiceProcess.TEST_JVM);
    jvm.add("-Djava.io.tmpdir=" + tmp);
    int port = TcpPorts.free();

    try (ServiceProcess dev =
        ServiceProcess.start(
            ServiceProcess.builtJar(ServiceJarIT.DEV),
            jvm,
            Map.of(
                "MDS_DATA_DIR",
                dir.resolve("data").toString(),
                "MDS_HTTP_PORT",
                Integer.toString(port)),
            null,
            dir.resolve("dev.log"))) {
      dev.awaitReady();

      assertThat(dev.text()).contains("Embedded mode: PostgreSQL");
      assertThat(tmp.resolve("embedded-pg")).as("PostgreSQL unpacked from the jar").isDirectory();
      assertReady(port);
      dev.stop(Duration.ofSeconds(60));
    }
  }

  @Test
  void theImagesJars_runTheServiceAgainstExternalServers(PostgresDatabase database)
      throws Exception {
    int port = TcpPorts.free();
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        ServiceProcess service =
            ServiceProcess.start(
                ServiceProcess.builtJar(ServiceJarIT.CONTAINER_APP),
                ServiceProcess.TEST_JVM,
                Map.of(
                    "MDS_DATABASE_URL", database.postgresqlUrl(),
                    "MDS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "MDS_DATA_DIR", dir.resolve("data").toString(),
                    "MDS_HTTP_PORT", Integer.toString(port)),
                null,
                dir.resolve("container.log"))) {
      service.awaitReady();

      assertThat(service.text()).contains("External mode");
      assertReady(port);
      service.stop(Duration.ofSeconds(60));
    }
  }

  private static void assertReady(int port) throws Exception {
    HttpResponse<String> ready =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).contains("\"status\":\"UP\"");
  }
}
