package dev.marketdata.bootstrap.embedded;

import dev.marketdata.bootstrap.runtime.EmbeddedServerStarter;
import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.EmbeddedPostgres;
import java.nio.file.Path;

/**
 * The devservices' PostgreSQL and Kafka as dev mode's embedded servers. Only the dev jar has this
 * class (and the devservices it links); nothing refers to it but its service registration.
 */
public final class DevServicesStarter implements EmbeddedServerStarter {
  @Override
  public Started startPostgres(Path dataDir) {
    // Closed by the service's own ordered shutdown, not by a JVM hook of zonky's.
    EmbeddedPostgres postgres = EmbeddedPostgres.startPersistentOwnedByCaller(dataDir);
    return new Started(postgres.adminDatabase().postgresqlUrl(), postgres);
  }

  @Override
  public Started startKafka(Path dataDir) {
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir);
    return new Started(kafka.bootstrapServers(), kafka);
  }
}
