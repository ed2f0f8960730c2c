package dev.marketdata.bootstrap.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.testsupport.ServiceProcess;
import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the runnable jar ({@code target/market-data-service.jar}, built in {@code package} before
 * the ITs run) ships: the embedded servers of dev mode, and nothing that only tests need.
 */
class ServiceJarIT {
  private static List<String> entries;

  @BeforeAll
  static void readTheJar() throws IOException {
    try (JarFile file = new JarFile(ServiceProcess.builtJar().toFile())) {
      entries = file.stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void theJar_holdsTheEmbeddedServersOfDevMode() {
    assertThat(entries)
        .contains(
            "dev/marketdata/bootstrap/Main.class",
            "dev/marketdata/devservices/postgres/EmbeddedPostgres.class",
            "dev/marketdata/devservices/kafka/EmbeddedKafka.class");
  }

  @Test
  void theJar_holdsNoTestFrameworkNorTestSupport() {
    assertThat(entries)
        .filteredOn(
            name ->
                name.contains("org/junit/")
                    || name.contains("org/opentest4j/")
                    || name.startsWith("dev/marketdata/devservices/postgres/PostgresExtension")
                    || name.startsWith("dev/marketdata/devservices/kafka/KafkaExtension")
                    || name.startsWith("dev/marketdata/testsupport/"))
        .as("classes only tests use")
        .isEmpty();
  }
}
