package dev.marketdata.bootstrap.runtime;

import java.nio.file.Path;

/**
 * Starts dev mode's embedded servers in this process. Only the dev jar carries an implementation
 * (ADR 0008); {@link EmbeddedServers} finds it with {@link java.util.ServiceLoader}, so the slim
 * jar, which has none, links no embedded server.
 */
public interface EmbeddedServerStarter {
  /**
   * A server started in this process.
   *
   * @param address how clients reach it: a {@code postgresql://} URL, or Kafka's bootstrap servers
   * @param server stops it
   */
  record Started(String address, AutoCloseable server) {}

  /** PostgreSQL over {@code dataDir}, which keeps its data between runs. */
  Started startPostgres(Path dataDir);

  /** A single-node Kafka broker over {@code dataDir}, which keeps its data between runs. */
  Started startKafka(Path dataDir);
}
