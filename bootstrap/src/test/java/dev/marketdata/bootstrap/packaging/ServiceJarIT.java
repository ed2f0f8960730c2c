package dev.marketdata.bootstrap.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.testsupport.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What the jars built in {@code package} (before the ITs run) hold, ADR 0008: the slim jar is the
 * service without embedded servers or test libraries; the dev jar adds dev mode on top of it and
 * repeats none of its classes; the image's two jars hold the slim jar's files, split.
 */
class ServiceJarIT {
  static final String DEV = "market-data-service.jar";
  static final String SLIM = "market-data-service-slim.jar";
  static final String CONTAINER_APP = "container/market-data-service.jar";
  static final String CONTAINER_LIBS = "container/lib/market-data-service-libs.jar";

  /** The sizes the artifacts must stay under (decimal megabytes, as {@code ls -l} counts). */
  private static final long DEV_LIMIT = 60_000_000;

  private static final long SLIM_LIMIT = 40_000_000;

  @Test
  void theSlimJar_isUnder40MB_andTheDevJar_under60MB() throws IOException {
    assertThat(Files.size(ServiceProcess.builtJar(SLIM))).as(SLIM).isLessThan(SLIM_LIMIT);
    assertThat(Files.size(ServiceProcess.builtJar(DEV))).as(DEV).isLessThan(DEV_LIMIT);
  }

  @Test
  void theSlimJar_holdsTheService_andNoEmbeddedServerNorTestLibrary() {
    List<String> slim = files(SLIM);
    assertThat(slim)
        .contains(
            "dev/marketdata/bootstrap/Main.class",
            "dev/marketdata/bootstrap/runtime/EmbeddedServerStarter.class",
            "org/apache/kafka/clients/producer/KafkaProducer.class",
            "org/postgresql/Driver.class");
    assertThat(slim)
        .filteredOn(
            name ->
                name.startsWith("dev/marketdata/devservices/")
                    || name.startsWith("dev/marketdata/bootstrap/embedded/")
                    || name.equals(
                        "META-INF/services/dev.marketdata.bootstrap.runtime.EmbeddedServerStarter")
                    || name.startsWith("io/zonky/")
                    || name.matches("postgres-.*\\.txz")
                    || name.startsWith("kafka/server/")
                    || name.startsWith("org/apache/kafka/raft/")
                    || name.startsWith("scala/")
                    || name.startsWith("org/apache/zookeeper/"))
        .as("dev mode's embedded servers")
        .isEmpty();
    assertThat(slim).filteredOn(ServiceJarIT::onlyForTests).as("test libraries").isEmpty();
  }

  @Test
  void theDevJar_addsEmbeddedMode_withThisPlatformsPostgres_overTheSlimJarBesideIt()
      throws IOException {
    List<String> dev = files(DEV);
    assertThat(dev)
        .contains(
            "dev/marketdata/bootstrap/embedded/DevServicesStarter.class",
            "META-INF/services/dev.marketdata.bootstrap.runtime.EmbeddedServerStarter",
            "dev/marketdata/devservices/postgres/EmbeddedPostgres.class",
            "dev/marketdata/devservices/kafka/EmbeddedKafka.class",
            "kafka/server/KafkaRaftServer.class");
    assertThat(dev)
        .filteredOn(name -> name.matches("postgres-.*\\.txz"))
        .as("PostgreSQL binaries: this platform's only")
        .hasSize(1);
    assertThat(dev).filteredOn(ServiceJarIT::onlyForTests).as("test libraries").isEmpty();
    assertThat(manifest(DEV).getValue(Attributes.Name.MAIN_CLASS))
        .isEqualTo("dev.marketdata.bootstrap.Main");
    assertThat(manifest(DEV).getValue(Attributes.Name.CLASS_PATH)).isEqualTo(SLIM);
  }

  @Test
  void theDevJar_repeatsNoClassOfTheSlimJar() {
    List<String> slim = files(SLIM);
    assertThat(files(DEV))
        .filteredOn(name -> name.endsWith(".class") && slim.contains(name))
        .as("classes in both jars (the artifact sets of bootstrap's pom disagree)")
        .isEmpty();
  }

  @Test
  void theImagesTwoJars_holdTheSlimJarsFiles_ourClassesApartFromTheLibraries() throws IOException {
    List<String> app = files(CONTAINER_APP);
    List<String> libs = files(CONTAINER_LIBS);
    assertThat(app)
        .filteredOn(name -> name.endsWith(".class"))
        .allMatch(name -> name.startsWith("dev/marketdata/"), "only our classes");
    assertThat(libs).noneMatch(name -> name.startsWith("dev/marketdata/"));
    assertThat(Stream.concat(app.stream(), libs.stream()).distinct())
        .containsExactlyInAnyOrderElementsOf(files(SLIM));
    assertThat(manifest(CONTAINER_APP).getValue(Attributes.Name.CLASS_PATH))
        .isEqualTo("lib/market-data-service-libs.jar");
  }

  private static boolean onlyForTests(String name) {
    return name.startsWith("org/junit/")
        || name.startsWith("org/opentest4j/")
        || name.startsWith("org/assertj/")
        || name.startsWith("org/mockito/")
        || name.startsWith("io/zonky/test/db/postgres/junit")
        || name.startsWith("dev/marketdata/devservices/postgres/PostgresExtension")
        || name.startsWith("dev/marketdata/devservices/kafka/KafkaExtension")
        || name.startsWith("dev/marketdata/testsupport/");
  }

  /** The jar's files (no folders). */
  private static List<String> files(String jar) {
    try (JarFile file = new JarFile(ServiceProcess.builtJar(jar).toFile())) {
      return file.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Attributes manifest(String jar) throws IOException {
    try (JarFile file = new JarFile(ServiceProcess.builtJar(jar).toFile())) {
      return file.getManifest().getMainAttributes();
    }
  }
}
