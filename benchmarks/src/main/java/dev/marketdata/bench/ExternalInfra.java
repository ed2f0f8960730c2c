package dev.marketdata.bench;

import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * External-mode infrastructure started by the harness itself, so that parts needing it depend on
 * nothing but a JDK: PostgreSQL 17 (the zonky binaries, as devservices starts them) on a data
 * folder of its own, and a KRaft broker inside the harness JVM. Services reach both through {@code
 * MDS_DATABASE_URL} and {@code MDS_KAFKA_BOOTSTRAP_SERVERS}, exactly as a deployment does.
 */
final class ExternalInfra implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExternalInfra.class);

  private final EmbeddedPostgres postgres;
  private final EmbeddedKafka kafka;
  private final Path postgresDir;

  private ExternalInfra(EmbeddedPostgres postgres, EmbeddedKafka kafka, Path postgresDir) {
    this.postgres = postgres;
    this.kafka = kafka;
    this.postgresDir = postgresDir;
  }

  static ExternalInfra start(Path dir) {
    Path pgDir = dir.resolve("postgres").toAbsolutePath();
    EmbeddedPostgres postgres = EmbeddedPostgres.startPersistentOwnedByCaller(pgDir);
    try {
      EmbeddedKafka kafka = EmbeddedKafka.start();
      log.info(
          "external infra: PostgreSQL port {} ({}), Kafka {}",
          postgres.port(),
          pgDir,
          kafka.bootstrapServers());
      return new ExternalInfra(postgres, kafka, pgDir);
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  /** What a service needs to run in external mode against this infrastructure. */
  Map<String, String> env() {
    return Map.of(
        "MDS_DATABASE_URL",
        "postgresql://postgres@127.0.0.1:" + postgres.port() + "/postgres",
        "MDS_KAFKA_BOOTSTRAP_SERVERS",
        kafka.bootstrapServers());
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres?user=postgres";
  }

  /** Resident memory of the PostgreSQL processes, MiB. */
  double postgresRssMiB() {
    return ProcStats.matching(postgresDir.toString())
            .mapToLong(p -> ProcStats.rssKiB(p.pid()))
            .sum()
        / 1024.0;
  }

  /** CPU seconds used so far by the PostgreSQL processes that are alive now. */
  double postgresCpuSeconds() {
    return ProcStats.matching(postgresDir.toString())
            .mapToLong(p -> ProcStats.cpuTicks(p.pid()))
            .sum()
        / ProcStats.CLOCK_TICKS;
  }

  String describe() {
    return "PostgreSQL 17 (zonky, own data folder) and a KRaft broker in the harness JVM";
  }

  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      postgres.close();
    }
  }
}
